package textedit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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
		s, e := LineBlock(text, tt.s, tt.e)
		if s != tt.wantS || e != tt.wantEnd {
			t.Errorf("LineBlock(%q, %d, %d) = %d, %d, want %d, %d", text, tt.s, tt.e, s, e, tt.wantS, tt.wantEnd)
		}
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want Edit
	}{
		{"abc", "abc", Edit{3, 3, ""}},
		{"abXc", "abYc", Edit{2, 3, "Y"}},
		{"", "x", Edit{0, 0, "x"}},
		{"aaa", "aa", Edit{2, 3, ""}},
		{"xé", "xè", Edit{1, 3, "è"}}, // é and è share their first byte: cut before it
		{"éa", "èa", Edit{0, 2, "è"}},
		{"<a>\n</a>", "<a>\n  <b/>\n</a>", Edit{4, 4, "  <b/>\n"}},
	}
	for _, tt := range tests {
		got := Diff(tt.a, tt.b)
		if got != tt.want {
			t.Errorf("Diff(%q, %q) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
		if s := got.Apply(tt.a); s != tt.b {
			t.Errorf("Diff(%q, %q).Apply = %q", tt.a, tt.b, s)
		}
	}
}

func TestIndent(t *testing.T) {
	tests := []struct {
		name, text string
		s, e       int
		want       string
		selS, selE int
	}{
		{"caret", "ab\ncd", 1, 1, "a  b\ncd", -1, -1},
		{"selection in a line", "abcd", 1, 3, "a  d", -1, -1},
		{"two lines", "ab\n\ncd\nef", 1, 5, "  ab\n\n  cd\nef", 0, 10},
		{"ends at a line start", "ab\ncd\nef", 0, 3, "  ab\ncd\nef", 0, 4},
		{"ends at a line start, two lines", "ab\ncd\nef", 0, 6, "  ab\n  cd\nef", 0, 9},
	}
	for _, tt := range tests {
		ed, s, e := Indent(tt.text, tt.s, tt.e, "  ")
		if got := ed.Apply(tt.text); got != tt.want || s != tt.selS || e != tt.selE {
			t.Errorf("%s: Indent(%q, %d, %d) gives %q, selection %d, %d; want %q, %d, %d", tt.name, tt.text, tt.s, tt.e, got, s, e, tt.want, tt.selS, tt.selE)
		}
	}
}

func TestOutdent(t *testing.T) {
	tests := []struct {
		name, text string
		s, e       int
		want       string
		selS, selE int
		ok         bool
	}{
		{"caret", "    ab\ncd", 5, 5, "  ab\ncd", 3, 3, true},
		{"caret in the indent", "  ab", 1, 1, "ab", 0, 0, true},
		{"tab", "\tab", 2, 2, "ab", 1, 1, true},
		{"lines", "  ab\n cd\nef", 0, 8, "ab\ncd\nef", 0, 5, true},
		{"nothing", "ab\ncd", 1, 4, "ab\ncd", 0, 0, false},
	}
	for _, tt := range tests {
		ed, s, e, ok := Outdent(tt.text, tt.s, tt.e, "  ")
		got := tt.text
		if ok {
			got = ed.Apply(tt.text)
		}
		if got != tt.want || s != tt.selS || e != tt.selE || ok != tt.ok {
			t.Errorf("%s: Outdent(%q, %d, %d) gives %q, %d, %d, %v; want %q, %d, %d, %v", tt.name, tt.text, tt.s, tt.e, got, s, e, ok, tt.want, tt.selS, tt.selE, tt.ok)
		}
	}
}

// FuzzDiff: the edit turns a into b, is minimal at both ends (up to a
// character boundary) and never cuts a UTF-8 sequence.
func FuzzDiff(f *testing.F) {
	f.Add("abXc", "abYc")
	f.Add("xé", "xè")
	f.Add("<a>\n</a>", "<a>\n  <b/>\n</a>")
	f.Fuzz(func(t *testing.T, a, b string) {
		ed := Diff(a, b)
		if ed.Start < 0 || ed.Start > ed.End || ed.End > len(a) {
			t.Fatalf("Diff(%q, %q) = %+v: out of range", a, b, ed)
		}
		if got := ed.Apply(a); got != b {
			t.Fatalf("Diff(%q, %q).Apply = %q", a, b, got)
		}
		if !strings.HasPrefix(b, a[:ed.Start]) || !strings.HasSuffix(b, a[ed.End:]) {
			t.Fatalf("Diff(%q, %q) = %+v: kept bytes differ", a, b, ed)
		}
		if a == b && ed.Start != ed.End {
			t.Fatalf("Diff(%q, %q) = %+v for equal texts", a, b, ed)
		}
		// Only texts that are both UTF-8 must be cut at character
		// boundaries (the editor's always are); an edit to or from bytes
		// that are not text has no characters to keep whole.
		if utf8.ValidString(a) && utf8.ValidString(b) &&
			(!utf8.ValidString(ed.Text) || !utf8.ValidString(a[:ed.Start]) || !utf8.ValidString(a[ed.End:])) {
			t.Fatalf("Diff(%q, %q) = %+v cuts a character", a, b, ed)
		}
	})
}

// FuzzIndent: Outdent after Indent of a multi-line selection gives the text
// back when no line started with a space or tab.
func FuzzIndent(f *testing.F) {
	f.Add("ab\ncd\nef", 1, 7)
	f.Fuzz(func(t *testing.T, text string, s, e int) {
		if len(text) == 0 {
			return
		}
		s, e = int(uint(s)%uint(len(text)+1)), int(uint(e)%uint(len(text)+1))
		if s > e {
			s, e = e, s
		}
		ed, selS, selE := Indent(text, s, e, "  ")
		out := ed.Apply(text)
		if selS < 0 {
			if out != text[:s]+"  "+text[e:] {
				t.Fatalf("Indent(%q, %d, %d) = %q", text, s, e, out)
			}
			return
		}
		if selS > selE || selE > len(out) {
			t.Fatalf("Indent(%q, %d, %d): selection %d, %d outside %q", text, s, e, selS, selE, out)
		}
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
				return
			}
		}
		if out == text {
			return // only empty lines: nothing was indented, nothing to take back
		}
		back, _, _, ok := Outdent(out, selS, selE, "  ")
		if !ok || back.Apply(out) != text {
			t.Fatalf("Outdent(Indent(%q, %d, %d)) = %q, want the text", text, s, e, back.Apply(out))
		}
	})
}
