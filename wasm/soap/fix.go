package soap

import "fmt"

// ApplyFix applies a body fix (Field "") to src and returns the new text.
func ApplyFix(src string, f Fix) (string, error) {
	if f.Field != FieldBody {
		return "", fmt.Errorf("soap: fix %q edits the %s, not the body", f.Title, f.Field)
	}
	return Replace(src, f.Span, f.Text)
}

// Replace replaces the text in span of src with text.
func Replace(src string, sp Span, text string) (string, error) {
	lines := NewLines(src)
	start, ok := lines.Offset(sp.Start)
	if !ok {
		return "", fmt.Errorf("soap: line %d, column %d is not in the text", sp.Start.Line, sp.Start.Col)
	}
	end, ok := lines.Offset(sp.End)
	if !ok || end < start {
		return "", fmt.Errorf("soap: line %d, column %d is not in the text", sp.End.Line, sp.End.Col)
	}
	return src[:start] + text + src[end:], nil
}
