package payload

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"umplay/wasm/callid"
)

// SampleGUID is the GUID of Microsoft's published Disconnect sample, the one
// a redacted CallId carries (with the original's version and variant
// nibbles, so that callid's guid-version warning stays as it was).
const SampleGUID = "09df9edc-4e23-4709-bdaf-7be20cb0ae56"

// SampleHost is the host a redacted endpoint URL gets.
const SampleHost = "mail.contoso.com"

// docsHost is the UM server of Microsoft's published Disconnect sample.
const docsHost = "df-eum-01.exchange.corp.microsoft.com"

// keepSamples keeps sample values as they are; tests turn it off to redact
// the examples, which all carry the published sample's CallId.
var keepSamples = true

// A Redaction says what redaction did to one value, or why it kept it.
type Redaction struct {
	// Field is the state's field: "request", "endpoint", "builder.callId",
	// "builder.guid" or "builder.host".
	Field string
	// Line and Column place a CallId in the request (1-based, columns in
	// characters); 0 for the other fields.
	Line, Column int
	// From is the value as it was, To as the link carries it (To == From
	// when it was kept).
	From, To string
	// Kept is set when the value was not redacted: it could not be
	// re-encoded safely (Note says why) or it is already a sample.
	Kept bool
	// NotRedacted is set when a value that may be private was kept: the
	// page flags it "not redacted".
	NotRedacted bool
	Note        string
}

// Where names the redaction's place: "endpoint", "request line 5, column 15".
func (r Redaction) Where() string {
	if r.Line > 0 {
		return r.Field + " line " + strconv.Itoa(r.Line) + ", column " + strconv.Itoa(r.Column)
	}
	return r.Field
}

// isSampleHost tells whether h is a documentation host that need not be
// hidden: the published sample's, the reserved example and test names
// (RFC 2606, RFC 6761), Microsoft's sample companies and the loopback.
func isSampleHost(h string) bool {
	if !keepSamples {
		return false
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == docsHost || h == "localhost" || h == "127.0.0.1" || h == "[::1]" || h == "::1" {
		return true
	}
	for _, d := range []string{"contoso.com", "fabrikam.com", "example.com", "example.org", "example.net"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	for _, tld := range []string{".example", ".test", ".invalid", ".localhost"} {
		if strings.HasSuffix(h, tld) {
			return true
		}
	}
	return false
}

// RedactHost returns a host of the same shape as h with its letters and
// digits replaced by a sample's: the last label's letters from "com", the
// one before from "contoso", the others (and a lone label) from "mail";
// digits count up from 0 in each label. Case, length, dots, hyphens and
// every other byte are kept, so callid's host checks (labels, lengths,
// characters) answer exactly as they did, and so does the base64 around a
// byte that is not a letter or digit. A sample host (RFC 2606 names,
// contoso.com, the published sample's) is returned unchanged.
func RedactHost(h string) string {
	if h == "" || isSampleHost(h) {
		return h
	}
	labels := strings.Split(h, ".")
	n := len(labels)
	if n > 1 && labels[n-1] == "" { // a trailing dot: the last label is the one before it
		n--
	}
	var b strings.Builder
	b.Grow(len(h))
	for i, l := range labels {
		if i > 0 {
			b.WriteByte('.')
		}
		fill := "mail"
		switch {
		case n == 1:
		case i == n-1:
			fill = "com"
		case i == n-2:
			fill = "contoso"
		}
		letters, digits := 0, 0
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case 'a' <= c && c <= 'z':
				c = fill[letters%len(fill)]
				letters++
			case 'A' <= c && c <= 'Z':
				c = fill[letters%len(fill)] - 'a' + 'A'
				letters++
			case '0' <= c && c <= '9':
				c = byte('0' + digits%10)
				digits++
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// RedactGUID returns SampleGUID with g's version and variant nibbles (so a
// GUID that is not version 4 stays one) in g's case (upper case when g has
// only upper-case letters); ok is false when g is not a GUID in 8-4-4-4-12
// form, and then g is returned unchanged. The sample GUID itself is kept.
func RedactGUID(g string) (string, bool) {
	if len(g) != 36 {
		return g, false
	}
	upper, lower := false, false
	for i := 0; i < 36; i++ {
		c := g[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return g, false
			}
			continue
		}
		switch {
		case '0' <= c && c <= '9':
		case 'a' <= c && c <= 'f':
			lower = true
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return g, false
		}
	}
	if strings.EqualFold(g, SampleGUID) {
		return g, true
	}
	s := []byte(SampleGUID)
	s[14], s[19] = g[14], g[19]
	out := string(s)
	if upper && !lower {
		out = strings.ToUpper(out)
	} else {
		out = strings.ToLower(out)
	}
	return out, true
}

// RedactCallID re-encodes the CallId raw with the sample GUID (RedactGUID)
// and a sample host (RedactHost), keeping its structure: the whitespace
// around and inside it at the same offsets, URL-safe '-' and '_' where it
// had them, and as much '=' padding as it had. The decoded text keeps its
// length and every byte that is not part of the GUID's hex digits or a
// letter or digit of the host, so each base64 character that is not made of
// those bytes stays what it was, and callid.Decode reports the same problem
// codes for the result as for raw. A CallId on a sample host (see
// RedactHost) is a sample, returned unchanged. ok is false (raw returned, why saying
// what keeps it) when raw does not decode to <GUID>@<host> once whitespace,
// the URL-safe alphabet and missing padding are forgiven.
func RedactCallID(raw string) (out string, ok bool, why string) {
	// Take the quirks out: whitespace (kept with its place in the
	// base64 text), the URL-safe alphabet, missing padding.
	type gap struct {
		at int // offset in the base64 text
		ws string
	}
	var gaps []gap
	var b64 []byte
	urlSafe := map[int]byte{}
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			j := i
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r' || raw[j] == '\n') {
				j++
			}
			gaps = append(gaps, gap{len(b64), raw[i:j]})
			i = j
			continue
		}
		switch c {
		case '-':
			urlSafe[len(b64)] = c
			c = '+'
		case '_':
			urlSafe[len(b64)] = c
			c = '/'
		}
		b64 = append(b64, c)
		i++
	}
	if len(b64) == 0 {
		return raw, false, "it is empty"
	}
	data := strings.TrimRight(string(b64), "=")
	pad := len(b64) - len(data)
	if len(data)%4 == 1 || pad > 2 || strings.Contains(data, "=") {
		return raw, false, "it is not base64 of a whole number of bytes"
	}
	dec, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil {
		return raw, false, "it is not base64"
	}
	text := string(dec)
	at := strings.IndexByte(text, '@')
	if at < 0 || strings.Count(text, "@") != 1 {
		return raw, false, "it does not decode to <GUID>@<host>"
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 || c >= 0x7f {
			return raw, false, "it decodes to bytes that are not ASCII text"
		}
	}
	guid, host := text[:at], text[at+1:]
	g, gok := RedactGUID(guid)
	if !gok {
		return raw, false, "the text before '@' is not a GUID"
	}
	if host == "" {
		return raw, false, "it has no host after '@'"
	}
	if isSampleHost(host) {
		return raw, true, "" // a call on a documentation host is a sample
	}
	h := RedactHost(host)
	enc := []byte(base64.RawStdEncoding.EncodeToString([]byte(g + "@" + h)))
	// Put the quirks back: the alphabet where it was URL-safe, the padding
	// as far as it went, the whitespace at its offsets.
	for i, c := range urlSafe {
		if i < len(enc) {
			if c == '-' && enc[i] == '+' || c == '_' && enc[i] == '/' {
				enc[i] = c
			}
		}
	}
	enc = append(enc, strings.Repeat("=", pad)...)
	var o strings.Builder
	o.Grow(len(raw))
	prev := 0
	for _, gp := range gaps {
		o.Write(enc[prev:gp.at])
		o.WriteString(gp.ws)
		prev = gp.at
	}
	o.Write(enc[prev:])
	out = o.String()
	if !slices.Equal(problemCodes(out), problemCodes(raw)) { // not reached: the shape is kept
		return raw, false, "re-encoding it would change what the server says about it"
	}
	return out, true, ""
}

// problemCodes lists callid.Decode's problem codes for raw, in order.
func problemCodes(raw string) []string {
	r := callid.Decode(raw)
	codes := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		codes[i] = p.Code
	}
	return codes
}

// RedactRequest redacts every CallId element's text in the request text (an
// element named CallId in any case, with any prefix, found by reading the
// text, so a request that is not well-formed is redacted too) with
// RedactCallID. A CallId that holds markup (a character reference, CDATA)
// or cannot be re-encoded is kept and reported NotRedacted. Every other byte
// of text is kept.
func RedactRequest(text string) (string, []Redaction) {
	var out strings.Builder
	var reds []Redaction
	prev := 0
	lines := newLines(text)
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		name := i
		for i < len(text) && isNameByte(text[i]) {
			i++
		}
		local := text[name:i]
		if k := strings.LastIndexByte(local, ':'); k >= 0 {
			local = local[k+1:]
		}
		if !strings.EqualFold(local, "CallId") {
			continue
		}
		// The start tag's end: skip attributes (quoted values may hold '>').
		var quote byte
		for i < len(text) && (quote != 0 || text[i] != '>') {
			switch c := text[i]; {
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			}
			i++
		}
		if i >= len(text) || text[i-1] == '/' {
			continue // an unfinished or empty element: no text
		}
		i++ // past '>'
		start := i
		end := strings.IndexByte(text[start:], '<')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		raw := text[start:end]
		line, col := lines.pos(text, start)
		r := Redaction{Field: "request", Line: line, Column: col, From: raw, To: raw}
		switch {
		case strings.TrimSpace(raw) == "" && strings.HasPrefix(text[end:], "<![CDATA["):
			r.Kept, r.NotRedacted, r.Note = true, true, "not redacted: the CallId is in a CDATA section"
		case strings.TrimSpace(raw) == "":
			i = end
			continue // an empty CallId hides nothing
		case strings.ContainsRune(raw, '&'):
			r.Kept, r.NotRedacted, r.Note = true, true, "not redacted: the CallId holds a character reference"
		default:
			red, ok, why := RedactCallID(raw)
			switch {
			case !ok:
				r.Kept, r.NotRedacted, r.Note = true, true, "not redacted: "+why
			case red == raw:
				r.Kept, r.Note = true, "kept: it is a sample (a documentation host)"
			default:
				r.To, r.Note = red, "re-encoded with the sample GUID and host, same structure"
			}
		}
		reds = append(reds, r)
		out.WriteString(text[prev:start])
		out.WriteString(r.To)
		prev = end
		i = end
	}
	if prev == 0 {
		return text, reds
	}
	out.WriteString(text[prev:])
	return out.String(), reds
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

// lines finds the 1-based line and column (in characters) of byte offsets
// given in increasing order.
type lines struct{ line, lineStart int }

func newLines(string) *lines { return &lines{line: 1} }

func (l *lines) pos(text string, off int) (line, col int) {
	for i := l.lineStart; i < off; i++ {
		if text[i] == '\n' {
			l.line++
			l.lineStart = i + 1
		}
	}
	return l.line, utf8.RuneCountInString(text[l.lineStart:off]) + 1
}

// RedactEndpoint replaces the host of the URL u with SampleHost and its
// user name and password, if any, with "user" and "password" (so the page
// still warns that the URL holds them); the scheme, port, path and query
// stay. ok is false when u is not an absolute URL (no "scheme://host"): it
// is then returned unchanged. A sample host is kept.
func RedactEndpoint(u string) (string, bool) {
	i := strings.Index(u, "://")
	if i <= 0 {
		return u, strings.TrimSpace(u) == ""
	}
	for _, c := range u[:i] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return u, false
		}
	}
	rest := u[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth := rest[:end]
	user := ""
	if k := strings.LastIndexByte(auth, '@'); k >= 0 {
		user = "user@"
		if strings.Contains(auth[:k], ":") {
			user = "user:password@"
		}
		auth = auth[k+1:]
	}
	host, port := auth, ""
	if strings.HasPrefix(host, "[") {
		if k := strings.IndexByte(host, ']'); k >= 0 {
			host, port = host[:k+1], host[k+1:]
		}
	} else if k := strings.LastIndexByte(host, ':'); k >= 0 {
		host, port = host[:k], host[k:]
	}
	if host == "" {
		return u, false
	}
	if !isSampleHost(host) {
		host = SampleHost
	}
	return u[:i+3] + user + host + port + rest[end:], true
}
