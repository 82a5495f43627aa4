package soap

import "sort"

// Lines is the line table of a text, built in one pass: where each line
// starts, and how many characters come before every 256th byte, so that a
// byte offset becomes a line and column in O(log n) plus at most 256 bytes
// of counting — whatever the number of positions asked for (go/token.File
// keeps line starts the same way).
//
// Lines end at LF, CRLF or a lone CR (XML 1.0 §2.11, which .NET's reader
// follows). Columns count characters: every byte that does not continue a
// UTF-8 sequence starts one (so invalid bytes count one each, as
// utf8.RuneCountInString counts them).
type Lines struct {
	src    string
	starts []int   // byte offset of each line start
	chars  []int32 // chars[k]: characters in src[:k*chunk]
	// tailASCII: the last chunk has no byte ≥ 0x80 (for the others,
	// chars[k+1]-chars[k] == chunk says so).
	tailASCII bool
}

const chunk = 256

// NewLines builds the line table of src.
func NewLines(src string) *Lines {
	l := &Lines{src: src, starts: make([]int, 1, 64), chars: make([]int32, 0, len(src)/chunk+1)}
	n := int32(0)
	for i := 0; i < len(src); i++ {
		if i%chunk == 0 {
			l.chars = append(l.chars, n)
		}
		c := src[i]
		if c&0xC0 != 0x80 {
			n++
		}
		switch {
		case c == '\n':
			l.starts = append(l.starts, i+1)
		case c == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			l.starts = append(l.starts, i+1)
		}
	}
	k := len(l.chars) - 1
	l.tailASCII = k < 0 || int(n-l.chars[k]) == len(src)-k*chunk
	return l
}

// Count is the number of lines.
func (l *Lines) Count() int { return len(l.starts) }

// Start is the byte offset where line (1-based) starts.
func (l *Lines) Start(line int) int { return l.starts[line-1] }

// charsBefore is the number of characters in src[:off].
func (l *Lines) charsBefore(off int) int {
	k := off / chunk
	if k >= len(l.chars) {
		k = len(l.chars) - 1
	}
	if k < 0 {
		return 0
	}
	n := int(l.chars[k])
	if k+1 < len(l.chars) && l.chars[k+1]-l.chars[k] == chunk || k+1 == len(l.chars) && l.tailASCII {
		return n + off - k*chunk // an ASCII chunk: one character a byte
	}
	for i := k * chunk; i < off; i++ {
		if l.src[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// clamp keeps off inside the text.
func (l *Lines) clamp(off int) int {
	return min(max(off, 0), len(l.src))
}

// Pos is the position of the character at byte offset off; an offset
// inside a multi-byte character moves back to its first byte.
func (l *Lines) Pos(off int) Pos {
	off = l.clamp(off)
	for off > 0 && off < len(l.src) && l.src[off]&0xC0 == 0x80 && off > l.lineStart(off) {
		off--
	}
	return l.at(off)
}

// End is the position just past a range that ends at byte offset off; an
// offset inside a multi-byte character moves forward past it.
func (l *Lines) End(off int) Pos {
	off = l.clamp(off)
	for off < len(l.src) && l.src[off]&0xC0 == 0x80 && off > 0 {
		off++
	}
	return l.at(off)
}

// Span is the range of bytes [start, end): Start never after End, neither
// inside a character (an end before the start gives the first character).
func (l *Lines) Span(start, end int) Span {
	if end < start {
		end = start + 1 // a range that ends before it starts covers its first character
	}
	s := l.Pos(start)
	return Span{Start: s, End: l.End(max(end, s.Offset))}
}

func (l *Lines) line(off int) int {
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
}

func (l *Lines) lineStart(off int) int { return l.starts[l.line(off)] }

func (l *Lines) at(off int) Pos {
	i := l.line(off)
	return Pos{Line: i + 1, Col: l.charsBefore(off) - l.charsBefore(l.starts[i]) + 1, Offset: off}
}

// Offset converts a position back into a byte offset; ok is false when the
// position is not in the text (a column past its line's end, line break
// included).
func (l *Lines) Offset(at Pos) (int, bool) {
	if at.Line < 1 || at.Line > len(l.starts) || at.Col < 1 {
		return 0, false
	}
	off := l.starts[at.Line-1]
	end := len(l.src)
	if at.Line < len(l.starts) {
		end = l.starts[at.Line] // past the line break
	}
	for c := 1; c < at.Col; c++ {
		if off >= end {
			return 0, false
		}
		off++
		for off < end && l.src[off]&0xC0 == 0x80 {
			off++
		}
	}
	return off, true
}
