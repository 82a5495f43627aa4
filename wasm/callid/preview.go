package callid

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// Preview returns the start of text for display, at most max bytes of it:
// cut at a character boundary, with every control character (C0, DEL, C1),
// format character (bidirectional controls, zero-width characters) and line
// or paragraph separator written as a visible escape (\n, \x01, \u202e), so
// that binary text is shown on one line and exactly as it is. more is the
// number of bytes of text the preview leaves out (0 when all of it is there).
func Preview(text string, max int) (preview string, more int) {
	var b strings.Builder
	b.Grow(min(len(text), max))
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		piece := text[i : i+size]
		if size == 1 && r == utf8.RuneError {
			piece = hexEscape(`\x`, rune(text[i]), 2)
		} else if e := escape(r); e != "" {
			piece = e
		}
		if b.Len()+len(piece) > max {
			break
		}
		b.WriteString(piece)
		i += size
	}
	return b.String(), len(text) - i
}

// escape returns the visible escape of r, or "" if r shows as itself.
func escape(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	switch {
	case r < 0x20 || r == 0x7f:
		return hexEscape(`\x`, r, 2)
	case 0x80 <= r && r < 0xa0, unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
		return hexEscape(`\u`, r, 4)
	}
	return ""
}

// Mark is a piece of a raw CallId as the page shows it.
type Mark struct {
	// Text is raw text, whole UTF-8 sequences; "" for an insertion point
	// (a problem with Offset == End: something is missing there).
	Text string
	// Severity is that of the worst problem over Text (Error over Warning),
	// "" where no problem points.
	Severity string
}

// Marks cuts the start of r.Raw into pieces by the problems that point at
// them, for the page to highlight: at most maxBytes bytes and maxLines line
// ends of it, cut at a character boundary. The CodeMore summary marks
// nothing (its range spans problems that are not listed). more is the number
// of bytes of r.Raw left out. Time is linear in the problems and the bytes
// shown.
func Marks(r Result, maxBytes, maxLines int) (marks []Mark, more int) {
	raw := r.Raw
	limit := min(max(maxBytes, 0), len(raw))
	for limit < len(raw) && limit > 0 && !utf8.RuneStart(raw[limit]) {
		limit--
	}
	for i, n := 0, 0; i < limit; i++ {
		if raw[i] == '\n' {
			if n++; n >= maxLines {
				limit = i + 1
				break
			}
		}
	}
	if maxLines <= 0 {
		limit = 0
	}
	// snap moves an offset into [0, limit] and onto a character start.
	snap := func(i int) int {
		i = min(max(i, 0), limit)
		for i < limit && !utf8.RuneStart(raw[i]) {
			i++
		}
		return i
	}
	pts := []int{0, limit}
	for _, p := range r.Problems {
		if p.Code == CodeMore {
			continue
		}
		s, e := snap(p.Offset), snap(max(p.End, p.Offset))
		if p.Offset <= limit {
			pts = append(pts, s, e)
		}
	}
	sort.Stable(sort.IntSlice(pts)) // not sort.Ints: its generic pdqsort would be linked too
	pts = uniq(pts)
	at := func(i int) int { return sort.SearchInts(pts, i) }
	errs, warns := make([]int, len(pts)), make([]int, len(pts))
	inserts := make([][]string, len(pts))
	for _, p := range r.Problems {
		if p.Code == CodeMore || p.Offset > limit {
			continue
		}
		s, e := snap(p.Offset), snap(max(p.End, p.Offset))
		if p.Offset == p.End {
			inserts[at(s)] = append(inserts[at(s)], p.Severity)
			continue
		}
		if s == e {
			continue
		}
		d := warns
		if p.Severity == Error {
			d = errs
		}
		d[at(s)]++
		d[at(e)]--
	}
	nErr, nWarn := 0, 0
	for k, pt := range pts {
		for _, sev := range inserts[k] {
			marks = append(marks, Mark{Severity: sev})
		}
		nErr += errs[k]
		nWarn += warns[k]
		if k+1 == len(pts) || pts[k+1] == pt {
			continue
		}
		sev := ""
		switch {
		case nErr > 0:
			sev = Error
		case nWarn > 0:
			sev = Warning
		}
		text := raw[pt:pts[k+1]]
		if n := len(marks); n > 0 && marks[n-1].Text != "" && marks[n-1].Severity == sev && len(inserts[k]) == 0 {
			marks[n-1].Text = raw[pt-len(marks[n-1].Text) : pts[k+1]]
			continue
		}
		marks = append(marks, Mark{Text: text, Severity: sev})
	}
	return marks, len(raw) - limit
}

// uniq drops repeated values of a sorted slice.
func uniq(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// hexEscape is prefix and r in lower-case hex of at least digits digits,
// as fmt's prefix%0*x wrote it.
func hexEscape(prefix string, r rune, digits int) string { return prefix + msg.Hex(r, digits, false) }
