package soap

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// tokenizer gives parse the raw tokens of the source with their byte
// ranges, as encoding/xml's Decoder.RawToken and InputOffset do.
type tokenizer interface {
	// next returns the next token, where it starts and just past its end;
	// io.EOF at the end; errBail when a fast tokenizer meets what it
	// leaves to encoding/xml. The token and its slices are valid until
	// the next call.
	next() (tok *token, off, end int, err error)
}

type tokKind uint8

const (
	tokStart     tokKind = iota + 1 // xml.StartElement: Name, Attr
	tokEnd                          // xml.EndElement: Name
	tokText                         // xml.CharData: Data
	tokComment                      // xml.Comment: Data
	tokProcInst                     // xml.ProcInst: Target, Data (Inst)
	tokDirective                    // xml.Directive: Data
)

// token is one raw token, in one reused struct rather than an xml.Token
// (an interface: boxing each token would allocate).
type token struct {
	Kind   tokKind
	Name   xml.Name
	Attr   []xml.Attr
	Target string
	Data   []byte
}

// errBail stops a parse by fastTokens: parse starts again with xmlTokens.
var errBail = errors.New("soap: left to encoding/xml")

// xmlTokens is encoding/xml's tokenizer, strict, with every declared
// encoding read as UTF-8 (the text is already a Go string).
type xmlTokens struct {
	d   *xml.Decoder
	tok token
}

func newXMLTokens(src string) *xmlTokens {
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return &xmlTokens{d: d}
}

func (x *xmlTokens) next() (*token, int, int, error) {
	off := int(x.d.InputOffset())
	tok, err := x.d.RawToken()
	end := int(x.d.InputOffset())
	if err != nil {
		return nil, off, end, err
	}
	x.tok = token{}
	t := &x.tok
	switch v := tok.(type) {
	case xml.StartElement:
		t.Kind, t.Name, t.Attr = tokStart, v.Name, v.Attr
	case xml.EndElement:
		t.Kind, t.Name = tokEnd, v.Name
	case xml.CharData:
		t.Kind, t.Data = tokText, v
	case xml.Comment:
		t.Kind, t.Data = tokComment, v
	case xml.ProcInst:
		t.Kind, t.Target, t.Data = tokProcInst, v.Target, v.Inst
	case xml.Directive:
		t.Kind, t.Data = tokDirective, v
	}
	return t, off, end, nil
}

// fastTokens tokenizes the common shape of a request — ASCII names, quoted
// attributes separated by white space, text with the five predefined
// entities, comments, processing instructions — with no allocation per
// token: names and most values are slices of the source, and the token's
// bytes live in buffers reused from token to token (valid until the next
// call, like RawToken's). It gives exactly the tokens and offsets of
// xmlTokens; on anything else (any error, CDATA, a DOCTYPE, a character
// reference, a non-ASCII name, an unclosed element at the end…) it returns
// errBail, and the whole text is parsed again with encoding/xml, whose
// messages the diagnostics quote. FuzzFastTokens compares the two.
type fastTokens struct {
	src   string
	i     int
	depth int
	// selfEnd is the name of a <a/> whose synthetic end comes next.
	selfEnd  *xml.Name
	selfName xml.Name
	attrs    []xml.Attr
	text     []byte
	tok      token
}

func newFastTokens(src string) *fastTokens { return &fastTokens{src: src} }

func (f *fastTokens) next() (*token, int, int, error) {
	if f.selfEnd != nil {
		n := *f.selfEnd
		f.selfEnd = nil
		f.tok = token{Kind: tokEnd, Name: n}
		return &f.tok, f.i, f.i, nil
	}
	off := f.i
	src := f.src
	if off >= len(src) {
		if f.depth != 0 {
			return nil, off, off, errBail
		}
		return nil, off, off, io.EOF
	}
	if src[off] != '<' {
		t, ok := f.charData()
		if !ok {
			return nil, off, off, errBail
		}
		f.tok = token{Kind: tokText, Data: t}
		return &f.tok, off, f.i, nil
	}
	if off+1 >= len(src) {
		return nil, off, off, errBail
	}
	switch src[off+1] {
	case '/':
		f.i = off + 2
		n, ok := f.name()
		if !ok || f.depth == 0 {
			return nil, off, off, errBail
		}
		f.space()
		if f.i >= len(src) || src[f.i] != '>' {
			return nil, off, off, errBail
		}
		f.i++
		f.depth--
		f.tok = token{Kind: tokEnd, Name: n}
		return &f.tok, off, f.i, nil
	case '?':
		f.i = off + 2
		target, ok := f.rawName()
		if !ok {
			return nil, off, off, errBail
		}
		f.space()
		k := strings.Index(src[f.i:], "?>")
		if k < 0 {
			return nil, off, off, errBail
		}
		inst := src[f.i : f.i+k]
		if target == "xml" {
			if v := procInst("version", inst); v != "1.0" {
				return nil, off, off, errBail
			}
			if e := procInst("encoding", inst); e != "" && !strings.EqualFold(e, "utf-8") {
				return nil, off, off, errBail
			}
		}
		f.i += k + 2
		f.text = append(f.text[:0], inst...)
		f.tok = token{Kind: tokProcInst, Target: target, Data: f.text}
		return &f.tok, off, f.i, nil
	case '!':
		if !strings.HasPrefix(src[off:], "<!--") {
			return nil, off, off, errBail
		}
		k := strings.Index(src[off+4:], "--")
		if k < 0 || off+4+k+2 >= len(src) || src[off+4+k+2] != '>' {
			return nil, off, off, errBail
		}
		body := src[off+4 : off+4+k]
		f.i = off + 4 + k + 3
		f.text = append(f.text[:0], body...)
		f.tok = token{Kind: tokComment, Data: f.text}
		return &f.tok, off, f.i, nil
	}
	// A start tag.
	f.i = off + 1
	n, ok := f.name()
	if !ok {
		return nil, off, off, errBail
	}
	f.attrs = f.attrs[:0]
	for {
		sp := f.space()
		if f.i >= len(src) {
			return nil, off, off, errBail
		}
		switch src[f.i] {
		case '>':
			f.i++
			f.depth++
			f.tok = token{Kind: tokStart, Name: n, Attr: f.attrs}
			return &f.tok, off, f.i, nil
		case '/':
			if f.i+1 >= len(src) || src[f.i+1] != '>' {
				return nil, off, off, errBail
			}
			f.i += 2
			f.selfName = n
			f.selfEnd = &f.selfName
			f.tok = token{Kind: tokStart, Name: n, Attr: f.attrs}
			return &f.tok, off, f.i, nil
		}
		if !sp {
			return nil, off, off, errBail
		}
		an, ok := f.name()
		if !ok {
			return nil, off, off, errBail
		}
		f.space()
		if f.i >= len(src) || src[f.i] != '=' {
			return nil, off, off, errBail
		}
		f.i++
		f.space()
		v, ok := f.attrValue()
		if !ok {
			return nil, off, off, errBail
		}
		f.attrs = append(f.attrs, xml.Attr{Name: an, Value: v})
	}
}

// space skips XML white space and tells whether there was any.
func (f *fastTokens) space() bool {
	i := f.i
	for f.i < len(f.src) && isSpace(f.src[f.i]) {
		f.i++
	}
	return f.i > i
}

// rawName reads an ASCII XML name.
func (f *fastTokens) rawName() (string, bool) {
	i, src := f.i, f.src
	if i >= len(src) || !(isNameStart(src[i])) {
		return "", false
	}
	j := i + 1
	for j < len(src) && isNameByte(src[j]) {
		j++
	}
	if j < len(src) && src[j] >= utf8.RuneSelf {
		return "", false // a non-ASCII name: encoding/xml decides
	}
	f.i = j
	return src[i:j], true
}

// name reads a name and splits it as encoding/xml does; names with more
// than one colon, or an empty prefix or local part, are left to it.
func (f *fastTokens) name() (xml.Name, bool) {
	s, ok := f.rawName()
	if !ok {
		return xml.Name{}, false
	}
	k := strings.IndexByte(s, ':')
	if k < 0 {
		return xml.Name{Local: s}, true
	}
	if k == 0 || k == len(s)-1 || strings.IndexByte(s[k+1:], ':') >= 0 {
		return xml.Name{}, false
	}
	return xml.Name{Space: s[:k], Local: s[k+1:]}, true
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// charData reads text up to the next '<' (or the end) into f.text,
// decoding the predefined entities and turning CR LF and CR into LF.
func (f *fastTokens) charData() ([]byte, bool) {
	src := f.src
	j := f.i
	for j < len(src) && src[j] != '<' {
		j++
	}
	raw := src[f.i:j]
	if strings.Contains(raw, "]]>") {
		return nil, false
	}
	t, ok := f.decode(raw, true)
	if !ok {
		return nil, false
	}
	f.i = j
	return t, true
}

// attrValue reads a quoted value; a slice of the source unless it holds an
// entity or a CR.
func (f *fastTokens) attrValue() (string, bool) {
	src := f.src
	if f.i >= len(src) || (src[f.i] != '"' && src[f.i] != '\'') {
		return "", false
	}
	q := src[f.i]
	k := strings.IndexByte(src[f.i+1:], q)
	if k < 0 {
		return "", false
	}
	raw := src[f.i+1 : f.i+1+k]
	if strings.IndexByte(raw, '<') >= 0 {
		return "", false
	}
	if !validChars(raw) {
		return "", false
	}
	f.i += k + 2
	if strings.IndexByte(raw, '&') < 0 && strings.IndexByte(raw, '\r') < 0 {
		return raw, true
	}
	t, ok := f.decode(raw, false)
	if !ok {
		return "", false
	}
	return string(t), true
}

// decode copies raw into f.text as encoding/xml's text does: entities
// replaced, CR LF and CR as LF, every character valid.
func (f *fastTokens) decode(raw string, checked bool) ([]byte, bool) {
	if checked && !validChars(raw) {
		return nil, false
	}
	amp := strings.IndexByte(raw, '&') >= 0
	cr := strings.IndexByte(raw, '\r') >= 0
	if amp && cr {
		return nil, false
	}
	t := f.text[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '&':
			var r byte
			n := 0
			switch {
			case strings.HasPrefix(raw[i:], "&lt;"):
				r, n = '<', 4
			case strings.HasPrefix(raw[i:], "&gt;"):
				r, n = '>', 4
			case strings.HasPrefix(raw[i:], "&amp;"):
				r, n = '&', 5
			case strings.HasPrefix(raw[i:], "&apos;"):
				r, n = '\'', 6
			case strings.HasPrefix(raw[i:], "&quot;"):
				r, n = '"', 6
			default:
				return nil, false
			}
			t = append(t, r)
			i += n - 1
		case c == '\r':
			t = append(t, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		default:
			t = append(t, c)
		}
	}
	f.text = t
	return t, true
}

// validChars tells whether s is valid UTF-8 of XML characters only.
func validChars(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		i += n
	}
	return true
}

// procInst is encoding/xml's: the value of param in a processing
// instruction's text, "" when absent.
func procInst(param, s string) string {
	// encoding/xml: "TODO: this parsing is somewhat lame and not exact."
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
