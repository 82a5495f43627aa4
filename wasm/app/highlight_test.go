//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

func TestXMLTokensCoverSource(t *testing.T) {
	for _, src := range []string{
		"",
		`<?xml version="1.0"?><a:b x="1" y='&amp;'>t &lt; <![CDATA[x]]><!-- c --></a:b>`,
		"<a", "<a x=\"unterminated\n<b>", "<!DOCTYPE x [<!ENTITY e 'v'>]><x/>", "< a>", "&", "&#x41;", "<a><</a>",
		"é<ü:ß ä=\"ö\">",
	} {
		var b strings.Builder
		end := 0
		for _, tk := range xmlTokens(src) {
			if tk.start != end || tk.end <= tk.start {
				t.Fatalf("xmlTokens(%q): token %+v after offset %d", src, tk, end)
			}
			b.WriteString(src[tk.start:tk.end])
			end = tk.end
		}
		if b.String() != src {
			t.Errorf("xmlTokens(%q) joined = %q, want the source", src, b.String())
		}
	}
}

func TestXMLTokensClasses(t *testing.T) {
	src := `<m:Disconnect xmlns:m="u">&amp;</m:Disconnect>`
	want := []string{
		"punct:<", "ns:m:", "tag:Disconnect", ":" + " ", "ns:xmlns:", "attr:m", "punct:=", `value:"u"`, "punct:>",
		"entity:&amp;", "punct:</", "ns:m:", "tag:Disconnect", "punct:>",
	}
	var got []string
	for _, tk := range xmlTokens(src) {
		got = append(got, tk.class+":"+src[tk.start:tk.end])
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("xmlTokens(%q) =\n%q\nwant\n%q", src, got, want)
	}
}

func TestPiecesMarks(t *testing.T) {
	src := "<a>hello</a>"
	toks := xmlTokens(src)
	ps := pieces(toks, []mark{{start: 1, end: 5, class: "error"}, {start: 12, end: 12, class: "warning"}})
	var marked, empty strings.Builder
	end := 0
	for _, p := range ps {
		if p.start != end {
			t.Fatalf("pieces: gap before %+v", p)
		}
		end = p.end
		if p.empty {
			empty.WriteString(p.marks)
			continue
		}
		if p.marks != "" {
			marked.WriteString(src[p.start:p.end])
		}
	}
	if marked.String() != "a>he" {
		t.Errorf("marked text = %q, want %q", marked.String(), "a>he")
	}
	if empty.String() != "mark--warning" {
		t.Errorf("empty marks = %q, want mark--warning", empty.String())
	}
}

func TestWindow(t *testing.T) {
	src := "<a>\n<b/>\n</a>\n"
	toks := xmlTokens(src)
	marks := []mark{
		{start: 1, end: 2, class: "error"},   // before the window
		{start: 2, end: 6, class: "warning"}, // crosses its start
		{start: 9, end: 9, class: "error"},   // zero-width at its end
	}
	wt, wm := window(toks, marks, 4, 9) // "<b/>\n"
	var b strings.Builder
	for _, tk := range wt {
		b.WriteString(src[tk.start:tk.end])
	}
	if b.String() != "<b/>\n" {
		t.Errorf("window tokens = %q, want %q", b.String(), "<b/>\n")
	}
	want := []mark{{4, 6, "warning"}, {9, 9, "error"}}
	if len(wm) != len(want) || wm[0] != want[0] || wm[1] != want[1] {
		t.Errorf("window marks = %v, want %v", wm, want)
	}
}
