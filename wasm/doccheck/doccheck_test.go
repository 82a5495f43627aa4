package doccheck

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"umplay/wasm/markdown"
	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// render lists units and their diagnostics, one per line.
func render(units []Unit) string {
	var b strings.Builder
	for _, u := range units {
		fmt.Fprintf(&b, "%s", u.Kind)
		if u.Block != nil {
			fmt.Fprintf(&b, " block %d at line %d", u.Block.Index, u.Block.Line)
		}
		if u.Operation != nil {
			fmt.Fprintf(&b, " %s", *u.Operation)
		}
		fmt.Fprintf(&b, " valid=%v\n", u.Valid)
		for _, d := range u.Diagnostics {
			fmt.Fprintf(&b, "  %d:%d-%d:%d %s %s", d.Line, d.Column, d.EndLine, d.EndColumn, d.Severity, d.Code)
			if f := d.Fix; f != nil {
				fmt.Fprintf(&b, " fix %d:%d-%d:%d %q", f.Line, f.Column, f.EndLine, f.EndColumn, f.Text)
			}
			fmt.Fprintf(&b, "\n    %s\n", d.Message)
		}
	}
	return b.String()
}

// fixAll runs the fix → check loop of umplay check --fix.
func fixAll(name, text string) (string, int) {
	total := 0
	for range 4 {
		next, n := Fix(text, Markdown(name, text, Options{}))
		if n == 0 {
			break
		}
		text, total = next, total+n
	}
	return text, total
}

var messageTypo = regexp.MustCompile(`(schemas\.microsoft\.com/exchange/services/2006/message)([^a-zA-Z0-9_-]|$)`)

// typosFixed is src with every namespace typo repaired by plain text
// substitution: what --fix must produce, no more and no less, when every
// typo of src is one it repairs.
func typosFixed(src string) string {
	s := strings.ReplaceAll(src, "https://schemas.microsoft.com/exchange/services/2006/", "http://schemas.microsoft.com/exchange/services/2006/")
	return messageTypo.ReplaceAllString(s, "${1}s$2")
}

func TestMarkdownGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text, terr := soap.DecodeText(raw)
			if terr != nil {
				t.Fatal(terr)
			}
			units := Markdown(path, text, Options{})
			golden(t, strings.TrimSuffix(path, ".md")+".golden", []byte(render(units)))

			fixed, n := fixAll(path, text)
			out := soap.Sniff(raw).Encode(fixed)
			golden(t, path+".fixed", out)
			if n == 0 {
				t.Errorf("no fix applied to %s", path)
			}
			// Byte for byte, nothing but the typos changed: the BOM, the
			// line endings and trailing spaces stay.
			if want := typosFixed(string(raw)); string(out) != want {
				t.Errorf("fixed %s differs from the input with only its typos repaired", path)
			}
			// Idempotent: nothing is left to fix.
			if again, n := Fix(fixed, Markdown(path, fixed, Options{})); n != 0 || again != fixed {
				t.Errorf("a second Fix applied %d more fixes", n)
			}
			for _, u := range Markdown(path, fixed, Options{}) {
				for _, d := range u.Diagnostics {
					if strings.Contains(d.Code, "namespace") {
						t.Errorf("after --fix, %s:%d:%d still has %s: %s", path, d.Line, d.Column, d.Code, d.Message)
					}
				}
			}
		})
	}
}

// Every diagnostic of a block points where the same diagnostic of the
// block's own text points, mapped through the block's indentation.
func TestMarkdownPositions(t *testing.T) {
	const md = "1. Step\r\n\r\n   ```xml\r\n   <soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\r\n     <soap:Body>\r\n       <Disconnect xmlns=\"https://schemas.microsoft.com/exchange/services/2006/messages\"/>\r\n     </soap:Body>\r\n   </soap:Envelope>\r\n   ```\r\n"
	units := Markdown("x.md", md, Options{})
	found := 0
	for _, d := range units[1].Diagnostics {
		if d.Code == "operation-namespace" {
			found++
		}
	}
	if found != 1 {
		t.Errorf("want one operation-namespace diagnostic, got\n%s", render(units))
	}
	if len(units) != 2 || units[1].Kind != "request" || units[1].Block == nil || *units[1].Block != (Block{0, 3}) {
		t.Fatalf("units = %s", render(units))
	}
	lines := strings.Split(md, "\n")
	for _, d := range units[1].Diagnostics {
		if d.Fix == nil || !strings.Contains(d.Code, "namespace") {
			continue
		}
		line := []rune(lines[d.Fix.Line-1])
		if got := string(line[d.Fix.Column-1 : d.Fix.EndColumn-1]); got != "https://schemas.microsoft.com/exchange/services/2006/messages" {
			t.Errorf("%s fix range %d:%d-%d is %q, want the namespace", d.Code, d.Fix.Line, d.Fix.Column, d.Fix.EndColumn, got)
		}
	}
}

func TestProse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "line:col text"
	}{
		{"table", "| m | https://schemas.microsoft.com/exchange/services/2006/messages |\n", []string{"1:7 " + soap.NSMessages}},
		{"message typo, http", "see http://schemas.microsoft.com/exchange/services/2006/message.", []string{"1:5 " + soap.NSMessages}},
		{"messages is right", "http://schemas.microsoft.com/exchange/services/2006/messages and .../2006/messages", nil},
		{"a SOAPAction URI keeps its tail", "\"https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect\"", []string{"1:2 " + soap.NSMessages}},
		{"unknown tail", "https://schemas.microsoft.com/exchange/services/2006/foo", nil},
		{"longer name", "https://schemas.microsoft.com/exchange/services/2006/messagesX", nil},
		{"no scheme", "schemas.microsoft.com/exchange/services/2006/types", nil},
		{"envelope", "é https://schemas.xmlsoap.org/soap/envelope/ x", []string{"1:3 " + soap.NSEnvelope}},
		{"inside an XML block: not prose", "```xml\n<a xmlns=\"https://schemas.microsoft.com/exchange/services/2006/types\"/>\n```\nhttps://schemas.microsoft.com/exchange/services/2006/errors\n",
			[]string{"4:1 " + soap.NSErrors}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var xml []markdown.Block
			for _, b := range markdown.Blocks(tt.in) {
				if IsXMLBlock(&b) {
					xml = append(xml, b)
				}
			}
			var got []string
			for _, d := range Prose(tt.in, xml, msg.EN) {
				got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Fix.Text))
				if d.Severity != soap.Warning || d.Code != "prose-namespace" {
					t.Errorf("diagnostic %+v, want a prose-namespace warning", d)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Prose(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestProseLimit(t *testing.T) {
	text := strings.Repeat("https://schemas.microsoft.com/exchange/services/2006/types\n", MaxProse+5)
	ds := Prose(text, nil, msg.EN)
	if len(ds) != MaxProse+1 || ds[MaxProse].Code != "prose-namespace-limit" || !strings.Contains(ds[MaxProse].Message, "5 more") {
		t.Fatalf("Prose of %d typos = %d diagnostics, last %+v; want %d and a summary", MaxProse+5, len(ds), ds[len(ds)-1], MaxProse)
	}
}

func TestSafe(t *testing.T) {
	tests := []struct {
		replaced, replacement string
		want                  bool
	}{
		{"https://schemas.microsoft.com/exchange/services/2006/messages", soap.NSMessages, true},
		{"http://schemas.microsoft.com/exchange/services/2006/message", soap.NSMessages, true},
		{"https://schemas.xmlsoap.org/soap/envelope/", soap.NSEnvelope, true},
		{"https://schemas.microsoft.com/exchange/services/2006/messages", soap.NSTypes, false},
		{"urn:x", soap.NSMessages, false},
		{"", `<CallId></CallId>`, false},
		{"connected", "Connected", false},
		{"DisconnectPhoneCall", "Disconnect", false},
	}
	for _, tt := range tests {
		if got := Safe(tt.replaced, tt.replacement); got != tt.want {
			t.Errorf("Safe(%q, %q) = %v, want %v", tt.replaced, tt.replacement, got, tt.want)
		}
	}
}

// Overlapping and repeated edits apply once; unsafe ones not at all.
func TestFixOverlap(t *testing.T) {
	text := "a https://schemas.microsoft.com/exchange/services/2006/types b"
	d := Prose(text, nil, msg.EN)
	if len(d) != 1 {
		t.Fatalf("Prose = %+v", d)
	}
	unsafe := d[0]
	cp := *d[0].Fix
	cp.Text = "urn:other"
	unsafe.Fix = &cp
	units := []Unit{{Diagnostics: append(d, d[0], unsafe)}}
	got, n := Fix(text, units)
	if want := "a " + soap.NSTypes + " b"; got != want || n != 1 {
		t.Errorf("Fix = %q, %d; want %q, 1", got, n, want)
	}
}

// Markdown never panics, every position it reports is in the file, and the
// fix loop of --fix settles.
func FuzzMarkdown(f *testing.F) {
	for _, name := range []string{"testdata/pt-br-disconnect.md", "testdata/kinds.md"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("- ```xml\n  <a xmlns=\"https://schemas.xmlsoap.org/soap/envelope/\">\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := newLines(text)
		for _, u := range Markdown("f.md", text, Options{}) {
			for _, d := range u.Diagnostics {
				if _, ok := offsetOf(text, lines, d.Line, d.Column); !ok && d.Line <= len(lines) {
					t.Fatalf("%s at %d:%d is not in the text %q", d.Code, d.Line, d.Column, text)
				}
			}
		}
		fixed, _ := fixAll("f.md", text)
		if _, n := Fix(fixed, Markdown("f.md", fixed, Options{})); n != 0 {
			t.Fatalf("after the fix loop, %d more safe fixes in %q", n, fixed)
		}
	})
}
