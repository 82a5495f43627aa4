// Package export writes a request to the UM web service (MS-OXWUMS 3.1.4) as
// code a developer pastes into their own program: curl, PowerShell, C#
// (HttpClient), Go (net/http), Python (standard library urllib, and
// requests), and raw HTTP.
//
// Every snippet sends the body's bytes exactly — CRLF, a missing final
// newline and non-ASCII text included, never re-encoded —, with
// Content-Type text/xml; charset=utf-8 (SOAP 1.1 §6) and the SOAPAction
// field's raw value, quoted, unquoted or absent as given (SOAP 1.1 §6.1.1).
// Every snippet prints the response's status and body whatever the status,
// so that a 500's SOAP fault is shown, not swallowed. Quoting is safe for
// any body: no snippet interpolates it; where a language's text form cannot
// carry the bytes (a NUL, invalid UTF-8, a line that would end a PowerShell
// here-string), the body travels as base64.
//
// Snippets are written with strings.Builder, not text/template, which would
// cost the browser program hundreds of KB of WebAssembly.
package export

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// Request is what a snippet sends: a POST of Body to Endpoint.
type Request struct {
	// Endpoint is the absolute http:// or https:// URL of the service.
	Endpoint string
	// SOAPActionPresent tells whether the SOAPAction field is sent;
	// SOAPAction is its raw value, quotes included if any.
	SOAPActionPresent bool
	SOAPAction        string
	// Body is the request body, sent byte for byte.
	Body string
}

// ContentType is the Content-Type every snippet sends.
const ContentType = "text/xml; charset=utf-8"

// Language is one kind of snippet.
type Language struct {
	ID    string // the --lang value and the page's option value
	Label string // what the page's menu shows
}

// Languages lists the snippet kinds in the order the page's menu shows them.
var Languages = []Language{
	{"curl", "curl (POSIX shell)"},
	{"powershell", "PowerShell"},
	{"csharp", "C# (HttpClient)"},
	{"go", "Go (net/http)"},
	{"python", "Python (standard library)"},
	{"python-requests", "Python (requests)"},
	{"http", "Raw HTTP"},
}

// IDs returns the language ids, comma-separated, for messages.
func IDs() string {
	ids := make([]string, len(Languages))
	for i, l := range Languages {
		ids[i] = l.ID
	}
	return strings.Join(ids, ", ")
}

// Snippet returns the code that sends r in language lang (a Language.ID).
// The error says what is wrong with lang, the endpoint or the SOAPAction.
func Snippet(lang string, r Request) (string, error) {
	gen, ok := generators[lang]
	if !ok {
		return "", errors.New("export: unknown language " + strconv.Quote(lang) + "; want one of " + IDs())
	}
	t, err := newTarget(r)
	if err != nil {
		return "", err
	}
	return gen(t), nil
}

var generators = map[string]func(*target) string{
	"curl":            curl,
	"powershell":      powershell,
	"csharp":          csharp,
	"go":              goCode,
	"python":          python,
	"python-requests": pythonRequests,
	"http":            rawHTTP,
}

// target is a checked Request.
type target struct {
	Request
	// URL is the endpoint as sent: printable ASCII only, no fragment.
	URL string
	// Host is its host[:port] and RequestURI its path and query, for the
	// raw HTTP request line.
	Host, RequestURI string
}

func newTarget(r Request) (*target, error) {
	t := &target{Request: r}
	if err := t.parseURL(strings.TrimSpace(r.Endpoint)); err != nil {
		return nil, err
	}
	if r.SOAPActionPresent {
		if i := firstNotIn(r.SOAPAction, isFieldByte); i >= 0 {
			return nil, errors.New("export: the SOAPAction has " + describeAt(r.SOAPAction, i) + " at column " +
				strconv.Itoa(utf8.RuneCountInString(r.SOAPAction[:i])+1) + "; a header value holds printable ASCII, spaces and tabs only")
		}
	}
	return t, nil
}

// parseURL checks an absolute http(s) URL and fills t's URL, Host and
// RequestURI. It is deliberately small (net/url would cost the browser
// program a few hundred KB): scheme, authority without credentials, then
// the path and query with the bytes a URL cannot carry percent-encoded.
func (t *target) parseURL(raw string) error {
	const example = "give an absolute URL such as https://mail.contoso.com/EWS/UM2007Legacy.asmx"
	if raw == "" {
		return errors.New("export: the endpoint is empty; " + example)
	}
	scheme, rest, ok := strings.Cut(raw, ":")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "http" && scheme != "https") {
		return errors.New("export: endpoint " + strconv.Quote(raw) + ": the scheme must be http or https; " + example)
	}
	if !strings.HasPrefix(rest, "//") {
		return errors.New("export: endpoint " + strconv.Quote(raw) + " has no host; " + example)
	}
	rest = rest[2:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	authority, path := rest, "/"
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, path = rest[:i], rest[i:]
		if path[0] == '?' {
			path = "/" + path
		}
	}
	if strings.Contains(authority, "@") {
		return errors.New("export: endpoint " + strconv.Quote(raw) + " holds credentials; remove the user:password@ part (a snippet is for sharing)")
	}
	if err := checkAuthority(authority); err != "" {
		return errors.New("export: endpoint " + strconv.Quote(raw) + " " + err + "; " + example)
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if c := path[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteString("%" + msg.Hex(rune(c), 2, true))
		} else {
			b.WriteByte(c)
		}
	}
	t.Host, t.RequestURI = authority, b.String()
	t.URL = scheme + "://" + t.Host + t.RequestURI
	return nil
}

// checkAuthority checks host[:port] (an IPv6 address in brackets) and
// says what is wrong, or "".
func checkAuthority(a string) string {
	host, port := a, ""
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "has an IPv6 address without its closing ]"
		}
		host, port = a[1:end], a[end+1:]
		if host == "" || strings.Trim(host, "0123456789abcdefABCDEF:.") != "" {
			return "has a bad IPv6 address"
		}
		if port != "" && port[0] != ':' {
			return "has text after its IPv6 address"
		}
	} else if i := strings.LastIndexByte(a, ':'); i >= 0 {
		host, port = a[:i], a[i:]
	}
	if host == "" {
		return "has no host"
	}
	if !strings.HasPrefix(a, "[") {
		for i := 0; i < len(host); i++ {
			c := host[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~%", c) >= 0) {
				return "has " + describeAt(host, i) + " in its host name"
			}
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port[1:])
		if err != nil || n < 1 || n > 65535 || port[1] == '+' || port[1] == '-' {
			return "has a bad port " + strconv.Quote(port[1:])
		}
	}
	return ""
}

func isFieldByte(c byte) bool { return c == '\t' || (c >= ' ' && c < 0x7f) }

// firstNotIn returns the index of the first byte of s that ok refuses, or -1.
func firstNotIn(s string, ok func(byte) bool) int {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return i
		}
	}
	return -1
}

// describeAt names the character at byte i of s, e.g. "U+00E9 'é'".
func describeAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		return "the byte 0x" + msg.Hex(rune(s[i]), 2, true)
	}
	if r < ' ' || r == 0x7f {
		return "the control character U+" + msg.Hex(r, 4, true)
	}
	return "U+" + msg.Hex(r, 4, true) + " " + strconv.QuoteRune(r)
}

// headers are the request's header fields as every snippet sets them.
func (t *target) headers() [][2]string {
	h := [][2]string{{"Content-Type", ContentType}}
	if t.SOAPActionPresent {
		h = append(h, [2]string{"SOAPAction", t.SOAPAction})
	}
	return h
}

// textual tells whether the body can be written as source text: valid
// UTF-8 without NUL. Otherwise snippets carry it as base64.
func textual(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// lines splits s after each "\n", keeping it; "" gives no lines.
func lines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// describeBody is the comment line that says what the body is.
func describeBody(s string) string {
	var notes []string
	switch {
	case strings.Contains(s, "\r\n"):
		notes = append(notes, "CRLF line ends")
	case strings.Contains(s, "\n"):
		notes = append(notes, "LF line ends")
	}
	if s != "" && !strings.HasSuffix(s, "\n") {
		notes = append(notes, "no final newline")
	}
	msg := strconv.Itoa(len(s)) + " bytes"
	if len(notes) > 0 {
		msg += ", " + strings.Join(notes, ", ")
	}
	return msg
}
