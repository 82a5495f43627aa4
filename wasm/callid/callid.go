package callid

import (
	"encoding/base64"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// Problem is one thing wrong with a CallId.
type Problem struct {
	Code     string `json:"code"`     // stable identifier, see the package doc
	Severity string `json:"severity"` // Error or Warning
	Offset   int    `json:"offset"`   // byte offset into Raw where the problem starts
	End      int    `json:"end"`      // byte offset just past it (half-open); End == Offset is an insertion point
	Message  string `json:"message"`  // what is wrong and what to do, in English
	// M is Message not yet put in words (msg's catalog key and arguments),
	// for a reader in another language: M.In(msg.PTBR).
	M msg.M `json:"-"`
}

// Text is the problem's message in l.
func (p Problem) Text(l msg.Lang) string {
	if p.M.Key == "" {
		return p.Message
	}
	return p.M.In(l)
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
	Problems []Problem `json:"problems"` // never nil, in offset order, then the CodeMore summary if any
	// Errors and Warnings count every problem found, those the CodeMore
	// summary stands for included.
	Errors   int `json:"-"`
	Warnings int `json:"-"`
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
	CodeMore          = "more" // the last problem when more were found than listed
)

// kind is a problem code as Decode counts it: an index, not a map key, so
// that counting a million problems stays cheap.
type kind uint8

// The kinds, in the order the CodeMore summary counts them.
const (
	kEmpty kind = iota
	kWhitespace
	kBase64Char
	kBase64Padding
	kBase64Length
	kNotASCII
	kFormat
	kGUID
	kGUIDVersion
	kHost
	kMore
	numKinds
)

var codes = [numKinds]string{CodeEmpty, CodeWhitespace, CodeBase64Char, CodeBase64Padding, CodeBase64Length,
	CodeNotASCII, CodeFormat, CodeGUID, CodeGUIDVersion, CodeHost, CodeMore}

// The caps on the problems Decode lists: at most MaxPerCode of one code and
// MaxProblems in all, in the order they are found (offset order for every
// code that can repeat); one more problem, of code CodeMore, counts the
// rest. Counting is cheap, so Decode stays linear whatever the input; the
// verdict (OK) counts every problem.
const (
	MaxPerCode  = 100
	MaxProblems = 1000
)

// limits are the caps of one decode, so that tests can lower them.
type limits struct{ perCode, total int }

var defaultLimits = limits{MaxPerCode, MaxProblems}

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

type decoder struct {
	raw string
	res Result
	lim limits
	// b64 holds the base64 characters and '=' of raw in order, whitespace
	// skipped ('-' and '_' kept as they are); offs[i] is the byte offset
	// in raw of b64[i]. Five bytes per character: 2 MiB of base64 cost 10 MiB.
	b64  []byte
	offs []int32

	perCode [numKinds]int // problems found per kind, listed or not
	dropped dropped
	// firstErr is the range of the first error listed, in offset order.
	firstErr    [2]int
	hasFirstErr bool
}

// dropped is what the CodeMore summary says about the problems not listed.
type dropped struct {
	n        int
	severity string
	off, end int
	perCode  [numKinds]int
}

// keep counts a problem of code and severity at [off, end) and reports
// whether it is to be listed; when it is not, it is counted in the summary.
// Callers format the message only when keep says yes. An error that comes
// before every error listed so far is listed whatever the caps, so that the
// first error in offset order is always there.
func (d *decoder) keep(code kind, severity string, off, end int) bool {
	if severity == Error {
		d.res.Errors++
	} else {
		d.res.Warnings++
	}
	d.perCode[code]++
	if severity == Error && (!d.hasFirstErr || off < d.firstErr[0] || off == d.firstErr[0] && end <= d.firstErr[1]) {
		d.firstErr, d.hasFirstErr = [2]int{off, end}, true
		return true
	}
	if d.perCode[code] <= d.lim.perCode && len(d.res.Problems) < d.lim.total {
		return true
	}
	x := &d.dropped
	if x.n == 0 {
		x.off, x.end, x.severity = off, end, severity
	}
	x.n++
	x.perCode[code]++
	x.off, x.end = min(x.off, off), max(x.end, end)
	if severity == Error {
		x.severity = Error
	}
	return false
}

// put lists a problem keep has said yes to.
func (d *decoder) put(code kind, severity string, off, end int, m msg.M) {
	d.res.Problems = append(d.res.Problems, Problem{Code: codes[code], Severity: severity, Offset: off, End: end, Message: m.In(msg.EN), M: m})
}

// add counts a problem and lists it, formatted, if the caps allow.
func (d *decoder) add(code kind, severity string, off, end int, key string, args ...any) {
	if d.keep(code, severity, off, end) {
		d.put(code, severity, off, end, msg.New(key, args...))
	}
}

// Decode decodes raw the way the UM server does and reports every problem
// with it. It never fails: an unusable CallId gives a Result with OK false.
// Time and memory are linear in len(raw), and the problems listed are capped
// (MaxPerCode, MaxProblems).
func Decode(raw string) Result { return decode(raw, defaultLimits) }

func decode(raw string, lim limits) Result {
	d := &decoder{raw: raw, lim: lim, res: Result{Raw: raw, Problems: []Problem{}}}
	if len(raw) > math.MaxInt32 {
		// Offsets are kept in 32 bits; no CallId comes near (requests are
		// limited to 5 MiB).
		d.add(kBase64Length, Error, 0, len(raw), "callid.huge", len(raw))
	} else if strings.Trim(raw, " \t\r\n") == "" {
		// Nothing but whitespace: that is one problem, not several.
		if raw == "" {
			d.add(kEmpty, Error, 0, 0, "callid.empty")
		} else {
			d.add(kEmpty, Error, 0, len(raw),
				"callid.blank", quote(raw))
		}
	} else if d.scan() {
		d.text()
	}
	ps := d.res.Problems
	sort.Stable(byOffset(ps))
	if x := d.dropped; x.n > 0 {
		var parts []string
		for k, n := range x.perCode {
			if n > 0 {
				parts = append(parts, group(n)+" "+codes[k])
			}
		}
		d.put(kMore, x.severity, x.off, x.end, msg.New("callid.more",
			group(x.n), strings.Join(parts, ", "), x.off, x.end))
	}
	d.res.OK = d.res.Errors == 0
	return d.res
}

// scan checks the base64 layer and reports whether it is valid, so that the
// decoded text can be examined.
func (d *decoder) scan() bool {
	raw := d.raw
	n := 0
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; isBase64(c) || c == '=' || c == '-' || c == '_' {
			n++
		}
	}
	d.b64, d.offs = make([]byte, 0, n), make([]int32, 0, n)
	bad := false     // a base64-char problem
	foreign := false // a bad character that is not URL-safe base64
	for i := 0; i < len(raw); {
		c := raw[i]
		if isSpace(c) {
			j := i
			for j < len(raw) && isSpace(raw[j]) {
				j++
			}
			if d.keep(kWhitespace, Warning, i, j) {
				key := "callid.whitespace.inside"
				switch {
				case i == 0:
					key = "callid.whitespace.before"
				case j == len(raw):
					key = "callid.whitespace.after"
				}
				d.put(kWhitespace, Warning, i, j, msg.New(key, quote(raw[i:j]), i))
			}
			i = j
			continue
		}
		if isBase64(c) || c == '=' {
			d.b64 = append(d.b64, c)
			d.offs = append(d.offs, int32(i))
			i++
			continue
		}
		bad = true
		if c == '-' || c == '_' {
			d.b64 = append(d.b64, c)
			d.offs = append(d.offs, int32(i))
			if d.keep(kBase64Char, Error, i, i+1) {
				want := "+"
				if c == '_' {
					want = "/"
				}
				d.put(kBase64Char, Error, i, i+1, msg.New("callid.urlsafe", string(c), i, want))
			}
			i++
			continue
		}
		foreign = true
		r, size := utf8.DecodeRuneInString(raw[i:])
		if d.keep(kBase64Char, Error, i, i+size) {
			key := "callid.char"
			switch {
			case r == utf8.RuneError && size == 1:
				key = "callid.byte"
			case unicode.IsSpace(r):
				key = "callid.space"
			}
			d.put(kBase64Char, Error, i, i+size, msg.New(key, raw[i:i+size], i))
		}
		i += size
	}
	if foreign {
		// The length is unknowable until the foreign characters are gone.
		return false
	}
	lengthOK := d.length()
	return !bad && lengthOK
}

// off is the raw offset of base64 character i.
func (d *decoder) off(i int) int { return int(d.offs[i]) }

// length checks the '=' padding and the length of d.b64, which holds only
// base64 characters (URL-safe ones included) and '='. It reports whether
// they are fine.
func (d *decoder) length() bool {
	cs := d.b64
	j := len(cs) // cs[j:] is the trailing run of '='
	for j > 0 && cs[j-1] == '=' {
		j--
	}
	p := len(cs) - j
	ok := true
	n := 0 // base64 characters other than '='
	for i := 0; i < j; {
		if cs[i] != '=' {
			n++
			i++
			continue
		}
		k := i
		for k < j && cs[k] == '=' {
			k++
		}
		ok = false
		if d.keep(kBase64Length, Error, d.off(i), d.off(k-1)+1) {
			d.put(kBase64Length, Error, d.off(i), d.off(k-1)+1, msg.New("callid.padding-inside",
				quote(string(cs[i:k])), d.off(i)))
		}
		i = k
	}
	switch {
	case n == 0:
		d.add(kBase64Length, Error, d.off(j), d.off(len(cs)-1)+1,
			"callid.only-padding")
		return false
	case n%4 == 1:
		last := d.off(j - 1)
		d.add(kBase64Length, Error, last, last+1,
			"callid.length",
			n)
		return false
	}
	need := (4 - n%4) % 4
	switch {
	case p < need:
		at := d.off(len(cs)-1) + 1
		add := need - p
		d.add(kBase64Padding, Error, at, at,
			"callid.padding-missing", strings.Repeat("=", add), at)
		return false
	case p > need:
		d.add(kBase64Length, Error, d.off(j+need), d.off(len(cs)-1)+1,
			"callid.padding-extra",
			p, n, need, p-need)
		return false
	}
	return ok
}

// span maps the decoded bytes [a, b) to the raw characters that carry them.
func (d *decoder) span(a, b int) (off, end int) {
	first := 4*(a/3) + a%3
	if b <= a {
		return d.off(first), d.off(first)
	}
	last := 4*((b-1)/3) + (b-1)%3 + 1
	return d.off(first), d.off(last) + 1
}

// addAt adds a problem about the decoded bytes [a, b).
func (d *decoder) addAt(code kind, severity string, a, b int, key string, args ...any) {
	off, end := d.span(a, b)
	d.add(code, severity, off, end, key, args...)
}

// keepAt is keep for a problem about the decoded bytes [a, b); it returns the
// raw range too.
func (d *decoder) keepAt(code kind, severity string, a, b int) (off, end int, ok bool) {
	off, end = d.span(a, b)
	return off, end, d.keep(code, severity, off, end)
}

// text decodes the valid base64 in d.b64 and checks the decoded text.
func (d *decoder) text() {
	dec := make([]byte, base64.StdEncoding.DecodedLen(len(d.b64)))
	n, err := base64.StdEncoding.Decode(dec, d.b64)
	if err != nil {
		// Not reached: scan has checked what encoding/base64 checks.
		at := len(d.raw)
		if cie, ok := err.(base64.CorruptInputError); ok && int(cie) < len(d.b64) {
			at = d.off(int(cie))
		}
		d.add(kBase64Length, Error, at, at, "callid.base64", err.Error())
		return
	}
	s := string(dec[:n])
	dec = nil
	d.b64 = nil
	d.res.Decoded = toValidUTF8(s)

	for i := 0; i < len(s); {
		if printable(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && !printable(s[j]) {
			j++
		}
		if off, end, ok := d.keepAt(kNotASCII, Error, i, j); ok {
			d.put(kNotASCII, Error, off, end, msg.New("callid.not-ascii", quote(s[i:j]), i))
		}
		i = j
	}

	at := strings.IndexByte(s, '@')
	if at < 0 {
		if g, _ := parseGUID(s); g != "" {
			d.addAt(kFormat, Error, 0, len(s),
				"callid.bare-guid", s)
			d.guid(s, 0)
			return
		}
		d.addAt(kFormat, Error, 0, len(s),
			"callid.no-at", short(s))
		return
	}
	guid, host := s[:at], s[at+1:]
	d.res.Host = host
	hostOK := true
	if n := strings.Count(s, "@"); n > 1 {
		hostOK = false
		second := at + 1 + strings.IndexByte(host, '@')
		d.addAt(kFormat, Error, second, strings.LastIndexByte(s, '@')+1,
			"callid.many-at", n)
	}
	if guid == "" {
		d.addAt(kFormat, Error, at, at+1,
			"callid.no-guid")
	} else {
		d.guid(guid, 0)
	}
	if host == "" {
		hostOK = false
		d.addAt(kFormat, Error, at, at+1,
			"callid.no-host", short(guid)+"@um01.contoso.com")
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
		if off, end, ok := d.keepAt(kFormat, Error, at+1+i, at+1+j); ok {
			d.put(kFormat, Error, off, end, msg.New("callid.host-space", short(host)))
		}
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
		d.addAt(kGUID, Error, base, base+len(g), why.Key, why.Args...)
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
		d.addAt(kGUIDVersion, Warning, base+a, base+b,
			"callid.guid-version",
			canon, d.res.Version, d.res.Variant)
	}
}

// host checks that h, which starts at decoded offset base, is a plausible
// fully qualified domain name (RFC 1035 §2.3.1, RFC 1123 §2.1).
func (d *decoder) host(h string, base int) {
	name := h
	if strings.HasSuffix(name, ".") {
		name = name[:len(name)-1]
		d.addAt(kHost, Warning, base+len(name), base+len(h),
			"callid.host-dot", short(h))
	}
	if name == "" {
		return
	}
	if len(name) > 253 {
		d.addAt(kHost, Warning, base, base+len(name),
			"callid.host-long", len(name))
	}
	if !strings.Contains(name, ".") {
		d.addAt(kHost, Warning, base, base+len(name),
			"callid.host-fqdn", short(name))
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
			if off, end, ok := d.keepAt(kHost, Warning, a, a+1); ok {
				d.put(kHost, Warning, off, end, msg.New("callid.host-empty-label", short(name), start))
			}
		case len(label) > 63:
			if off, end, ok := d.keepAt(kHost, Warning, a, b); ok {
				d.put(kHost, Warning, off, end, msg.New("callid.host-label-long", short(label), len(label)))
			}
		case label[0] == '-' || label[len(label)-1] == '-':
			if off, end, ok := d.keepAt(kHost, Warning, a, b); ok {
				d.put(kHost, Warning, off, end, msg.New("callid.host-label-hyphen", label))
			}
		default:
			for k := 0; k < len(label); k++ {
				if c := label[k]; !(isAlnum(c) || c == '-') {
					if off, end, ok := d.keepAt(kHost, Warning, a, b); ok {
						d.put(kHost, Warning, off, end, msg.New("callid.host-label-char", short(label), string(c)))
					}
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
func parseGUID(s string) (canon string, why msg.M) {
	if len(s) == 36 {
		var b [36]byte
		for i := 0; i < 36; i++ {
			c := s[i]
			if i == 8 || i == 13 || i == 18 || i == 23 {
				if c != '-' {
					return "", msg.New("callid.guid-hyphen", s, string(c), i+1)
				}
				b[i] = c
				continue
			}
			if !isHex(c) {
				return "", msg.New("callid.guid-hex", s, string(c), i+1)
			}
			if 'A' <= c && c <= 'F' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b[:]), msg.M{}
	}
	if len(s) == 38 && (s[0] == '{' && s[37] == '}' || s[0] == '(' && s[37] == ')') {
		if g, _ := parseGUID(s[1:37]); g != "" {
			return "", msg.New("callid.guid-braces", s, s[:1]+s[37:], g)
		}
	}
	if len(s) == 32 {
		all := true
		for i := 0; i < len(s); i++ {
			all = all && isHex(s[i])
		}
		if all {
			g := strings.ToLower(s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:])
			return "", msg.New("callid.guid-no-hyphens", s, g)
		}
	}
	return "", msg.New("callid.guid-length", short(s), len(s))
}

// toValidUTF8 replaces every byte that is not part of valid UTF-8 with U+FFFD.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/2)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		sb.WriteRune(r) // RuneError for a bad byte
		s = s[size:]
	}
	return sb.String()
}

// quote quotes s, cut by short, for a message.
func quote(s string) string {
	c := short(s)
	if c == s {
		return strconv.Quote(s)
	}
	return strconv.Quote(c[:len(c)-len("…")]) + "…"
}

// group writes n with a comma between thousands: 12,345.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// byOffset orders problems by offset, then end, for sort.Stable: the page's
// sorts all go through its one non-generic copy, where each
// slices.SortStableFunc instantiation linked its own (~10 KB of module).
type byOffset []Problem

func (s byOffset) Len() int      { return len(s) }
func (s byOffset) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s byOffset) Less(i, j int) bool {
	if s[i].Offset != s[j].Offset {
		return s[i].Offset < s[j].Offset
	}
	return s[i].End < s[j].End
}
