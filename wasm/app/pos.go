//go:build js && wasm

package main

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"umplay/wasm/soap"
)

// lineIndex maps soap positions (1-based line, 1-based column in code points)
// onto byte offsets of one text, and byte offsets onto the UTF-16 offsets a
// textarea's selection uses.
type lineIndex struct {
	text  string
	start []int // byte offset of each line's first byte
}

func newLineIndex(text string) *lineIndex {
	ix := &lineIndex{text: text, start: make([]int, 1, strings.Count(text, "\n")+1)}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ix.start = append(ix.start, i+1)
		}
	}
	return ix
}

// lines is the number of lines (a final newline starts one more, empty, line).
func (ix *lineIndex) lines() int { return len(ix.start) }

// offset is the byte offset of p, clamped into the text: a line past the end
// gives len(text), a column past the end of its line gives the line's end.
func (ix *lineIndex) offset(p soap.Pos) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(ix.start) {
		return len(ix.text)
	}
	off := ix.start[p.Line-1]
	for col := 1; col < p.Col && off < len(ix.text) && ix.text[off] != '\n'; col++ {
		_, n := utf8.DecodeRuneInString(ix.text[off:])
		off += n
	}
	return off
}

// pos is the soap position of the byte offset off.
func (ix *lineIndex) pos(off int) soap.Pos {
	off = min(max(off, 0), len(ix.text))
	lo, hi := 0, len(ix.start)-1
	for lo < hi { // last line starting at or before off
		mid := (lo + hi + 1) / 2
		if ix.start[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return soap.Pos{Line: lo + 1, Col: utf8.RuneCountInString(ix.text[ix.start[lo]:off]) + 1}
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// byteOffset converts the UTF-16 offset u of s into a byte offset (clamped;
// an offset inside a surrogate pair gives the pair's start).
func byteOffset(s string, u int) int {
	n := 0
	for i, r := range s {
		k := utf16.RuneLen(r)
		if n+k > u {
			return i
		}
		n += k
	}
	return len(s)
}
