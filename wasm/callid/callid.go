package callid

import (
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Severities of a Problem.
const (
	Error   = "error"   // the server rejects the CallId (InvalidCallIdException)
	Warning = "warning" // the server accepts it, but a careful developer should look
)

// Problem is one thing wrong with a CallId.
type Problem struct {
	Code     string `json:"code"`     // stable identifier, see the package doc
	Severity string `json:"severity"` // "error": the server rejects the CallId; "warning": accepted but suspicious
	Offset   int    `json:"offset"`   // byte offset into Raw where the problem starts
	End      int    `json:"end"`      // byte offset just past it; End == Offset is an insertion point
	Message  string `json:"message"`  // what is wrong and what to do
}

// Result is a decoded CallId.
type Result struct {
	Raw      string    `json:"raw"`
	Decoded  string    `json:"decoded"`  // decoded bytes as text (invalid UTF-8 replaced with U+FFFD); "" if base64 failed
	GUID     string    `json:"guid"`     // canonical lowercase 8-4-4-4-12, "" if none
	Version  int       `json:"version"`  // RFC 4122 version nibble, 0 if no GUID
	Variant  string    `json:"variant"`  // RFC 4122 variant name, "" if no GUID
	Host     string    `json:"host"`     // text after '@', "" if none
	OK       bool      `json:"ok"`       // no error-severity problem: the server accepts it
	Problems []Problem `json:"problems"` // never nil, in offset order
}

const maxCharProblems = 20

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

// Decode decodes raw the way the UM server does (.NET Convert.FromBase64String)
// and checks that it is <GUID>@<host>. It reports every problem it finds.
func Decode(raw string) Result {
	r := Result{Raw: raw, Problems: []Problem{}}
	add := func(code, sev string, off, end int, format string, args ...any) {
		r.Problems = append(r.Problems, Problem{Code: code, Severity: sev, Offset: off, End: end, Message: fmt.Sprintf(format, args...)})
	}
	// idx maps each non-whitespace character to its byte offset in raw.
	var idx []int
	var chars []byte
	for i := 0; i < len(raw); {
		if isWS(raw[i]) {
			j := i
			for j < len(raw) && isWS(raw[j]) {
				j++
			}
			if j-i < len(raw) { // a CallId of only whitespace is "empty"
				where := "inside"
				if i == 0 {
					where = "before"
				} else if j == len(raw) {
					where = "after"
				}
				add("whitespace", "warning", i, j, "%d whitespace character(s) %s the CallId; the server skips them, but send the CallId without them", j-i, where)
			}
			i = j
			continue
		}
		idx = append(idx, i)
		chars = append(chars, raw[i])
		i++
	}
	if len(chars) == 0 {
		r.Problems = r.Problems[:0]
		add("empty", "error", 0, len(raw), "the CallId is empty; give the CallId that PlayOnPhone or PlayOnPhoneGreeting returned")
		return r.finish()
	}
	bad := 0
	pad := 0
	for k := 0; k < len(chars); k++ {
		c := chars[k]
		off := idx[k]
		switch {
		case isB64(c):
			if pad > 0 {
				add("base64-length", "error", off, off+1, "%q follows '=' padding at offset %d; '=' may only end the CallId", c, off)
				bad++
			}
		case c == '=':
			pad++
			if pad > 2 {
				add("base64-length", "error", off, off+1, "too many '=' at offset %d; base64 ends with at most two", off)
				bad++
			}
		default:
			end := off + 1
			if c >= utf8.RuneSelf {
				_, n := utf8.DecodeRuneInString(raw[off:])
				end = off + n
				for k+1 < len(chars) && idx[k+1] < end {
					k++
				}
			}
			bad++
			switch {
			case bad > maxCharProblems:
				continue
			case c == '-' || c == '_':
				std := map[byte]byte{'-': '+', '_': '/'}[c]
				add("base64-char", "error", off, end, "%q at offset %d is from the URL-safe base64 alphabet; .NET wants the standard one: write %q", string(c), off, string(std))
			default:
				add("base64-char", "error", off, end, "%q at offset %d is not a base64 character (A–Z, a–z, 0–9, +, /, = padding)", raw[off:end], off)
			}
		}
	}
	if bad > maxCharProblems {
		add("base64-char", "error", idx[len(idx)-1], len(raw), "%d more characters are not base64", bad-maxCharProblems)
	}
	if bad > 0 {
		return r.finish()
	}
	switch n := len(chars); {
	case n%4 == 1:
		add("base64-length", "error", idx[0], idx[n-1]+1, "the CallId has %d base64 characters; a valid length is a multiple of 4, and one character too many cannot be padded", n)
		return r.finish()
	case n%4 != 0:
		need := 4 - n%4
		at := idx[n-1] + 1
		add("base64-padding", "error", at, at, "the CallId lacks its '=' padding: add %s at offset %d", strings.Repeat("=", need), at)
		return r.finish()
	}
	data, err := base64.StdEncoding.DecodeString(string(chars))
	if err != nil {
		// Only non-zero trailing bits remain here; .NET accepts them.
		data, err = base64.StdEncoding.Strict().DecodeString(string(chars))
		if err != nil {
			data, _ = base64.RawStdEncoding.DecodeString(strings.TrimRight(string(chars), "="))
		}
	}
	r.Decoded = strings.ToValidUTF8(string(data), "\uFFFD")
	// span maps decoded bytes [a,b) to the raw characters that carry them.
	span := func(a, b int) (int, int) {
		if b <= a {
			b = a + 1
		}
		first := 4*(a/3) + a%3
		last := 4*((b-1)/3) + (b-1)%3 + 1
		if last >= len(idx) {
			last = len(idx) - 1
		}
		if first >= len(idx) {
			first = len(idx) - 1
		}
		return idx[first], idx[last] + 1
	}
	nonASCII := false
	for i := 0; i < len(data); i++ {
		if data[i] < 0x20 || data[i] >= 0x7f {
			j := i
			for j < len(data) && (data[j] < 0x20 || data[j] >= 0x7f) {
				j++
			}
			s, e := span(i, j)
			add("not-ascii", "error", s, e, "decoded bytes %d–%d are not printable ASCII; a CallId decodes to <GUID>@<host>", i, j-1)
			nonASCII = true
			i = j
		}
	}
	if nonASCII {
		return r.finish()
	}
	text := string(data)
	at := strings.IndexByte(text, '@')
	whole0, whole1 := span(0, len(data))
	switch {
	case at < 0:
		add("format", "error", whole0, whole1, "the CallId decodes to %q, which has no '@'; a CallId is base64 of <GUID>@<UM server FQDN>", text)
		return r.finish()
	case strings.Count(text, "@") > 1:
		s, e := span(at, len(data))
		add("format", "error", s, e, "the CallId decodes to %q, which has more than one '@'; a CallId is base64 of <GUID>@<UM server FQDN>", text)
		return r.finish()
	case at == len(text)-1:
		s, e := span(at, len(data))
		add("format", "error", s, e, "the CallId decodes to %q: nothing follows '@'; the UM server's FQDN belongs there", text)
		return r.finish()
	}
	guid, host := text[:at], text[at+1:]
	r.Host = host
	if !isGUID(guid) {
		s, e := span(0, max(at, 1))
		add("guid", "error", s, e, "%q before '@' is not a GUID (8-4-4-4-12 hex digits); the server parses it as one", guid)
	} else {
		r.GUID = strings.ToLower(guid)
		r.Version = int(hexVal(r.GUID[14]))
		r.Variant = variant(hexVal(r.GUID[19]))
		if r.Version != 4 || r.Variant != "RFC 4122" {
			s, e := span(14, 20)
			add("guid-version", "warning", s, e, "GUID %s is version %d, variant %s; the UM server makes RFC 4122 version 4 GUIDs, so this CallId did not come from one", r.GUID, r.Version, r.Variant)
		}
	}
	if strings.ContainsAny(host, " \t") {
		s, e := span(at+1, len(data))
		add("format", "error", s, e, "host %q contains a space", host)
	} else if !plausibleHost(host) {
		s, e := span(at+1, len(data))
		add("host", "warning", s, e, "host %q is not a plausible FQDN (labels of letters, digits and '-', at least one dot); the front end routes the call to this UM server", host)
	}
	return r.finish()
}

func (r Result) finish() Result {
	// Problems are appended in scan order, which is offset order except for
	// the whitespace runs found first; sort them stably by offset.
	ps := r.Problems
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Offset < ps[j-1].Offset; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	r.OK = true
	for _, p := range ps {
		if p.Severity == "error" {
			r.OK = false
		}
	}
	return r
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

func variant(v byte) string {
	switch {
	case v&0x8 == 0:
		return "NCS (reserved)"
	case v&0xC == 0x8:
		return "RFC 4122"
	case v&0xE == 0xC:
		return "Microsoft (reserved)"
	}
	return "future (reserved)"
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func plausibleHost(h string) bool {
	if len(h) > 253 || !strings.Contains(strings.TrimSuffix(h, "."), ".") {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// Encode returns the CallId for guid and host: base64 of "<guid>@<host>".
func Encode(guid, host string) (string, error) {
	if !isGUID(guid) {
		return "", fmt.Errorf("callid: %q is not a GUID (8-4-4-4-12 hex digits)", guid)
	}
	if host == "" {
		return "", fmt.Errorf("callid: the host is empty")
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; c <= ' ' || c >= 0x7f || c == '@' {
			return "", fmt.Errorf("callid: host %q has %q at offset %d; use an ASCII FQDN", host, string(rune(c)), i)
		}
	}
	return base64.StdEncoding.EncodeToString([]byte(strings.ToLower(guid) + "@" + host)), nil
}

// NewGUID returns an RFC 4122 version 4 GUID made from 16 bytes of r.
func NewGUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("callid: reading randomness: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// New makes a fresh CallId for a call on host, the way the UM server does.
func New(host string, r io.Reader) (string, error) {
	g, err := NewGUID(r)
	if err != nil {
		return "", err
	}
	return Encode(g, host)
}

// Repair applies the mechanical fixes the server would want: whitespace
// removed, URL-safe '-'/'_' turned into '+'/'/', missing '=' padding
// restored. ok reports that the result differs from raw and decodes with no
// error.
func Repair(raw string) (repaired string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case isWS(c):
		case c == '-':
			b.WriteByte('+')
		case c == '_':
			b.WriteByte('/')
		default:
			b.WriteByte(c)
		}
	}
	s := strings.TrimRight(b.String(), "=")
	if len(s)%4 != 1 {
		for len(s)%4 != 0 {
			s += "="
		}
	}
	if s == raw || !Decode(s).OK {
		return raw, false
	}
	return s, true
}
