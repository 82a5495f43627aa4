package callid

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing wrong with a CallId.
type Problem struct {
	Code     string `json:"code"`     // stable identifier, see the package doc
	Severity string `json:"severity"` // Error or Warning
	Offset   int    `json:"offset"`   // byte offset into Raw where the problem starts
	End      int    `json:"end"`      // byte offset just past it (half-open); End == Offset is an insertion point
	Message  string `json:"message"`  // what is wrong and what to do
}

// Result is a decoded CallId.
type Result struct {
	Raw      string    `json:"raw"`
	Decoded  string    `json:"decoded"`  // decoded bytes as text (invalid UTF-8 replaced with U+FFFD); "" if base64 failed
	GUID     string    `json:"guid"`     // canonical lowercase 8-4-4-4-12, "" if none
	Version  int       `json:"version"`  // RFC 4122 version nibble, 0 if no GUID
	Variant  string    `json:"variant"`  // "RFC 4122", "NCS (reserved)", "Microsoft (reserved)", "future (reserved)", "" if no GUID
	Host     string    `json:"host"`     // text after '@', "" if none
	OK       bool      `json:"ok"`       // no error-severity problem: the server accepts the CallId
	Problems []Problem `json:"problems"` // never nil, in offset order
}

// Severities of a Problem.
const (
	Error   = "error"   // the server rejects the CallId (InvalidCallIdException)
	Warning = "warning" // the server accepts it, but a careful developer should look
)

// Problem codes; see the table in the package doc.
const (
	CodeEmpty         = "empty"
	CodeWhitespace    = "whitespace"
	CodeBase64Char    = "base64-char"
	CodeBase64Padding = "base64-padding"
	CodeBase64Length  = "base64-length"
	CodeNotASCII      = "not-ascii"
	CodeFormat        = "format"
	CodeGUID          = "guid"
	CodeGUIDVersion   = "guid-version"
	CodeHost          = "host"
)

// maxListed is how many problems of one code Decode lists one by one before
// it sums up the rest in one more problem.
const maxListed = 20

// isSpace reports whether .NET Convert.FromBase64String skips c.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// isBase64 reports whether c is in the standard base64 alphabet (without '=').
func isBase64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/'
}

// printable reports whether decoded byte c may appear in a CallId's text.
func printable(c byte) bool { return 0x20 <= c && c < 0x7f }

// b64char is one non-whitespace base64 character of the raw CallId.
type b64char struct {
	off int  // byte offset in Raw
	c   byte // the character; '-' and '_' are kept as they are
}

type decoder struct {
	raw   string
	res   Result
	chars []b64char // the base64 characters and '=', in order, whitespace skipped
}

func (d *decoder) add(code, severity string, off, end int, format string, args ...any) {
	d.res.Problems = append(d.res.Problems, Problem{
		Code:     code,
		Severity: severity,
		Offset:   off,
		End:      end,
		Message:  fmt.Sprintf(format, args...),
	})
}

// Decode decodes raw the way the UM server does and reports every problem
// with it. It never fails: an unusable CallId gives a Result with OK false.
func Decode(raw string) Result {
	d := &decoder{raw: raw, res: Result{Raw: raw, Problems: []Problem{}}}
	if d.scan() {
		d.text()
	}
	ps := d.res.Problems
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Offset != ps[j].Offset {
			return ps[i].Offset < ps[j].Offset
		}
		return ps[i].End < ps[j].End
	})
	d.res.OK = true
	for _, p := range d.res.Problems {
		if p.Severity == Error {
			d.res.OK = false
			break
		}
	}
	return d.res
}

// scan checks the base64 layer and reports whether it is valid, so that the
// decoded text can be examined.
func (d *decoder) scan() bool {
	raw := d.raw
	var bad []Problem // base64-char problems
	foreign := false  // a bad character that is not URL-safe base64
	for i := 0; i < len(raw); {
		c := raw[i]
		if isSpace(c) {
			j := i
			for j < len(raw) && isSpace(raw[j]) {
				j++
			}
			where := "inside"
			switch {
			case i == 0:
				where = "before"
			case j == len(raw):
				where = "after"
			}
			d.add(CodeWhitespace, Warning, i, j,
				"whitespace %q %s the CallId at offset %d; the server skips it, but remove it", raw[i:j], where, i)
			i = j
			continue
		}
		if isBase64(c) || c == '=' {
			d.chars = append(d.chars, b64char{i, c})
			i++
			continue
		}
		if c == '-' || c == '_' {
			d.chars = append(d.chars, b64char{i, c})
			want := "+"
			if c == '_' {
				want = "/"
			}
			bad = append(bad, Problem{CodeBase64Char, Error, i, i + 1, fmt.Sprintf(
				"%q at offset %d is from the URL-safe base64 alphabet; .NET wants the standard one: write %q",
				string(c), i, want)})
			i++
			continue
		}
		foreign = true
		r, size := utf8.DecodeRuneInString(raw[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = fmt.Sprintf("byte %q at offset %d is not valid UTF-8 and not base64; remove it", raw[i:i+size], i)
		case unicode.IsSpace(r):
			msg = fmt.Sprintf("character %q at offset %d is whitespace the server does not skip; remove it", raw[i:i+size], i)
		default:
			msg = fmt.Sprintf("character %q at offset %d is not in the base64 alphabet (A-Z, a-z, 0-9, '+', '/', '=' at the end); remove it", raw[i:i+size], i)
		}
		bad = append(bad, Problem{CodeBase64Char, Error, i, i + size, msg})
		i += size
	}
	if len(d.chars) == 0 && !foreign {
		// Nothing but whitespace: that is one problem, not several.
		d.res.Problems = d.res.Problems[:0]
		if raw == "" {
			d.add(CodeEmpty, Error, 0, 0,
				"the CallId is empty; paste the CallId returned by PlayOnPhone or PlayOnPhoneGreeting")
		} else {
			d.add(CodeEmpty, Error, 0, len(raw),
				"the CallId %q is only whitespace; paste the CallId returned by PlayOnPhone or PlayOnPhoneGreeting", raw)
		}
		return false
	}
	if len(bad) > maxListed {
		rest := bad[maxListed:]
		summary := Problem{CodeBase64Char, Error, rest[0].Offset, rest[len(rest)-1].End, fmt.Sprintf(
			"%d more characters outside the base64 alphabet from offset %d to %d; this does not look like a CallId, paste the one returned by PlayOnPhone",
			len(rest), rest[0].Offset, rest[len(rest)-1].End)}
		bad = append(bad[:maxListed:maxListed], summary)
	}
	d.res.Problems = append(d.res.Problems, bad...)
	if foreign {
		// The length is unknowable until the foreign characters are gone.
		return false
	}
	lengthOK := d.length()
	return len(bad) == 0 && lengthOK
}

// length checks the '=' padding and the length of d.chars, which hold only
// base64 characters (URL-safe ones included) and '='. It reports whether
// they are fine.
func (d *decoder) length() bool {
	cs := d.chars
	j := len(cs) // cs[j:] is the trailing run of '='
	for j > 0 && cs[j-1].c == '=' {
		j--
	}
	p := len(cs) - j
	ok := true
	n := 0 // base64 characters other than '='
	for i := 0; i < j; {
		if cs[i].c != '=' {
			n++
			i++
			continue
		}
		k := i
		for k < j && cs[k].c == '=' {
			k++
		}
		ok = false
		d.add(CodeBase64Length, Error, cs[i].off, cs[k-1].off+1,
			"padding %q at offset %d is in the middle of the CallId; '=' may only end it: remove it, or check that two CallIds were not pasted together",
			strings.Repeat("=", k-i), cs[i].off)
		i = k
	}
	switch {
	case n == 0:
		d.add(CodeBase64Length, Error, cs[j].off, cs[len(cs)-1].off+1,
			"the CallId is only '=' padding; paste the whole CallId returned by PlayOnPhone")
		return false
	case n%4 == 1:
		last := cs[j-1].off
		d.add(CodeBase64Length, Error, last, last+1,
			"the CallId has %d base64 characters besides padding; 4n+1 characters are never valid base64, so one is missing or one too many: copy the CallId again",
			n)
		return false
	}
	need := (4 - n%4) % 4
	switch {
	case p < need:
		at := cs[len(cs)-1].off + 1
		add := need - p
		d.add(CodeBase64Padding, Error, at, at,
			"the CallId lacks its '=' padding: add %s at offset %d", strings.Repeat("=", add), at)
		return false
	case p > need:
		d.add(CodeBase64Length, Error, cs[j+need].off, cs[len(cs)-1].off+1,
			"the CallId has %d '=' at the end but its %d base64 characters need %d; remove %d '='",
			p, n, need, p-need)
		return false
	}
	return ok
}

// span maps the decoded bytes [a, b) to the raw characters that carry them.
func (d *decoder) span(a, b int) (off, end int) {
	first := 4*(a/3) + a%3
	if b <= a {
		return d.chars[first].off, d.chars[first].off
	}
	last := 4*((b-1)/3) + (b-1)%3 + 1
	return d.chars[first].off, d.chars[last].off + 1
}

// addAt adds a problem about the decoded bytes [a, b).
func (d *decoder) addAt(code, severity string, a, b int, format string, args ...any) {
	off, end := d.span(a, b)
	d.add(code, severity, off, end, format, args...)
}

// text decodes the valid base64 in d.chars and checks the decoded text.
func (d *decoder) text() {
	compact := make([]byte, len(d.chars))
	for i, c := range d.chars {
		compact[i] = c.c
	}
	dec, err := base64.StdEncoding.DecodeString(string(compact))
	if err != nil {
		// Not reached: scan has checked what encoding/base64 checks.
		var cie base64.CorruptInputError
		at := len(d.raw)
		if errors.As(err, &cie) && int(cie) < len(d.chars) {
			at = d.chars[cie].off
		}
		d.add(CodeBase64Length, Error, at, at, "the CallId is not valid base64 (%v); copy it again", err)
		return
	}
	d.res.Decoded = toValidUTF8(dec)
	s := string(dec)

	var runs []Problem
	for i := 0; i < len(s); {
		if printable(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && !printable(s[j]) {
			j++
		}
		off, end := d.span(i, j)
		runs = append(runs, Problem{CodeNotASCII, Error, off, end, fmt.Sprintf(
			"decoded bytes %q at decoded offset %d are not printable ASCII; a CallId decodes to the ASCII text <GUID>@<host>, so this one is corrupt: copy it again",
			s[i:j], i)})
		i = j
	}
	if len(runs) > maxListed {
		rest := runs[maxListed:]
		summary := Problem{CodeNotASCII, Error, rest[0].Offset, rest[len(rest)-1].End, fmt.Sprintf(
			"%d more runs of decoded bytes that are not printable ASCII; this is not a CallId, paste the one returned by PlayOnPhone",
			len(rest))}
		runs = append(runs[:maxListed:maxListed], summary)
	}
	d.res.Problems = append(d.res.Problems, runs...)

	at := strings.IndexByte(s, '@')
	if at < 0 {
		if g, _ := parseGUID(s); g != "" {
			d.addAt(CodeFormat, Error, 0, len(s),
				"the CallId decodes to the bare GUID %q; a CallId is <GUID>@<UM server FQDN>: append '@' and the server name before encoding", s)
			d.guid(s, 0)
			return
		}
		d.addAt(CodeFormat, Error, 0, len(s),
			"the decoded text %q has no '@'; a CallId decodes to <GUID>@<UM server FQDN>: use the CallId returned by PlayOnPhone", short(s))
		return
	}
	guid, host := s[:at], s[at+1:]
	d.res.Host = host
	hostOK := true
	if n := strings.Count(s, "@"); n > 1 {
		hostOK = false
		second := at + 1 + strings.IndexByte(host, '@')
		d.addAt(CodeFormat, Error, second, strings.LastIndexByte(s, '@')+1,
			"the decoded text has %d '@'; a CallId has exactly one, between the GUID and the host: use the CallId returned by PlayOnPhone", n)
	}
	if guid == "" {
		d.addAt(CodeFormat, Error, at, at+1,
			"nothing before '@' in the decoded text: the GUID is missing; a CallId decodes to <GUID>@<UM server FQDN>")
	} else {
		d.guid(guid, 0)
	}
	if host == "" {
		hostOK = false
		d.addAt(CodeFormat, Error, at, at+1,
			"nothing after '@' in the decoded text: the UM server name is missing; append it, e.g. %q", guid+"@um01.contoso.com")
	}
	for i := 0; i < len(host); {
		if host[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(host) && host[j] == ' ' {
			j++
		}
		hostOK = false
		d.addAt(CodeFormat, Error, at+1+i, at+1+j,
			"the host %q contains a space; a host name has none: remove it", short(host))
		i = j
	}
	for i := 0; i < len(host); i++ {
		if !printable(host[i]) {
			hostOK = false // already a not-ascii error
			break
		}
	}
	if hostOK {
		d.host(host, at+1)
	}
}

// guid checks the GUID text g, which starts at decoded offset base, and
// fills in the GUID fields of the result when it is one.
func (d *decoder) guid(g string, base int) {
	canon, why := parseGUID(g)
	if canon == "" {
		d.addAt(CodeGUID, Error, base, base+len(g), "%s", why)
		return
	}
	d.res.GUID = canon
	d.res.Version = hexVal(canon[14])
	d.res.Variant = variant(canon[19])
	a, b := -1, -1
	if d.res.Version != 4 {
		a, b = 14, 15
	}
	if d.res.Variant != "RFC 4122" {
		if a < 0 {
			a = 19
		}
		b = 20
	}
	if a >= 0 {
		d.addAt(CodeGUIDVersion, Warning, base+a, base+b,
			"the GUID %q is version %d, variant %s; the UM server makes random GUIDs (version 4, variant RFC 4122), so this CallId was not made by Exchange: use one returned by PlayOnPhone or generate a fresh one",
			canon, d.res.Version, d.res.Variant)
	}
}

// host checks that h, which starts at decoded offset base, is a plausible
// fully qualified domain name (RFC 1035 §2.3.1, RFC 1123 §2.1).
func (d *decoder) host(h string, base int) {
	name := h
	if strings.HasSuffix(name, ".") {
		name = name[:len(name)-1]
		d.addAt(CodeHost, Warning, base+len(name), base+len(h),
			"the host %q ends with a dot; write the server name without it", short(h))
	}
	if name == "" {
		return
	}
	if len(name) > 253 {
		d.addAt(CodeHost, Warning, base, base+len(name),
			"the host is %d characters long, limit is 253; use the UM server's FQDN", len(name))
	}
	if !strings.Contains(name, ".") {
		d.addAt(CodeHost, Warning, base, base+len(name),
			"the host %q has no dot, so it is not a fully qualified domain name; use the UM server's FQDN, e.g. \"um01.contoso.com\"", short(name))
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '.' {
			continue
		}
		label := name[start:i]
		a, b := base+start, base+i
		switch {
		case label == "":
			// Point at the dot that ends the empty label.
			d.addAt(CodeHost, Warning, a, a+1,
				"the host %q has an empty label at offset %d (two dots in a row or a leading dot); remove the extra dot", short(name), start)
		case len(label) > 63:
			d.addAt(CodeHost, Warning, a, b,
				"the host label %q is %d characters long, limit is 63", short(label), len(label))
		case label[0] == '-' || label[len(label)-1] == '-':
			d.addAt(CodeHost, Warning, a, b,
				"the host label %q starts or ends with '-'; a host name label does not", label)
		default:
			for k := 0; k < len(label); k++ {
				if c := label[k]; !(isAlnum(c) || c == '-') {
					d.addAt(CodeHost, Warning, a, b,
						"the host label %q contains %q; host names use only letters, digits and '-'", short(label), string(c))
					break
				}
			}
		}
		start = i + 1
	}
}

func isAlnum(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// variant names the RFC 4122 §4.1.1 variant given by the hex digit that
// starts the clock_seq_hi_and_reserved field.
func variant(c byte) string {
	v := hexVal(c)
	switch {
	case v < 8:
		return "NCS (reserved)"
	case v < 12:
		return "RFC 4122"
	case v < 14:
		return "Microsoft (reserved)"
	}
	return "future (reserved)"
}

// parseGUID returns s in canonical lower case if it is a GUID in 8-4-4-4-12
// hex form; otherwise "" and a message saying what is wrong and what to do.
func parseGUID(s string) (canon, why string) {
	if len(s) == 36 {
		var b [36]byte
		for i := 0; i < 36; i++ {
			c := s[i]
			if i == 8 || i == 13 || i == 18 || i == 23 {
				if c != '-' {
					return "", fmt.Sprintf("the GUID %q has %q at character %d where '-' belongs; write it as 8-4-4-4-12 hex digits", s, string(c), i+1)
				}
				b[i] = c
				continue
			}
			if !isHex(c) {
				return "", fmt.Sprintf("the GUID %q has %q at character %d, which is not a hex digit (0-9, a-f); fix or regenerate the GUID", s, string(c), i+1)
			}
			if 'A' <= c && c <= 'F' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b[:]), ""
	}
	if len(s) == 38 && (s[0] == '{' && s[37] == '}' || s[0] == '(' && s[37] == ')') {
		if g, _ := parseGUID(s[1:37]); g != "" {
			return "", fmt.Sprintf("the GUID %q is in %q; the UM server writes it bare: use %q", s, s[:1]+s[37:], g)
		}
	}
	if len(s) == 32 {
		all := true
		for i := 0; i < len(s); i++ {
			all = all && isHex(s[i])
		}
		if all {
			g := strings.ToLower(s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:])
			return "", fmt.Sprintf("the GUID %q has no hyphens; write it as 8-4-4-4-12: %q", s, g)
		}
	}
	return "", fmt.Sprintf("the text before '@' (%q) is %d characters long; a GUID is 36: 8-4-4-4-12 hex digits, e.g. \"09df9edc-4e23-4709-bdaf-7be20cb0ae56\"", short(s), len(s))
}

// toValidUTF8 replaces every byte that is not part of valid UTF-8 with U+FFFD.
func toValidUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		sb.WriteRune(r) // RuneError for a bad byte
		b = b[size:]
	}
	return sb.String()
}

// short cuts s for quoting in a message.
func short(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
