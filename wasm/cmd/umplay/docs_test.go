package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"umplay/wasm/doccheck"
	"umplay/wasm/soap"
)

// write creates dir/name (and its folders) holding b.
func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func utf16Of(s string, le bool) []byte {
	b := []byte{0xFE, 0xFF}
	if le {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if le {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return b
}

// units parses check --json output.
func units(t *testing.T, out string) []doccheck.Unit {
	t.Helper()
	var us []doccheck.Unit
	if err := json.Unmarshal([]byte(out), &us); err != nil {
		t.Fatalf("check --json output is not an array of units: %v\n%s", err, out)
	}
	return us
}

func TestCheckEncodings(t *testing.T) {
	enBody, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	ptBody, err := os.ReadFile(ptBR)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := bytes.Replace(enBody, []byte("<soap:Body>"), []byte("<soap:Body>\xff"), 1)
	tests := []struct {
		name string
		in   []byte
		code int
		want string // a line of the text output; "" = none
	}{
		{"utf8-bom.xml", append([]byte{0xEF, 0xBB, 0xBF}, enBody...), 0, ""},
		{"utf16le.xml", utf16Of(string(enBody), true), 0, ""},
		{"utf16be.xml", utf16Of(string(enBody), false), 0, ""},
		// Positions stay in characters of the decoded text.
		{"utf16le-pt-br.xml", utf16Of(string(ptBody), true), 1, ":4:6: error: operation-namespace: "},
		{"latin1.xml", bad, 1, ":3:14: error: text-encoding: not UTF-8 text: byte 0xFF at offset 123"},
		{"nul.xml", append(enBody[:10:10], 0), 1, ":1:11: error: text-encoding: not text: a NUL byte at offset 10"},
		{"odd.xml", append(utf16Of("<a/>", true), 'x'), 1, ":1:5: error: text-encoding: not UTF-16LE text: an odd number of bytes"},
		{"page.md", []byte("# T\n\n\xc3x\n"), 1, ":3:1: error: text-encoding: not UTF-8 text: byte 0xC3 at offset 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, dir, tt.name, tt.in)
			out, errOut, code := umplay(t, "", "check", path)
			if code != tt.code || errOut != "" {
				t.Fatalf("check %s = exit %d, stderr %q; want %d\n%s", tt.name, code, errOut, tt.code, out)
			}
			if tt.want == "" && out != "" {
				t.Errorf("check %s printed\n%s\nwant nothing", tt.name, out)
			}
			if tt.want != "" && !hasLine(out, path+tt.want, "") {
				t.Errorf("check %s printed\n%s\nwant a line starting %q", tt.name, out, path+tt.want)
			}
			if strings.Contains(tt.want, "text-encoding") && strings.Count(out, "\n") != 1 {
				t.Errorf("check %s printed\n%s\nwant one line: the unit is not checked further", tt.name, out)
			}
		})
	}

	// The server's answer to bytes that are not text: 400, no body.
	path := filepath.Join(dir, "latin1.xml")
	out, _, code := umplay(t, "", "check", "--json", path)
	us := units(t, out)
	if code != exitFound || len(us) != 1 || us[0].Kind != "request" || us[0].Response == nil ||
		us[0].Response.Status != 400 || us[0].Response.Body != "" || len(us[0].Diagnostics) != 1 {
		t.Errorf("check --json %s = exit %d\n%s\nwant one request unit, one diagnostic, response 400 with no body", path, code, out)
	}
	out, _, code = umplay(t, "", "simulate", path)
	if code != exitOK || !strings.HasPrefix(out, "HTTP/1.1 400 Bad Request\r\n") || !strings.HasSuffix(out, "\r\n\r\n") {
		t.Errorf("simulate %s = exit %d\n%q\nwant 400 with no body", path, code, out)
	}
	_, errOut, code := umplay(t, "", "fmt", path)
	if code != exitFound || !strings.Contains(errOut, "latin1.xml:3:14: not UTF-8 text") {
		t.Errorf("fmt %s = exit %d, stderr %q; want 1 and the position", path, code, errOut)
	}

	// fmt -w keeps the file's encoding.
	u16 := write(t, dir, "fmt16.xml", utf16Of("<a><b/></a>", true))
	if _, errOut, code := umplay(t, "", "fmt", "-w", u16); code != exitOK {
		t.Fatalf("fmt -w %s = exit %d, %s", u16, code, errOut)
	}
	if got, _ := os.ReadFile(u16); !bytes.Equal(got, utf16Of("<a>\n  <b/>\n</a>", true)) && !bytes.Equal(got, utf16Of("<a>\n  <b/>\n</a>\n", true)) {
		t.Errorf("fmt -w of UTF-16 wrote %q, want it re-indented in UTF-16LE", got)
	}
}

// At most soap.MaxBytes+1 bytes are read: endless input ends in limit-size.
func TestCheckEndlessInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{{"check", "/dev/zero"}, {"check", "--json", "/dev/zero"}} {
		out, errOut, code := umplay(t, "", args...)
		if code != exitFound || !strings.Contains(out, "limit-size") || errOut != "" {
			t.Errorf("umplay %q = exit %d, stderr %q\n%.300s\nwant 1 and limit-size", args, code, errOut, out)
		}
	}
	dir := t.TempDir()
	big := write(t, dir, "big.md", bytes.Repeat([]byte("x\n"), soap.MaxBytes/2+1))
	out, _, code := umplay(t, "", "check", big)
	if code != exitFound || !hasLine(out, big+":1:1: error: limit-size: ", "") {
		t.Errorf("check of a %d-byte page = exit %d\n%s\nwant limit-size", soap.MaxBytes+2, code, out)
	}
}

func TestCheckTree(t *testing.T) {
	dir := t.TempDir()
	enBody, _ := os.ReadFile(en)
	page := []byte("# p\n\n```xml\n<CallState>Idle</CallState>\n```\n")
	write(t, dir, "b/z.md", page)
	write(t, dir, "b/a.markdown", page)
	write(t, dir, "a.xml", enBody)
	write(t, dir, "C.XML", enBody)
	write(t, dir, ".git/x.md", page)
	write(t, dir, "b/.hidden/x.md", page)
	write(t, dir, "notes.txt", []byte("not checked"))
	out, errOut, code := umplay(t, "", "check", "--json", dir, filepath.Join(dir, "a.xml"))
	if code != exitOK || errOut != "" {
		t.Fatalf("check --json %s = exit %d, %s", dir, code, errOut)
	}
	var got []string
	for _, u := range units(t, out) {
		rel, _ := filepath.Rel(dir, u.File)
		got = append(got, rel+" "+u.Kind)
	}
	want := []string{"C.XML request", "a.xml request", "b/a.markdown prose", "b/a.markdown fragment", "b/z.md prose", "b/z.md fragment"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("units = %q, want %q (sorted, hidden folders and other files skipped, a.xml once)", got, want)
	}

	empty := t.TempDir()
	write(t, empty, "x.txt", nil)
	_, errOut, code = umplay(t, "", "check", empty)
	if code != exitUsage || !strings.Contains(errOut, "no .xml, .md or .markdown file") {
		t.Errorf("check of a folder without pages = exit %d, %q; want 2 and a message", code, errOut)
	}
}

// An unreadable path is reported, the others still checked, and in --json
// it is a unit with an error.
func TestCheckIOErrorUnit(t *testing.T) {
	out, errOut, code := umplay(t, "", "check", "--json", "testdata/nope.md", en)
	us := units(t, out)
	if code != exitUsage || !strings.Contains(errOut, "umplay: check: stat testdata/nope.md: no such file") {
		t.Errorf("exit %d, stderr %q; want 2 and the error", code, errOut)
	}
	if len(us) != 2 || us[0].File != "testdata/nope.md" || !strings.Contains(us[0].Error, "no such file") ||
		us[0].Valid || us[1].File != en || !us[1].Valid {
		t.Errorf("units = %+v, want the error unit then %s", us, en)
	}
	if !strings.Contains(out, `"error": "stat testdata/nope.md: no such file or directory"`) {
		t.Errorf("the error unit has no \"error\" field:\n%s", out)
	}
}

func TestCheckDocsGolden(t *testing.T) {
	for _, name := range []string{"pt-br", "kinds"} {
		path := "testdata/docs/" + name + ".md"
		out, errOut, code := umplay(t, "", "check", path)
		if code != exitFound || errOut != "" {
			t.Errorf("check %s = exit %d, stderr %q; want 1", path, code, errOut)
		}
		golden(t, "docs/"+name+".txt", out)
		out, _, _ = umplay(t, "", "check", "--format", "github", path)
		golden(t, "docs/"+name+".github", out)
		out, _, _ = umplay(t, "", "check", "--json", path)
		golden(t, "docs/"+name+".json", out)
		for _, u := range units(t, out) {
			if u.Kind == "prose" && u.Block != nil || u.Kind != "prose" && (u.Block == nil || u.Block.Line < 1) {
				t.Errorf("unit %s block %v", u.Kind, u.Block)
			}
			if (u.Response != nil) != (u.Kind == "request") {
				t.Errorf("unit %s has response %v; only requests have one", u.Kind, u.Response != nil)
			}
		}
	}
}

func TestCheckFix(t *testing.T) {
	orig, err := os.ReadFile("testdata/docs/pt-br.md")
	if err != nil {
		t.Fatal(err)
	}
	crlf := append([]byte{0xEF, 0xBB, 0xBF}, bytes.ReplaceAll(orig, []byte("\n"), []byte("\r\n"))...)
	clean, _ := os.ReadFile(en)
	dir := t.TempDir()
	pt := write(t, dir, "pt-br.md", orig)
	win := write(t, dir, "windows.md", crlf)
	u16 := write(t, dir, "u16.xml", utf16Of(strings.Replace(string(clean), "http://schemas.microsoft", "https://schemas.microsoft", 1), true))
	kinds := write(t, dir, "kinds.md", mustRead(t, "testdata/docs/kinds.md"))
	ok := write(t, dir, "ok.xml", clean)
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(ok, old, old)

	out, errOut, code := umplay(t, "", "check", "--fix", dir)
	if code != exitFound {
		t.Errorf("check --fix = exit %d, want 1 (kinds.md keeps an error no fix is safe for)\n%s", code, out)
	}
	for _, want := range []string{"fixed " + pt + " (9 fixes)", "fixed " + win + " (9 fixes)", "fixed " + u16 + " (1 fix)", "fixed " + kinds + " (1 fix)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	if strings.Contains(errOut, "ok.xml") || strings.Contains(out, "namespace") {
		t.Errorf("after --fix: stdout\n%s\nstderr\n%s\nwant no namespace problem left and ok.xml untouched", out, errOut)
	}
	if !hasLine(out, kinds+":", "error: response-value") {
		t.Errorf("check --fix does not report what remains:\n%s", out)
	}
	got := mustRead(t, pt)
	golden(t, "docs/pt-br.md.fixed", string(got))
	if want := typoFree(orig); !bytes.Equal(got, want) {
		t.Errorf("--fix changed more than the typos")
	}
	if want := typoFree(crlf); !bytes.Equal(mustRead(t, win), want) {
		t.Errorf("--fix of a BOM+CRLF page changed more than the typos: %q", mustRead(t, win)[:40])
	}
	if want := utf16Of(string(clean), true); !bytes.Equal(mustRead(t, u16), want) {
		t.Errorf("--fix of a UTF-16 file = %q, want it fixed in UTF-16LE", mustRead(t, u16))
	}
	if fi, _ := os.Stat(ok); !fi.ModTime().Equal(old) {
		t.Errorf("--fix wrote %s, which it did not change", ok)
	}

	// Idempotent: a second run changes and writes nothing.
	for _, p := range []string{pt, win, u16} {
		os.Chtimes(p, old, old)
	}
	out2, errOut2, code2 := umplay(t, "", "check", "--fix", dir)
	if code2 != code || out2 != out || strings.Contains(errOut2, "fixed") {
		t.Errorf("second --fix = exit %d, stderr %q, output changed %v", code2, errOut2, out2 != out)
	}
	for _, p := range []string{pt, win, u16} {
		if fi, _ := os.Stat(p); !fi.ModTime().Equal(old) {
			t.Errorf("second --fix wrote %s", p)
		}
	}

	if _, errOut, code := umplay(t, "", "check", "--fix", "-"); code != exitUsage || !strings.Contains(errOut, "standard input") {
		t.Errorf("check --fix - = exit %d, %q; want a usage error", code, errOut)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// typoFree is b with its namespace typos repaired by plain substitution.
func typoFree(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("https://schemas.microsoft.com/exchange/services/2006/"), []byte("http://schemas.microsoft.com/exchange/services/2006/"))
	return bytes.ReplaceAll(b, []byte("/2006/message."), []byte("/2006/messages."))
}

func TestCheckSOAPActionAuto(t *testing.T) {
	dir := t.TempDir()
	body := mustRead(t, en)
	gci := write(t, dir, "gci.xml", bytes.ReplaceAll(body, []byte("Disconnect"), []byte("GetCallInfo")))
	if out, _, code := umplay(t, "", "check", gci); code != exitFound || !strings.Contains(out, "operation-mismatch") {
		t.Errorf("check %s (Disconnect action) = exit %d\n%s\nwant the mismatch", gci, code, out)
	}
	if out, _, code := umplay(t, "", "check", "--soapaction", "auto", gci); code != exitOK || out != "" {
		t.Errorf("check --soapaction auto %s = exit %d\n%s\nwant clean", gci, code, out)
	}
	if _, errOut, code := umplay(t, "", "check", "--soapaction", "auto", "--no-soapaction", gci); code != exitUsage {
		t.Errorf("auto with --no-soapaction = exit %d, %q; want 2", code, errOut)
	}
	// A response file is a response, not a broken request.
	resp := write(t, dir, "resp.xml", []byte(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><DisconnectResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"/></soap:Body></soap:Envelope>`))
	out, _, code := umplay(t, "", "check", "--json", resp)
	if us := units(t, out); code != exitOK || len(us) != 1 || us[0].Kind != "response" || len(us[0].Diagnostics) != 0 || us[0].Response != nil {
		t.Errorf("check --json %s = exit %d\n%s\nwant a clean response unit", resp, code, out)
	}
}

func TestCheckFormats(t *testing.T) {
	if _, errOut, code := umplay(t, "", "check", "--format", "sarif", en); code != exitUsage || !strings.Contains(errOut, "want text, json or github") {
		t.Errorf("--format sarif = exit %d, %q", code, errOut)
	}
	if _, _, code := umplay(t, "", "check", "--json", "--format", "github", en); code != exitUsage {
		t.Errorf("--json --format github = exit %d, want 2", code)
	}
	out, _, _ := umplay(t, "", "check", "--format", "github", "testdata/nope.xml")
	if want := "::error file=testdata/nope.xml,title=io-error::stat testdata/nope.xml: no such file or directory\n"; out != want {
		t.Errorf("github I/O error = %q, want %q", out, want)
	}
	for _, tt := range []struct{ in, data, prop string }{
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"100%\r\nnext", "100%25%0D%0Anext", "100%25%0D%0Anext"},
	} {
		if got := ghData(tt.in); got != tt.data {
			t.Errorf("ghData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := ghProperty(tt.in); got != tt.prop {
			t.Errorf("ghProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}
