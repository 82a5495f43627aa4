package textpos

import (
	"testing"
	"unicode/utf16"
)

func TestLines(t *testing.T) {
	text := "ab\nçé😀x\n\nz"
	l := New(text)
	if l.Count() != 4 {
		t.Fatalf("New(%q).Count() = %d, want 4", text, l.Count())
	}
	tests := []struct {
		line, start, end int
	}{
		{1, 0, 3}, {2, 3, 13}, {3, 13, 14}, {4, 14, 15},
		{0, 0, 3}, {9, 14, 15}, // clamped
	}
	for _, tt := range tests {
		if s, e := l.Start(tt.line), l.End(tt.line); s != tt.start || e != tt.end {
			t.Errorf("Start, End(%d) = %d, %d, want %d, %d", tt.line, s, e, tt.start, tt.end)
		}
	}
	for off, want := range []int{1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 4} {
		if got := l.Line(off); got != want {
			t.Errorf("Line(%d) = %d, want %d", off, got, want)
		}
	}
	if got := l.Line(-5); got != 1 {
		t.Errorf("Line(-5) = %d, want 1", got)
	}
	if got := New("").Count(); got != 1 {
		t.Errorf(`New("").Count() = %d, want 1`, got)
	}
	if got := New("a\n").Count(); got != 2 {
		t.Errorf(`New("a\n").Count() = %d, want 2`, got)
	}
}

func TestUTF16(t *testing.T) {
	text := "ab\nçé😀x\n\nz"
	tests := []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"çé😀x", 5}, {"😀😀", 4}, {"\xff", 1}, {"\xf0\x9f", 2}, {"\xf0\x9f\x98", 3},
	}
	for _, tt := range tests {
		if got := UTF16Len(tt.in); got != tt.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	offs := []struct{ u, want int }{
		{-1, 0}, {0, 0}, {3, 3}, {4, 5}, {5, 7},
		{6, 7},  // inside the surrogate pair: its start
		{7, 11}, // "ab\nçé" + the pair = 7 units
		{99, len(text)},
	}
	for _, tt := range offs {
		if got := ByteOffset(text, tt.u); got != tt.want {
			t.Errorf("ByteOffset(%q, %d) = %d, want %d", text, tt.u, got, tt.want)
		}
	}
}

// FuzzUTF16 checks UTF16Len and ByteOffset against unicode/utf16 and each
// other, and Lines against a byte-by-byte count.
func FuzzUTF16(f *testing.F) {
	for _, s := range []string{"", "ab\nçé😀x\n\nz", "\xff\xfe\n", "<a>\r\n</a>"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, u int) {
		n := UTF16Len(s)
		if want := len(utf16.Encode([]rune(s))); n != want {
			t.Fatalf("UTF16Len(%q) = %d, want %d", s, n, want)
		}
		b := ByteOffset(s, u)
		if b < 0 || b > len(s) {
			t.Fatalf("ByteOffset(%q, %d) = %d: outside the text", s, u, b)
		}
		if got := UTF16Len(s[:b]); u >= 0 && u <= n && (got > u || got < u-1) {
			t.Fatalf("ByteOffset(%q, %d) = %d, which is %d units", s, u, b, got)
		}
		if u >= 0 && u <= n {
			if got := ByteOffset(s, UTF16Len(s[:b])); got != b {
				t.Fatalf("ByteOffset(%q, UTF16Len(s[:%d])) = %d, want %d", s, b, got, b)
			}
		}
		l := New(s)
		line := 1
		for i := 0; i <= len(s); i++ {
			if got := l.Line(i); got != line {
				t.Fatalf("New(%q).Line(%d) = %d, want %d", s, i, got, line)
			}
			if l.Start(line) > i || l.End(line) < i {
				t.Fatalf("New(%q): line %d is [%d, %d), offset %d", s, line, l.Start(line), l.End(line), i)
			}
			if i < len(s) && s[i] == '\n' {
				line++
			}
		}
		if l.Count() != line {
			t.Fatalf("New(%q).Count() = %d, want %d", s, l.Count(), line)
		}
	})
}
