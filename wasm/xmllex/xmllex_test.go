package xmllex

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkCover fails unless toks tile src exactly, in order, without empty or
// touching runs of the same class.
func checkCover(t *testing.T, src string, toks []Token) {
	t.Helper()
	end := 0
	for i, tk := range toks {
		if tk.Start != end || tk.End <= tk.Start {
			t.Fatalf("Tokens(%q): token %+v after offset %d", src, tk, end)
		}
		if i > 0 && toks[i-1].Class == tk.Class {
			t.Fatalf("Tokens(%q): tokens %d and %d both %q: not merged", src, i-1, i, tk.Class)
		}
		end = tk.End
	}
	if end != len(src) {
		t.Fatalf("Tokens(%q) cover %d bytes, want %d", src, end, len(src))
	}
}

func TestTokensCoverSource(t *testing.T) {
	for _, src := range []string{
		"",
		`<?xml version="1.0"?><a:b x="1" y='&amp;'>t &lt; <![CDATA[x]]><!-- c --></a:b>`,
		"<a", "<a x=\"unterminated\n<b>", "<!DOCTYPE x [<!ENTITY e 'v'>]><x/>", "< a>", "&", "&#x41;", "<a><</a>",
		"é<ü:ß ä=\"ö\">", "<![CDATA[open", "<!-- open", "<?pi", "</", "<a/", "\xff<\xfe>",
	} {
		checkCover(t, src, Tokens(src))
	}
}

func TestTokensClasses(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // class:text
	}{
		{"element", `<m:Disconnect xmlns:m="u">&amp;</m:Disconnect>`, []string{
			"punct:<", "ns:m:", "tag:Disconnect", ": ", "ns:xmlns:", "attr:m", "punct:=", `value:"u"`, "punct:>",
			"entity:&amp;", "punct:</", "ns:m:", "tag:Disconnect", "punct:>"}},
		{"empty element", `<a/>`, []string{"punct:<", "tag:a", "punct:/>"}},
		{"comment", `x<!-- <a> -->y`, []string{":x", "comment:<!-- <a> -->", ":y"}},
		{"cdata", `<![CDATA[<a>]]>`, []string{"punct:<![CDATA[", "cdata:<a>", "punct:]]>"}},
		{"pi", `<?xml version="1.0"?>`, []string{`pi:<?xml version="1.0"?>`}},
		{"doctype", `<!DOCTYPE a [<!ENTITY e "v">]>b`, []string{`doctype:<!DOCTYPE a [<!ENTITY e "v">]>`, ":b"}},
		{"entity in value", `<a b="x&lt;y">`, []string{"punct:<", "tag:a", ": ", "attr:b", "punct:=", `value:"x`, "entity:&lt;", `value:y"`, "punct:>"}},
		{"char ref", `&#x41;&`, []string{"entity:&#x41;", ":&"}},
		{"lone lt", `a < b`, []string{":a < b"}},
		{"unterminated value", "<a b=\"x\nc", []string{"punct:<", "tag:a", ": ", "attr:b", "punct:=", `value:"x`, ":\n", "attr:c"}},
		{"unclosed tag", `<a<b>`, []string{"punct:<", "tag:a", "punct:<", "tag:b", "punct:>"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range Tokens(tt.in) {
			got = append(got, tk.Class.String()+":"+tt.in[tk.Start:tk.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: Tokens(%q) =\n%q\nwant\n%q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPiecesMarks(t *testing.T) {
	src := "<a>hello</a>"
	ps := Pieces(Tokens(src), []Mark{{Start: 1, End: 5, Class: "error"}, {Start: 12, End: 12, Class: "warning"}})
	var marked, empty strings.Builder
	end := 0
	for _, p := range ps {
		if p.Start != end {
			t.Fatalf("Pieces: gap before %+v", p)
		}
		end = p.End
		if p.Empty {
			empty.WriteString(p.Marks)
			continue
		}
		if p.Marks != "" {
			marked.WriteString(src[p.Start:p.End])
		}
	}
	if marked.String() != "a>he" {
		t.Errorf("marked text = %q, want %q", marked.String(), "a>he")
	}
	if empty.String() != "mark--warning" {
		t.Errorf("empty marks = %q, want mark--warning", empty.String())
	}
}

func TestPiecesOverlap(t *testing.T) {
	src := "abcdef"
	ps := Pieces(Tokens(src), []Mark{{Start: 0, End: 4, Class: "warning"}, {Start: 2, End: 6, Class: "error"}, {Start: 3, End: 5, Class: "error"}})
	var got []string
	for _, p := range ps {
		got = append(got, src[p.Start:p.End]+"="+p.Marks)
	}
	want := []string{"ab=mark--warning", "c=mark--error mark--warning", "d=mark--error mark--warning", "e=mark--error", "f=mark--error"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Pieces(overlap) = %q, want %q", got, want)
	}
}

func TestWindow(t *testing.T) {
	src := "<a>\n<b/>\n</a>\n"
	toks := Tokens(src)
	marks := []Mark{
		{Start: 1, End: 2, Class: "error"},   // before the window
		{Start: 2, End: 6, Class: "warning"}, // crosses its start
		{Start: 9, End: 9, Class: "error"},   // zero-width at its end
	}
	wt, wm := Window(toks, marks, 4, 9) // "<b/>\n"
	var b strings.Builder
	for _, tk := range wt {
		b.WriteString(src[tk.Start:tk.End])
	}
	if b.String() != "<b/>\n" {
		t.Errorf("Window tokens = %q, want %q", b.String(), "<b/>\n")
	}
	want := []Mark{{4, 6, "warning"}, {9, 9, "error"}}
	if len(wm) != len(want) || wm[0] != want[0] || wm[1] != want[1] {
		t.Errorf("Window marks = %v, want %v", wm, want)
	}
}

// FuzzTokens: any text is tiled exactly by its tokens, and pieces over any
// marks tile the window they are cut from.
func FuzzTokens(f *testing.F) {
	f.Add(`<a:b x="1">&amp;<![CDATA[c]]><!--d--><?e?></a:b>`, 2, 9)
	files, _ := filepath.Glob(filepath.Join("..", "..", "web", "examples", "*.xml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), 10, 60)
		}
	}
	f.Fuzz(func(t *testing.T, src string, a, b int) {
		toks := Tokens(src)
		checkCover(t, src, toks)
		if len(src) == 0 {
			return
		}
		a, b = int(uint(a)%uint(len(src)+1)), int(uint(b)%uint(len(src)+1))
		if a > b {
			a, b = b, a
		}
		wt, wm := Window(toks, []Mark{{a, b, "error"}, {b, b, "warning"}}, a, b)
		end := a
		for _, p := range Pieces(wt, wm) {
			if p.Start != end || p.End < p.Start || p.Empty != (p.Start == p.End) {
				t.Fatalf("Pieces(Window(%q, %d, %d)): piece %+v after %d", src, a, b, p, end)
			}
			end = p.End
		}
		if end != b {
			t.Fatalf("Pieces(Window(%q, %d, %d)) end at %d", src, a, b, end)
		}
	})
}

// big is a request of about n bytes, the shape the browser benchmark types
// into: a header full of small elements.
func big(n int) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Header>\n")
	for b.Len() < n {
		b.WriteString("      <t:Line n=\"12\">padding to make a 1 MiB request, &amp; line 12</t:Line>\n")
	}
	b.WriteString("  </soap:Header>\n</soap:Envelope>\n")
	return b.String()
}

func BenchmarkTokens1MiB(b *testing.B) {
	src := big(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Tokens(src)
	}
}

func TestAppendTokens(t *testing.T) {
	src := big(1 << 20)
	calls := 0
	old := Tokens("<a>" + src)
	got, want := AppendTokens(old, src, func() { calls++ }), Tokens(src)
	if !slices.Equal(got, want) {
		t.Errorf("AppendTokens(old, %d bytes) differs from Tokens", len(src))
	}
	if &got[0] != &old[0] {
		t.Errorf("AppendTokens did not reuse the array of dst")
	}
	if calls < 10 {
		t.Errorf("AppendTokens(%d bytes) yielded %d times, want at least 10", len(src), calls)
	}
}
