// Package jsonv reads and writes JSON (RFC 8259) without reflection and
// without encoding/json, so that it costs the browser program little.
//
// Parse gives a tree of Values in document order; every Value knows the byte
// Offset where it starts, and LineCol turns an offset into the 1-based
// line:column a person reads (columns count characters, as soap.Pos does).
// Parsing is strict: no trailing commas, no comments, no leading zeros, only
// the escapes of RFC 8259 §7, no lone UTF-16 surrogates, UTF-8 only, and no
// duplicate keys in one object. Input size, nesting depth and the number of
// values are capped, so hostile input costs bounded work.
//
// Writing is by hand: AppendString quotes a string, Object and Array build
// compact JSON in the order their methods are called, and Value.Append
// writes a parsed tree back (Parse(v.Append(nil)) equals v).
package jsonv

import (
	"strconv"
	"unicode/utf8"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// String names the kind as an error message would ("a string").
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind " + strconv.Itoa(int(k))
}

// Value is one JSON value. Only the fields of its Kind are set.
type Value struct {
	Kind   Kind
	Offset int // byte offset of the value's first byte in the parsed input

	Bool    bool     // Bool
	Num     string   // Number: the literal as written (see Float, Int)
	Str     string   // String: the decoded text
	Elems   []*Value // Array
	Members []Member // Object, in document order
}

// Member is one key and value of an object.
type Member struct {
	Key       string
	KeyOffset int // byte offset of the key's opening quote
	Value     *Value
}

// Get returns the value of key in an object, or nil when v is not an object
// or has no such key.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			return v.Members[i].Value
		}
	}
	return nil
}

// Float returns a Number's value as a float64 (false if v is not a number
// or is out of range).
func (v *Value) Float() (float64, bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Num, 64)
	return f, err == nil
}

// Int returns a Number's value as an int64 (false if v is not an integer
// number or does not fit).
func (v *Value) Int() (int64, bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Num, 10, 64)
	return n, err == nil
}

// Limits caps what Parse accepts. A zero field takes its Default value.
type Limits struct {
	MaxBytes int // input size
	MaxDepth int // nesting of arrays and objects
	MaxElems int // values in the whole document, keys not counted
}

// Default limits.
const (
	DefaultMaxBytes = 1 << 20
	DefaultMaxDepth = 64
	DefaultMaxElems = 100000
)

// Error is a syntax error or an exceeded limit, with its position.
type Error struct {
	Msg          string
	Offset       int // byte offset, 0-based
	Line, Column int // 1-based; columns count characters
}

func (e *Error) Error() string {
	return "jsonv: " + e.Msg + " at line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column)
}

// LineCol returns the 1-based line and column of byte offset off in data.
// Lines end at "\n" (a "\r\n" counts once); columns count characters (UTF-8
// code points), so a column is what an editor shows. An offset past the end
// is taken as the end.
func LineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line, col = 1, 1
	for i := 0; i < off; i++ {
		switch c := data[i]; {
		case c == '\n':
			line, col = line+1, 1
		case c&0xC0 != 0x80:
			col++
		}
	}
	return line, col
}

// Parse reads one JSON value (with optional surrounding whitespace) from
// data, under the default limits.
func Parse(data []byte) (*Value, error) { return ParseLimits(data, Limits{}) }

// ParseLimits is Parse with caller-chosen limits.
func ParseLimits(data []byte, lim Limits) (*Value, error) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxBytes
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	if lim.MaxElems <= 0 {
		lim.MaxElems = DefaultMaxElems
	}
	p := &parser{data: data, lim: lim}
	if len(data) > lim.MaxBytes {
		return nil, p.errAt(0, "input is "+strconv.Itoa(len(data))+" bytes, limit is "+strconv.Itoa(lim.MaxBytes))
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, p.errAt(off, "invalid UTF-8")
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return nil, p.errAt(0, "byte order mark before the value")
	}
	p.space()
	v := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.space()
	if p.pos < len(data) {
		return nil, p.errAt(p.pos, "unexpected "+p.what()+" after the value")
	}
	return v, nil
}

type parser struct {
	data  []byte
	pos   int
	lim   Limits
	elems int
	err   *Error
}

func (p *parser) errAt(off int, msg string) *Error {
	l, c := LineCol(p.data, off)
	return &Error{Msg: msg, Offset: off, Line: l, Column: c}
}

// fail records the first error; the parser then unwinds.
func (p *parser) fail(off int, msg string) {
	if p.err == nil {
		p.err = p.errAt(off, msg)
	}
}

// what describes the byte at p.pos for an error message.
func (p *parser) what() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) *Value {
	if p.err != nil {
		return nil
	}
	p.elems++
	if p.elems > p.lim.MaxElems {
		p.fail(p.pos, "more than "+strconv.Itoa(p.lim.MaxElems)+" values")
		return nil
	}
	if p.pos >= len(p.data) {
		p.fail(p.pos, "unexpected end of input, want a value")
		return nil
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		if depth >= p.lim.MaxDepth {
			p.fail(start, "nesting deeper than "+strconv.Itoa(p.lim.MaxDepth))
			return nil
		}
		if c == '{' {
			return p.object(depth + 1)
		}
		return p.array(depth + 1)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		return &Value{Kind: String, Offset: start, Str: s}
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true", &Value{Kind: Bool, Offset: start, Bool: true})
	case c == 'f':
		return p.literal("false", &Value{Kind: Bool, Offset: start})
	case c == 'n':
		return p.literal("null", &Value{Kind: Null, Offset: start})
	}
	p.fail(start, "unexpected "+p.what()+", want a value")
	return nil
}

func (p *parser) literal(word string, v *Value) *Value {
	end := p.pos + len(word)
	if end > len(p.data) || string(p.data[p.pos:end]) != word {
		p.fail(p.pos, "unexpected "+p.what()+", want a value")
		return nil
	}
	p.pos = end
	return v
}

func (p *parser) digits() int {
	n := 0
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}

// number reads the grammar of RFC 8259 §6.
func (p *parser) number() *Value {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	switch n := p.digits(); {
	case n == 0:
		p.fail(p.pos, "unexpected "+p.what()+" in a number, want a digit")
		return nil
	case n > 1 && p.data[intStart] == '0':
		p.fail(intStart, "number with a leading zero")
		return nil
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			p.fail(p.pos, "unexpected "+p.what()+" in a number, want a digit after '.'")
			return nil
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			p.fail(p.pos, "unexpected "+p.what()+" in a number, want a digit in the exponent")
			return nil
		}
	}
	return &Value{Kind: Number, Offset: start, Num: string(p.data[start:p.pos])}
}

// str reads a string starting at its opening quote.
func (p *parser) str() (string, bool) {
	start := p.pos
	p.pos++
	// Fast path: no escapes.
	i := p.pos
	for i < len(p.data) && p.data[i] != '"' && p.data[i] != '\\' && p.data[i] >= 0x20 {
		i++
	}
	if i < len(p.data) && p.data[i] == '"' {
		s := string(p.data[p.pos:i])
		p.pos = i + 1
		return s, true
	}
	buf := append([]byte(nil), p.data[p.pos:i]...)
	p.pos = i
	for {
		if p.pos >= len(p.data) {
			p.fail(start, "string not closed")
			return "", false
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), true
		case c < 0x20:
			p.fail(p.pos, "control character "+strconv.QuoteRune(rune(c))+" in a string, write it escaped")
			return "", false
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		esc := p.pos
		if p.pos+1 >= len(p.data) {
			p.fail(esc, "string not closed")
			return "", false
		}
		p.pos += 2
		switch e := p.data[esc+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4(esc)
			if !ok {
				return "", false
			}
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				p.fail(esc, "lone low surrogate \\u"+strconv.FormatInt(int64(r), 16))
				return "", false
			case r >= 0xD800 && r <= 0xDBFF:
				if p.pos+1 >= len(p.data) || p.data[p.pos] != '\\' || p.data[p.pos+1] != 'u' {
					p.fail(esc, "lone high surrogate \\u"+strconv.FormatInt(int64(r), 16))
					return "", false
				}
				low := p.pos
				p.pos += 2
				r2, ok := p.hex4(low)
				if !ok {
					return "", false
				}
				if r2 < 0xDC00 || r2 > 0xDFFF {
					p.fail(esc, "lone high surrogate \\u"+strconv.FormatInt(int64(r), 16))
					return "", false
				}
				r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.fail(esc, "bad escape \\"+string(rune(e))+" in a string")
			return "", false
		}
	}
}

// hex4 reads the four hex digits of a \u escape that started at esc.
func (p *parser) hex4(esc int) (rune, bool) {
	if p.pos+4 > len(p.data) {
		p.fail(esc, "bad escape: \\u needs four hex digits")
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.fail(esc, "bad escape: \\u needs four hex digits")
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	p.pos += 4
	return r, true
}

func (p *parser) array(depth int) *Value {
	v := &Value{Kind: Array, Offset: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v
	}
	for {
		e := p.value(depth)
		if p.err != nil {
			return nil
		}
		v.Elems = append(v.Elems, e)
		p.space()
		if p.pos >= len(p.data) {
			p.fail(v.Offset, "array not closed")
			return nil
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				p.fail(p.pos, "trailing comma in an array")
				return nil
			}
		case ']':
			p.pos++
			return v
		default:
			p.fail(p.pos, "unexpected "+p.what()+" in an array, want ',' or ']'")
			return nil
		}
	}
}

func (p *parser) object(depth int) *Value {
	v := &Value{Kind: Object, Offset: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v
	}
	var seen map[string]bool // built once an object has many keys
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			if p.pos >= len(p.data) {
				p.fail(v.Offset, "object not closed")
			} else {
				p.fail(p.pos, "unexpected "+p.what()+" in an object, want a key in double quotes")
			}
			return nil
		}
		keyOff := p.pos
		key, ok := p.str()
		if !ok {
			return nil
		}
		dup := false
		if seen != nil {
			dup = seen[key]
			seen[key] = true
		} else {
			for i := range v.Members {
				if v.Members[i].Key == key {
					dup = true
				}
			}
			if len(v.Members) >= 16 {
				seen = make(map[string]bool, 2*len(v.Members))
				for i := range v.Members {
					seen[v.Members[i].Key] = true
				}
				seen[key] = true
			}
		}
		if dup {
			p.fail(keyOff, "duplicate key "+strconv.Quote(key))
			return nil
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			p.fail(p.pos, "unexpected "+p.what()+" after a key, want ':'")
			return nil
		}
		p.pos++
		p.space()
		e := p.value(depth)
		if p.err != nil {
			return nil
		}
		v.Members = append(v.Members, Member{Key: key, KeyOffset: keyOff, Value: e})
		p.space()
		if p.pos >= len(p.data) {
			p.fail(v.Offset, "object not closed")
			return nil
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
			if p.pos < len(p.data) && p.data[p.pos] == '}' {
				p.fail(p.pos, "trailing comma in an object")
				return nil
			}
		case '}':
			p.pos++
			return v
		default:
			p.fail(p.pos, "unexpected "+p.what()+" in an object, want ',' or '}'")
			return nil
		}
	}
}

// Equal reports whether a and b are the same JSON: same kinds, same strings
// and booleans, numbers with the same literal, elements and members equal in
// order. Offsets are not compared.
func Equal(a, b *Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Bool:
		return a.Bool == b.Bool
	case Number:
		return a.Num == b.Num
	case String:
		return a.Str == b.Str
	case Array:
		if len(a.Elems) != len(b.Elems) {
			return false
		}
		for i := range a.Elems {
			if !Equal(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
	case Object:
		if len(a.Members) != len(b.Members) {
			return false
		}
		for i := range a.Members {
			if a.Members[i].Key != b.Members[i].Key || !Equal(a.Members[i].Value, b.Members[i].Value) {
				return false
			}
		}
	}
	return true
}
