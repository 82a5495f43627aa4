package jsonv

import (
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s to dst as a JSON string: quoted, with '"', '\\' and
// control characters escaped (and U+2028, U+2029, which old JavaScript
// parsers reject in strings). Invalid UTF-8 becomes U+FFFD, as no JSON
// reader could return it.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\ufffd"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += n
			start = i
			continue
		}
		i += n
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Append appends v to dst as compact JSON: members in their order, numbers
// as written, strings as AppendString writes them. A nil v is null.
func (v *Value) Append(dst []byte) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	switch v.Kind {
	case Bool:
		return strconv.AppendBool(dst, v.Bool)
	case Number:
		if v.Num == "" {
			return append(dst, '0')
		}
		return append(dst, v.Num...)
	case String:
		return AppendString(dst, v.Str)
	case Array:
		dst = append(dst, '[')
		for i, e := range v.Elems {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = e.Append(dst)
		}
		return append(dst, ']')
	case Object:
		dst = append(dst, '{')
		for i, m := range v.Members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, m.Key)
			dst = append(dst, ':')
			dst = m.Value.Append(dst)
		}
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

// ObjectWriter builds a compact JSON object; members come out in the order
// they are added, so the same calls give the same bytes. It does not check
// keys for duplicates: that is the caller's part. The zero value is an
// empty object, ready to use.
type ObjectWriter struct {
	buf []byte
}

func (o *ObjectWriter) key(k string) {
	if len(o.buf) == 0 {
		o.buf = append(o.buf, '{')
	} else {
		o.buf = append(o.buf, ',')
	}
	o.buf = AppendString(o.buf, k)
	o.buf = append(o.buf, ':')
}

// String adds a string member.
func (o *ObjectWriter) String(k, v string) { o.key(k); o.buf = AppendString(o.buf, v) }

// Bool adds a boolean member.
func (o *ObjectWriter) Bool(k string, v bool) { o.key(k); o.buf = strconv.AppendBool(o.buf, v) }

// Int adds an integer member.
func (o *ObjectWriter) Int(k string, v int64) { o.key(k); o.buf = strconv.AppendInt(o.buf, v, 10) }

// Null adds a null member.
func (o *ObjectWriter) Null(k string) { o.key(k); o.buf = append(o.buf, "null"...) }

// Raw adds a member whose value is already JSON (from another writer or
// Value.Append); it is copied as is.
func (o *ObjectWriter) Raw(k string, json []byte) { o.key(k); o.buf = append(o.buf, json...) }

// Bytes returns the object written so far, closed; the writer may go on.
func (o *ObjectWriter) Bytes() []byte {
	if len(o.buf) == 0 {
		return []byte("{}")
	}
	out := make([]byte, len(o.buf)+1)
	copy(out, o.buf)
	out[len(o.buf)] = '}'
	return out
}

// ArrayWriter builds a compact JSON array in the order elements are added.
// The zero value is an empty array.
type ArrayWriter struct {
	buf []byte
}

func (a *ArrayWriter) next() {
	if len(a.buf) == 0 {
		a.buf = append(a.buf, '[')
	} else {
		a.buf = append(a.buf, ',')
	}
}

// String adds a string.
func (a *ArrayWriter) String(v string) { a.next(); a.buf = AppendString(a.buf, v) }

// Bool adds a boolean.
func (a *ArrayWriter) Bool(v bool) { a.next(); a.buf = strconv.AppendBool(a.buf, v) }

// Int adds an integer.
func (a *ArrayWriter) Int(v int64) { a.next(); a.buf = strconv.AppendInt(a.buf, v, 10) }

// Raw adds an element that is already JSON.
func (a *ArrayWriter) Raw(json []byte) { a.next(); a.buf = append(a.buf, json...) }

// Bytes returns the array written so far, closed; the writer may go on.
func (a *ArrayWriter) Bytes() []byte {
	if len(a.buf) == 0 {
		return []byte("[]")
	}
	out := make([]byte, len(a.buf)+1)
	copy(out, a.buf)
	out[len(a.buf)] = ']'
	return out
}
