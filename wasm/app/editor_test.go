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

func TestDiffBounds(t *testing.T) {
	tests := []struct {
		a, b string
		p, s int
	}{
		{"abc", "abc", 3, 0},
		{"abXc", "abYc", 2, 1},
		{"", "x", 0, 0},
		{"aaa", "aa", 2, 0},
		{"xé", "xè", 1, 0}, // é and è share their first byte: cut before it
		{"éa", "èa", 0, 1},
	}
	for _, tt := range tests {
		p, s := diffBounds(tt.a, tt.b)
		if p != tt.p || s != tt.s {
			t.Errorf("diffBounds(%q, %q) = %d, %d, want %d, %d", tt.a, tt.b, p, s, tt.p, tt.s)
		}
		if got := tt.a[:p] + tt.b[p:len(tt.b)-s] + tt.a[len(tt.a)-s:]; got != tt.b {
			t.Errorf("diffBounds(%q, %q): splice gives %q", tt.a, tt.b, got)
		}
	}
}
