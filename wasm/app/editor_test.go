//go:build js && wasm

package main

import "testing"

func TestLineBlock(t *testing.T) {
	text := "ab\ncd\nef"
	tests := []struct {
		s, e           int
		wantS, wantEnd int
	}{
		{0, 0, 0, 2},
		{4, 4, 3, 5},
		{1, 4, 0, 5},
		{1, 6, 0, 5}, // ends at the start of line 3: line 3 not taken
		{7, 8, 6, 8},
	}
	for _, tt := range tests {
		s, e := lineBlock(text, tt.s, tt.e)
		if s != tt.wantS || e != tt.wantEnd {
			t.Errorf("lineBlock(%q, %d, %d) = %d, %d, want %d, %d", text, tt.s, tt.e, s, e, tt.wantS, tt.wantEnd)
		}
	}
}
