// Package textpos maps positions in one text the way a browser's textarea
// needs them: the byte offset where each line starts (lines end at LF; a
// textarea's value has no other line break, HTML §4.10.11), and the UTF-16
// code unit offsets that selectionStart/selectionEnd and textLength count in.
// soap.Pos already carries a byte Offset, so no line:column is converted back.
package textpos

import (
	"strings"
	"unicode/utf8"
)

// Lines is the line table of a text.
type Lines struct {
	size  int   // bytes in the text
	start []int // byte offset of each line's first byte
}

// New builds the line table of text in one pass.
func New(text string) *Lines {
	l := &Lines{size: len(text), start: make([]int, 1, strings.Count(text, "\n")+1)}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		l.start = append(l.start, i)
	}
	return l
}

// Count is the number of lines (a final newline starts one more, empty, line).
func (l *Lines) Count() int { return len(l.start) }

// Start is the byte offset of the first byte of line (1-based, clamped to
// [1, Count]).
func (l *Lines) Start(line int) int {
	return l.start[min(max(line, 1), len(l.start))-1]
}

// End is the byte offset just past line (1-based, clamped), its newline
// included: the start of the next line, or the text's length for the last.
func (l *Lines) End(line int) int {
	line = min(max(line, 1), len(l.start))
	if line == len(l.start) {
		return l.size
	}
	return l.start[line]
}

// Line is the 1-based line holding byte offset off (clamped into the text).
func (l *Lines) Line(off int) int {
	off = min(max(off, 0), l.size)
	lo, hi := 0, len(l.start)-1
	for lo < hi { // last line starting at or before off
		mid := (lo + hi + 1) / 2
		if l.start[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// UTF16Len is the length of s in UTF-16 code units, as JavaScript counts:
// two for a character outside the BMP, one for any other (an invalid byte
// becomes U+FFFD, one unit).
func UTF16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// ByteOffset converts the UTF-16 offset u of s into a byte offset, clamped
// to [0, len(s)]; an offset inside a surrogate pair gives the pair's start.
func ByteOffset(s string, u int) int {
	n := 0
	for i := 0; i < len(s); {
		if n >= u {
			return i
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		k := 1
		if r > 0xFFFF {
			k = 2
		}
		if n+k > u {
			return i
		}
		i += size
		n += k
	}
	return len(s)
}
