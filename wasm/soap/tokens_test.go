package soap

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tokenLog is what a tokenizer gave, copied (its buffers are reused), up to
// the end, an error, or a bail.
type tokenLog struct {
	toks   []string
	bailed bool
	err    error
}

func logTokens(tz tokenizer) tokenLog {
	var l tokenLog
	for range 100_000 {
		tok, off, end, err := tz.next()
		if err == errBail {
			l.bailed = true
			return l
		}
		if err != nil {
			l.err = err
			return l
		}
		l.toks = append(l.toks, fmt.Sprintf("%d-%d %d %q %q %q %q", off, end, tok.Kind, tok.Name, fmt.Sprint(tok.Attr), tok.Target, tok.Data))
	}
	return l
}

// checkFast fails when fastTokens gives other tokens than encoding/xml, or
// accepts a text encoding/xml refuses; where it bails, the tokens before
// must agree.
func checkFast(t *testing.T, src string) (bailed bool) {
	t.Helper()
	fast, slow := logTokens(newFastTokens(src)), logTokens(newXMLTokens(src))
	if fast.err != nil && fast.err != io.EOF {
		t.Fatalf("fastTokens(%q) error %v; it must only bail", src, fast.err)
	}
	n := len(fast.toks)
	if !fast.bailed {
		if slow.err != io.EOF || len(slow.toks) != n {
			t.Fatalf("fastTokens(%q) read to the end, encoding/xml: %d tokens, then %v\nfast %q\nslow %q", src, len(slow.toks), slow.err, fast.toks, slow.toks)
		}
	}
	if len(slow.toks) < n {
		t.Fatalf("fastTokens(%q) gave %d tokens, encoding/xml only %d (then %v)", src, n, len(slow.toks), slow.err)
	}
	if !slices.Equal(fast.toks, slow.toks[:n]) {
		t.Fatalf("fastTokens(%q) differs from encoding/xml:\nfast %q\nslow %q", src, fast.toks, slow.toks[:n])
	}
	return fast.bailed
}

func TestFastTokens(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkFast(t, string(b)) {
			t.Errorf("fastTokens bails on %s, a docs sample: the fast path must take it", f)
		}
		if checkFast(t, strings.ReplaceAll(string(b), "\n", "\r\n")) {
			t.Errorf("fastTokens bails on %s with CRLF line ends", f)
		}
	}
	if checkFast(t, bigEnvelope(1<<16)) {
		t.Errorf("fastTokens bails on the benchmark's envelope")
	}
	for _, src := range []struct {
		in   string
		bail bool
	}{
		{`<a b="1" c='&lt;&amp;x&gt;&quot;&apos;'>t&amp;u<!-- c - d --><?pi  x ?><b/><c /></a>`, false},
		{"<a>\r\nx\ry\r</a>", false},
		{"<a b=\"x\r\ny\">é 漢 😀</a>", false},
		{`<?xml version="1.0" encoding="UTF-8"?><a/>`, false},
		{`<?xml version="1.0" encoding="windows-1252"?><a/>`, true},
		{`<?xml version="1.1"?><a/>`, true},
		{`<a>x&#65;</a>`, true},
		{`<a>&nbsp;</a>`, true},
		{`<a><![CDATA[x]]></a>`, true},
		{`<!DOCTYPE a><a/>`, true},
		{`<a>]]></a>`, true},
		{`<a b="1"c="2"/>`, true},
		{`<a b=1/>`, true},
		{`<a b="<"/>`, true},
		{`<a:b:c/>`, true},
		{`<:a/>`, true},
		{`<é/>`, true},
		{"<a>\x01</a>", true},
		{"<a>\xff</a>", true},
		{`<a>`, true},
		{`</a>`, true},
		{`<a><!-- x -- y --></a>`, true},
		{`<a/><b/>`, false},
		{`  text <a/> tail `, false},
		{``, false},
	} {
		if got := checkFast(t, src.in); got != src.bail {
			t.Errorf("fastTokens(%q) bails %v, want %v", src.in, got, src.bail)
		}
	}
}

func FuzzFastTokens(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("<a b=\"1\" c='&lt;'>t&amp;u\r\n<!-- c --><?pi x?><b/></a>")
	f.Add(`<?xml version="1.0" encoding="utf-8"?><s:E xmlns:s="u"><s:B/></s:E>`)
	f.Fuzz(func(t *testing.T, src string) { checkFast(t, src) })
}
