package callid

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPreview(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
		more int
	}{
		{"fits", docGUID + "@um.contoso.com", 100, docGUID + "@um.contoso.com", 0},
		{"cut", "abcdef", 4, "abcd", 2},
		{"cut before a multi-byte character", "ab亾c", 4, "ab", 4},
		{"multi-byte character that fits", "ab亾c", 5, "ab亾", 1},
		{"controls are escaped", "a\x00b\x1f\x7f\n\r\t", 100, `a\x00b\x1f\x7f\n\r\t`, 0},
		{"an escape is not cut", "a\x01", 4, "a", 1},
		{"C1 and format characters", "a\u0085\u202e\u200bb\u2028", 100, `a\u0085\u202e\u200bb\u2028`, 0},
		{"replacement characters stay", "\uFFFD\uFFFD", 100, "\uFFFD\uFFFD", 0},
		{"invalid UTF-8", "a\xffb", 100, `a\xffb`, 0},
		{"nothing", "", 10, "", 0},
		{"max 0", "abc", 0, "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, more := Preview(tt.in, tt.max)
			if got != tt.want || more != tt.more {
				t.Errorf("Preview(%q, %d) = %q, %d, want %q, %d", tt.in, tt.max, got, more, tt.want, tt.more)
			}
		})
	}
}

// TestPreviewBinary: 256 KiB of 'x' (issue 7's page freeze) decodes to
// binary; its preview is small, on one line, valid UTF-8.
func TestPreviewBinary(t *testing.T) {
	r := Decode(strings.Repeat("x", 256<<10))
	got, more := Preview(r.Decoded, 4096)
	if len(got) > 4096 || more == 0 || !utf8.ValidString(got) || strings.ContainsAny(got, "\n\r\x00") {
		t.Errorf("Preview of %d decoded bytes = %d bytes (more %d), want at most 4096 on one line", len(r.Decoded), len(got), more)
	}
	if len(got)+more < len(r.Decoded)/4 {
		t.Errorf("Preview counts %d bytes left out of %d after %d shown", more, len(r.Decoded), len(got))
	}
}

func TestMarks(t *testing.T) {
	e, w := Error, Warning
	tests := []struct {
		name   string
		in     string
		bytes  int
		lines  int
		want   []Mark
		wantMo int
	}{
		{"valid", docID, 1000, 10, []Mark{{docID, ""}}, 0},
		{"bad character", "MDlk*GZj", 1000, 10, []Mark{{"MDlk", ""}, {"*", e}, {"GZj", ""}}, 0},
		{"multi-byte character", "MDlk\u00e9GZj", 1000, 10, []Mark{{"MDlk", ""}, {"\u00e9", e}, {"GZj", ""}}, 0},
		{"missing padding is an insertion point", "QQ", 1000, 10, []Mark{{"QQ", ""}, {"", e}}, 0},
		{"whitespace is a warning", " " + docID + "\n", 1000, 10, []Mark{{" ", w}, {docID, ""}, {"\n", w}}, 0},
		{"adjacent bad characters merge", "QU!!", 1000, 10, []Mark{{"QU", ""}, {"!!", e}}, 0},
		{"cut by bytes", "QU!!!!", 4, 10, []Mark{{"QU", ""}, {"!!", e}}, 2},
		{"cut at a character start", "QU\u00e9\u00e9", 3, 10, []Mark{{"QU", ""}}, 4},
		{"cut by lines", docID[:50] + "\n" + docID[50:60] + "\n" + docID[60:], 1000, 2, []Mark{{docID[:50], ""}, {"\n", w}, {docID[50:60], ""}, {"\n", w}}, len(docID) - 60},
		{"empty", "", 1000, 10, []Mark{{"", e}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, more := Marks(Decode(tt.in), tt.bytes, tt.lines)
			if !reflect.DeepEqual(got, tt.want) || more != tt.wantMo {
				t.Errorf("Marks(Decode(%q), %d, %d) = %q, %d, want %q, %d", tt.in, tt.bytes, tt.lines, got, more, tt.want, tt.wantMo)
			}
		})
	}
}

// TestMarksSummary: the CodeMore summary marks nothing, and many problems
// cost no more than the bytes shown.
func TestMarksSummary(t *testing.T) {
	in := strings.Repeat("!", 5000)
	r := Decode(in)
	marks, more := Marks(r, 200, 10)
	want := []Mark{{strings.Repeat("!", 100), Error}, {strings.Repeat("!", 100), ""}}
	if !reflect.DeepEqual(marks, want) || more != 4800 {
		t.Fatalf("Marks(Decode(5000 '!'), 200, 10) = %d marks, more %d; want 100 '!' as an error, 100 unmarked, more 4800", len(marks), more)
	}
}

// checkMarks compares Marks with a byte-by-byte reading of the problems.
func checkMarks(t *testing.T, r Result, maxBytes, maxLines int) {
	t.Helper()
	marks, more := Marks(r, maxBytes, maxLines)
	var text strings.Builder
	worst := map[int]string{}
	for _, p := range r.Problems {
		if p.Code == CodeMore {
			continue
		}
		for i := p.Offset; i < p.End; i++ {
			if worst[i] == "" || p.Severity == Error {
				worst[i] = p.Severity
			}
		}
	}
	for i, m := range marks {
		if m.Text == "" {
			continue
		}
		if i > 0 && marks[i-1].Text != "" && marks[i-1].Severity == m.Severity {
			t.Errorf("Marks(%q): marks %d and %d both %q, want them merged", r.Raw, i-1, i, m.Severity)
		}
		start := text.Len()
		text.WriteString(m.Text)
		for j := start; j < text.Len(); j++ {
			if utf8.RuneStart(r.Raw[j]) && worst[j] != m.Severity {
				t.Errorf("Marks(%q): byte %d marked %q, a problem says %q", r.Raw, j, m.Severity, worst[j])
			}
		}
	}
	shown := text.String()
	if shown+r.Raw[len(shown):] != r.Raw || more != len(r.Raw)-len(shown) || len(shown) > max(maxBytes, 0) {
		t.Errorf("Marks(%q, %d, %d) shows %q with %d more", r.Raw, maxBytes, maxLines, shown, more)
	}
	if !utf8.ValidString(r.Raw) {
		return
	}
	for _, m := range marks {
		if !utf8.ValidString(m.Text) {
			t.Errorf("Marks(%q): mark %q cuts a character", r.Raw, m.Text)
		}
	}
}

// hexEscape writes what fmt's %02x and %04x wrote before.
func TestHexEscape(t *testing.T) {
	for _, r := range []rune{0, 0x1f, 0x7f, 0x80, 0xad, 0xff, 0x200b, 0xfeff, 0xe0001, 0x10ffff} {
		if got, want := hexEscape(`\x`, r, 2), fmt.Sprintf(`\x%02x`, r); got != want {
			t.Errorf("hexEscape(\\x, %U, 2) = %q, want %q", r, got, want)
		}
		if got, want := hexEscape(`\u`, r, 4), fmt.Sprintf(`\u%04x`, r); got != want {
			t.Errorf("hexEscape(\\u, %U, 4) = %q, want %q", r, got, want)
		}
	}
}
