package soap

import (
	"errors"
	"strconv"
)

// ApplyFix applies a body fix (Field "") to src and returns the new text.
func ApplyFix(src string, f Fix) (string, error) {
	if f.Field != FieldBody {
		return "", errors.New("soap: fix " + strconv.Quote(f.Title) + " edits the " + f.Field + ", not the body")
	}
	return Replace(src, f.Span, f.Text)
}

// Replace replaces the text in span of src with text.
func Replace(src string, sp Span, text string) (string, error) {
	lines := NewLines(src)
	start, ok := lines.Offset(sp.Start)
	if !ok {
		return "", errors.New("soap: line " + strconv.Itoa(sp.Start.Line) + ", column " + strconv.Itoa(sp.Start.Col) + " is not in the text")
	}
	end, ok := lines.Offset(sp.End)
	if !ok || end < start {
		return "", errors.New("soap: line " + strconv.Itoa(sp.End.Line) + ", column " + strconv.Itoa(sp.End.Col) + " is not in the text")
	}
	return src[:start] + text + src[end:], nil
}
