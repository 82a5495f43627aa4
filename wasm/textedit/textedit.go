// Package textedit computes the edits a code editor makes to its text: the
// one replacement that turns a text into another (so a browser's undo history
// records only what changed), and indenting or outdenting the lines a
// selection touches. Offsets are bytes; edits never split a UTF-8 sequence.
package textedit

import (
	"strings"
	"unicode/utf8"
)

// Edit replaces the bytes [Start, End) of a text with Text.
type Edit struct {
	Start, End int
	Text       string
}

// Apply returns s with the edit made.
func (e Edit) Apply(s string) string { return s[:e.Start] + e.Text + s[e.End:] }

// Diff returns the smallest single edit that turns a into b: it keeps the
// longest common prefix and then the longest common suffix of what remains,
// both cut at character boundaries. Equal texts give an empty edit at len(a).
func Diff(a, b string) Edit {
	n := min(len(a), len(b))
	prefix := 0
	for prefix < n && a[prefix] == b[prefix] {
		prefix++
	}
	for prefix > 0 && (prefix < len(a) && !utf8.RuneStart(a[prefix]) || prefix < len(b) && !utf8.RuneStart(b[prefix])) {
		prefix--
	}
	m := n - prefix
	suffix := 0
	for suffix < m && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	for suffix > 0 && (!utf8.RuneStart(a[len(a)-suffix]) || !utf8.RuneStart(b[len(b)-suffix])) {
		suffix--
	}
	return Edit{Start: prefix, End: len(a) - suffix, Text: b[prefix : len(b)-suffix]}
}

// LineBlock widens [s, e) to whole lines, without their final newline; a
// selection ending at the start of a line does not take that line.
func LineBlock(text string, s, e int) (int, int) {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	if e > s && text[e-1] == '\n' {
		e--
	}
	le := len(text)
	if i := strings.IndexByte(text[e:], '\n'); i >= 0 {
		le = e + i
	}
	return ls, le
}

// Indent is what Tab does to the selection [s, e) of text: within one line
// it replaces the selection with indent (the caret goes after it: selS and
// selE are -1); across lines it puts indent before every non-empty line the
// selection touches and selects those lines (selS, selE: byte offsets in the
// edited text).
func Indent(text string, s, e int, indent string) (ed Edit, selS, selE int) {
	if !strings.Contains(text[s:e], "\n") {
		return Edit{Start: s, End: e, Text: indent}, -1, -1
	}
	ls, le := LineBlock(text, s, e)
	lines := strings.Split(text[ls:le], "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	block := strings.Join(lines, "\n")
	return Edit{Start: ls, End: le, Text: block}, ls, ls + len(block)
}

// Outdent is what Shift+Tab does: it removes up to one indent (that many
// spaces, or one tab) from the start of every line the selection [s, e)
// touches. A caret stays where it was in its line; a selection selects the
// lines. ok is false when there was nothing to remove.
func Outdent(text string, s, e int, indent string) (ed Edit, selS, selE int, ok bool) {
	ls, le := LineBlock(text, s, e)
	lines := strings.Split(text[ls:le], "\n")
	removedFirst := 0
	for i, l := range lines {
		n := 0
		for n < len(l) && n < len(indent) && l[n] == ' ' {
			n++
		}
		if n == 0 && strings.HasPrefix(l, "\t") {
			n = 1
		}
		if n > 0 {
			ok = true
		}
		if i == 0 {
			removedFirst = n
		}
		lines[i] = l[n:]
	}
	if !ok {
		return Edit{}, 0, 0, false
	}
	block := strings.Join(lines, "\n")
	ed = Edit{Start: ls, End: le, Text: block}
	if s == e {
		c := max(ls, s-removedFirst)
		return ed, c, c, true
	}
	return ed, ls, ls + len(block), true
}
