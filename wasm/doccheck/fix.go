package doccheck

import (
	"cmp"
	"slices"
	"strings"

	"umplay/wasm/report"
	"umplay/wasm/soap"
)

// Safe tells whether a fix may be applied unattended (umplay check --fix):
// it replaces a typo of a real namespace — the https:// form, or
// …/2006/message without the s — with that namespace, and nothing else.
// The decision reads only the replaced text and the replacement, so it
// holds whichever check proposed the fix and whatever the SOAPAction.
func Safe(replaced, replacement string) bool {
	real, ok := soap.NamespaceTypo(replaced)
	return ok && real == replacement
}

// edit replaces text[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// Fix applies to text every safe fix of the units' diagnostics (positions
// in text's coordinates, as Markdown and XML return them) and returns the
// new text and how many fixes it applied. All edits are against the original
// text; of overlapping edits the first in
// text order wins, identical ones count once. Everything outside the
// edits stays byte for byte.
func Fix(text string, units []Unit) (string, int) {
	lines := newLines(text)
	var edits []edit
	for _, u := range units {
		for _, d := range u.Diagnostics {
			if e, ok := safeEdit(text, lines, d); ok {
				edits = append(edits, e)
			}
		}
	}
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	kept := edits[:0]
	for _, e := range edits {
		if n := len(kept); n > 0 && e.start < kept[n-1].end {
			continue // overlaps (or repeats) the one before
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		return text, 0
	}
	// Every offset is into the original text, so building the result in
	// one forward pass is the same as applying the edits from the end.
	var b strings.Builder
	b.Grow(len(text))
	at := 0
	for _, e := range kept {
		b.WriteString(text[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(text[at:])
	return b.String(), len(kept)
}

func safeEdit(text string, lines []int, d report.Diagnostic) (edit, bool) {
	f := d.Fix
	if f == nil || f.Field != "" {
		return edit{}, false
	}
	start, ok1 := offsetOf(text, lines, f.Line, f.Column)
	end, ok2 := offsetOf(text, lines, f.EndLine, f.EndColumn)
	if !ok1 || !ok2 || end <= start || !Safe(text[start:end], f.Text) {
		return edit{}, false
	}
	return edit{start, end, f.Text}, true
}
