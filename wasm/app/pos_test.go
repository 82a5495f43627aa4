//go:build js && wasm

package main

import (
	"testing"

	"umplay/wasm/soap"
)

func TestLineIndex(t *testing.T) {
	text := "ab\nçé😀x\n\nz"
	ix := newLineIndex(text)
	tests := []struct {
		p    soap.Pos
		want int
	}{
		{soap.Pos{Line: 1, Col: 1}, 0},
		{soap.Pos{Line: 1, Col: 3}, 2},
		{soap.Pos{Line: 1, Col: 9}, 2}, // clamped to the line end
		{soap.Pos{Line: 2, Col: 3}, 7},
		{soap.Pos{Line: 2, Col: 4}, 11},
		{soap.Pos{Line: 3, Col: 1}, 13},
		{soap.Pos{Line: 4, Col: 2}, 15},
		{soap.Pos{Line: 9, Col: 1}, 15},
	}
	for _, tt := range tests {
		if got := ix.offset(tt.p); got != tt.want {
			t.Errorf("offset(%v) = %d, want %d", tt.p, got, tt.want)
		}
		if tt.p.Line <= 4 && tt.p.Col < 5 {
			if got := ix.pos(tt.want); got != tt.p {
				t.Errorf("pos(%d) = %v, want %v", tt.want, got, tt.p)
			}
		}
	}
	if got := utf16Len("çé😀x"); got != 5 {
		t.Errorf("utf16Len = %d, want 5", got)
	}
	if got := byteOffset(text, 7); got != 11 { // "ab\nçé" + surrogate pair = 7 units
		t.Errorf("byteOffset(7) = %d, want 11", got)
	}
	if got := byteOffset(text, 6); got != 7 { // inside the pair: its start
		t.Errorf("byteOffset(6) = %d, want 7", got)
	}
}
