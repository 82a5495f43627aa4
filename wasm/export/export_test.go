package export

import (
	"flag"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const docsEndpoint = "https://mail.contoso.com/EWS/UM2007Legacy.asmx"

// The docs sample: a quoted SOAPAction, LF line ends, a final newline.
const docsBody = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>
`

// nastyLF has everything a snippet's quoting could get wrong except what
// forces base64: $ and ${} and $(…), backticks, both quotes, a here-string
// opener, backslashes, printf directives, tabs, non-ASCII text (Latin,
// CJK, an emoji, a typographic quote) and no final newline.
const nastyLF = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
	"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n" +
	"  <soap:Body>\n" +
	"    <Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n" +
	"      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \\n \\\\ 'single' \"double\" @' \"@ {0} -->\n" +
	"\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\n" +
	"      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\n" +
	"    </Disconnect>\n" +
	"  </soap:Body>\n" +
	"</soap:Envelope>"

// nastyCRLF is nastyLF with CRLF line ends, a line that starts with '@
// (which would end a PowerShell here-string) and a final CRLF.
var nastyCRLF = strings.ReplaceAll(strings.Replace(nastyLF, "    </Disconnect>",
	"'@\n    </Disconnect>", 1), "\n", "\r\n") + "\r\n"

// utf16Body is the docs sample in UTF-16LE with a byte order mark: NUL
// bytes and invalid UTF-8, which only base64 or byte escapes can carry.
var utf16Body = func() string {
	u := utf16.Encode([]rune("\ufeff" + docsBody))
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}()

type goldenCase struct {
	name string
	req  Request
}

var goldenCases = []goldenCase{
	{"docs", Request{Endpoint: docsEndpoint, SOAPActionPresent: true,
		SOAPAction: `"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`, Body: docsBody}},
	{"nasty-lf", Request{Endpoint: "http://127.0.0.1:8080/EWS/UM2007Legacy.asmx?x='1'&y=$z",
		SOAPActionPresent: false, Body: nastyLF}},
	{"nasty-crlf", Request{Endpoint: docsEndpoint, SOAPActionPresent: true,
		SOAPAction: `http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect`, Body: nastyCRLF}},
	{"utf16", Request{Endpoint: "https://[2001:db8::1]:8443/UnifiedMessaging/Service.asmx",
		SOAPActionPresent: true, SOAPAction: "", Body: utf16Body}},
	{"empty", Request{Endpoint: docsEndpoint, SOAPActionPresent: true, SOAPAction: `"it's $x"`, Body: ""}},
}

var extensions = map[string]string{
	"curl": "sh", "powershell": "ps1", "csharp": "cs", "go": "go.txt",
	"python": "py", "python-requests": "requests.py", "http": "http",
}

// TestGolden compares every snippet with testdata/NAME.EXT; -update
// rewrites them (review the diff).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		for _, l := range Languages {
			got, err := Snippet(l.ID, c.req)
			if err != nil {
				t.Errorf("Snippet(%q, %s) error: %v", l.ID, c.name, err)
				continue
			}
			path := filepath.Join("testdata", c.name+"."+extensions[l.ID])
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("Snippet(%q, %s) differs from %s (go test ./wasm/export -update, then review the diff):\n%s", l.ID, c.name, path, got)
			}
		}
	}
}

// TestGoSnippet: the Go snippet is gofmt-clean and its body constant is
// the body, byte for byte.
func TestGoSnippet(t *testing.T) {
	for _, c := range goldenCases {
		src, err := Snippet("go", c.req)
		if err != nil {
			t.Fatal(err)
		}
		formatted, err := format.Source([]byte(src))
		if err != nil {
			t.Errorf("%s: the Go snippet does not parse: %v\n%s", c.name, err, src)
			continue
		}
		if string(formatted) != src {
			t.Errorf("%s: the Go snippet is not gofmt-clean:\n%s", c.name, src)
		}
		if got := goConst(t, src, "body"); got != c.req.Body {
			t.Errorf("%s: body constant = %q, want %q", c.name, got, c.req.Body)
		}
		if got := goConst(t, src, "endpoint"); got != c.req.Endpoint {
			t.Errorf("%s: endpoint constant = %q, want %q", c.name, got, c.req.Endpoint)
		}
	}
}

// goConst evaluates the string constant name of a Go file: literals joined
// with +.
func goConst(t *testing.T, src, name string) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var eval func(ast.Expr) string
	eval = func(e ast.Expr) string {
		switch e := e.(type) {
		case *ast.BasicLit:
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				t.Fatalf("literal %s: %v", e.Value, err)
			}
			return s
		case *ast.BinaryExpr:
			return eval(e.X) + eval(e.Y)
		}
		t.Fatalf("const %s: unexpected %T", name, e)
		return ""
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				if vs.Names[0].Name == name {
					return eval(vs.Values[0])
				}
			}
		}
	}
	t.Fatalf("no const %s in\n%s", name, src)
	return ""
}

// TestPowerShellHereString: the here-string is used exactly when it can
// hold the body, and what it holds is the body.
func TestPowerShellHereString(t *testing.T) {
	for _, c := range []struct {
		name, body string
		here       bool
	}{
		{"docs", docsBody, true},
		{"lf", nastyLF, true},
		{"crlf", strings.ReplaceAll(nastyLF, "\n", "\r\n"), true},
		{"quote-at", "a\n'@\nb", false},
		{"indented quote-at", "a\n  '@ b", false},
		{"typographic quote-at", "a\n\u2019@", false},
		{"mid-line", "a '@ b", true},
		{"lone CR", "a\rb", false},
		{"mixed", "a\r\nb\nc", false},
		{"NUL", "a\x00b", false},
		{"invalid UTF-8", "a\xffb", false},
	} {
		out, err := Snippet("powershell", Request{Endpoint: docsEndpoint, Body: c.body})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out, "$body = @'\n"); got != c.here {
			t.Errorf("%s: here-string used = %v, want %v:\n%s", c.name, got, c.here, out)
			continue
		}
		if c.here {
			start := strings.Index(out, "$body = @'\n") + len("$body = @'\n")
			end := strings.Index(out[start:], "\n'@\n")
			got := out[start : start+end]
			if want := strings.ReplaceAll(c.body, "\r\n", "\n"); got != want {
				t.Errorf("%s: here-string holds %q, want %q", c.name, got, want)
			}
			if strings.Contains(c.body, "\r\n") != strings.Contains(out, ".Replace(\"`n\", \"`r`n\")") {
				t.Errorf("%s: CRLF restored = %v, want %v", c.name, !strings.Contains(c.body, "\r\n"), strings.Contains(c.body, "\r\n"))
			}
		} else if !strings.Contains(out, "FromBase64String") {
			t.Errorf("%s: neither a here-string nor base64:\n%s", c.name, out)
		}
	}
}

// TestCurlQuoting: the single-quoted body is the body once the shell has
// read it.
func TestCurlQuoting(t *testing.T) {
	for _, body := range []string{docsBody, nastyLF, "it's", "''", "'\\''"} {
		out, err := Snippet("curl", Request{Endpoint: docsEndpoint, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(out, "\nprintf '%s' ") + len("\nprintf '%s' ")
		j := strings.LastIndex(out, " |\n  curl")
		if got := unshq(t, out[i:j]); got != body {
			t.Errorf("curl body %q reads back as %q", body, got)
		}
	}
}

// unshq reads a POSIX shell word made of '…' and \' parts.
func unshq(t *testing.T, w string) string {
	t.Helper()
	var b strings.Builder
	for w != "" {
		switch {
		case w[0] == '\'':
			k := strings.IndexByte(w[1:], '\'')
			if k < 0 {
				t.Fatalf("unterminated quote in %q", w)
			}
			b.WriteString(w[1 : 1+k])
			w = w[k+2:]
		case strings.HasPrefix(w, `\'`):
			b.WriteByte('\'')
			w = w[2:]
		default:
			t.Fatalf("unexpected %q", w)
		}
	}
	return b.String()
}

func TestRawHTTP(t *testing.T) {
	got, err := Snippet("http", Request{Endpoint: "http://example.com:8080/EWS/UM2007Legacy.asmx?a=1#frag", Body: "ação\r\n"})
	if err != nil {
		t.Fatal(err)
	}
	want := "POST /EWS/UM2007Legacy.asmx?a=1 HTTP/1.1\r\nHost: example.com:8080\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 8\r\n\r\nação\r\n"
	if got != want {
		t.Errorf("raw HTTP = %q, want %q", got, want)
	}
}

// TestURL: what the snippets send to, from what the endpoint field holds.
func TestURL(t *testing.T) {
	for _, tt := range []struct{ in, url, host, uri string }{
		{"https://mail.contoso.com/EWS/UM2007Legacy.asmx", "https://mail.contoso.com/EWS/UM2007Legacy.asmx", "mail.contoso.com", "/EWS/UM2007Legacy.asmx"},
		{" HTTP://Mail.Contoso.com ", "http://Mail.Contoso.com/", "Mail.Contoso.com", "/"},
		{"http://a:8080?wsdl#x", "http://a:8080/?wsdl", "a:8080", "/?wsdl"},
		{"http://[::1]:8080/a b/ação?q=\"x\"", "http://[::1]:8080/a%20b/a%C3%A7%C3%A3o?q=%22x%22", "[::1]:8080", "/a%20b/a%C3%A7%C3%A3o?q=%22x%22"},
		{"http://a/%7E'$", "http://a/%7E'$", "a", "/%7E'$"},
	} {
		got, err := newTarget(Request{Endpoint: tt.in})
		if err != nil {
			t.Errorf("newTarget(%q): %v", tt.in, err)
			continue
		}
		if got.URL != tt.url || got.Host != tt.host || got.RequestURI != tt.uri {
			t.Errorf("newTarget(%q) = %q, %q, %q; want %q, %q, %q", tt.in, got.URL, got.Host, got.RequestURI, tt.url, tt.host, tt.uri)
		}
	}
}

func TestSnippetErrors(t *testing.T) {
	ok := Request{Endpoint: docsEndpoint, SOAPActionPresent: true, SOAPAction: `"x"`, Body: docsBody}
	tests := []struct {
		name, lang string
		edit       func(*Request)
		want       string
	}{
		{"unknown language", "ruby", nil, `export: unknown language "ruby"; want one of curl, powershell, csharp, go, python, python-requests, http`},
		{"empty endpoint", "curl", func(r *Request) { r.Endpoint = " " }, "export: the endpoint is empty"},
		{"relative", "curl", func(r *Request) { r.Endpoint = "/EWS/UM2007Legacy.asmx" }, "the scheme must be http or https"},
		{"ftp", "go", func(r *Request) { r.Endpoint = "ftp://a/b" }, "the scheme must be http or https"},
		{"no host", "go", func(r *Request) { r.Endpoint = "http:///x" }, "has no host"},
		{"opaque", "go", func(r *Request) { r.Endpoint = "http:x" }, "has no host"},
		{"credentials", "python", func(r *Request) { r.Endpoint = "https://u:p@a/b" }, "holds credentials"},
		{"space in host", "python", func(r *Request) { r.Endpoint = "http://a b/" }, `has U+0020 ' ' in its host name`},
		{"bad port", "python", func(r *Request) { r.Endpoint = "http://a:99999/" }, `has a bad port "99999"`},
		{"empty port", "python", func(r *Request) { r.Endpoint = "http://a:/" }, `has a bad port ""`},
		{"IPv6 unclosed", "python", func(r *Request) { r.Endpoint = "http://[::1/" }, "without its closing ]"},
		{"IPv6 junk", "python", func(r *Request) { r.Endpoint = "http://[::1]x/" }, "has text after its IPv6 address"},
		{"CR in SOAPAction", "csharp", func(r *Request) { r.SOAPAction = "\"x\"\r\nX-Evil: 1" },
			"export: the SOAPAction has the control character U+000D at column 4; a header value holds printable ASCII, spaces and tabs only"},
		{"non-ASCII SOAPAction", "http", func(r *Request) { r.SOAPAction = `"ação"` }, `the SOAPAction has U+00E7 'ç' at column 3`},
	}
	for _, tt := range tests {
		r := ok
		if tt.edit != nil {
			tt.edit(&r)
		}
		_, err := Snippet(tt.lang, r)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Snippet(%q, %+v) error = %v, want %q", tt.name, tt.lang, r, err, tt.want)
		}
	}
	// An absent SOAPAction is not checked: its value is never sent.
	r := ok
	r.SOAPActionPresent, r.SOAPAction = false, "\n"
	if _, err := Snippet("curl", r); err != nil {
		t.Errorf("absent SOAPAction with a newline value: %v", err)
	}
}

// TestSpecialValues: what each snippet does with an empty and an absent
// SOAPAction.
func TestSpecialValues(t *testing.T) {
	empty := Request{Endpoint: docsEndpoint, SOAPActionPresent: true, Body: "x"}
	absent := Request{Endpoint: docsEndpoint, Body: "x"}
	for _, tt := range []struct {
		lang            string
		empty, notInAbs string
	}{
		{"curl", "-H 'SOAPAction;'", "-H 'SOAPAction"},
		{"powershell", "@{ 'SOAPAction' = '' }", "'SOAPAction'"},
		{"csharp", `TryAddWithoutValidation("SOAPAction", "")`, `"SOAPAction"`},
		{"go", `req.Header["SOAPAction"] = []string{""}`, `"SOAPAction"`},
		{"python", "'SOAPAction': '',", "'SOAPAction'"},
		{"python-requests", "'SOAPAction': '',", "'SOAPAction'"},
		{"http", "SOAPAction: \r\n", "SOAPAction:"},
	} {
		e, _ := Snippet(tt.lang, empty)
		if !strings.Contains(e, tt.empty) {
			t.Errorf("%s with an empty SOAPAction lacks %q:\n%s", tt.lang, tt.empty, e)
		}
		a, _ := Snippet(tt.lang, absent)
		if strings.Contains(a, tt.notInAbs) {
			t.Errorf("%s without a SOAPAction still has %q:\n%s", tt.lang, tt.notInAbs, a)
		}
	}
}
