package soap

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// Encoding is how the bytes of a document encode its text, as .NET's
// XmlReader tells it from the byte order mark before it reads any
// declaration (behaviour.md "Encodings"; XML 1.0 Appendix F).
type Encoding int

// The encodings DecodeText reads.
const (
	UTF8    Encoding = iota // UTF-8 without a byte order mark
	UTF8BOM                 // UTF-8 after EF BB BF
	UTF16LE                 // UTF-16, little endian, after FF FE
	UTF16BE                 // UTF-16, big endian, after FE FF
)

func (enc Encoding) String() string {
	switch enc {
	case UTF8BOM:
		return "UTF-8 with a byte order mark"
	case UTF16LE:
		return "UTF-16LE"
	case UTF16BE:
		return "UTF-16BE"
	}
	return "UTF-8"
}

// bom is the byte order mark that introduces enc.
func (enc Encoding) bom() []byte {
	switch enc {
	case UTF8BOM:
		return []byte{0xEF, 0xBB, 0xBF}
	case UTF16LE:
		return []byte{0xFF, 0xFE}
	case UTF16BE:
		return []byte{0xFE, 0xFF}
	}
	return nil
}

// Sniff tells the encoding of b from its byte order mark; without one it is
// UTF-8.
func Sniff(b []byte) Encoding {
	for _, enc := range []Encoding{UTF8BOM, UTF16LE, UTF16BE} {
		if bytes.HasPrefix(b, enc.bom()) {
			return enc
		}
	}
	return UTF8
}

// Encode returns s in enc, byte order mark included, so that
// DecodeText(enc.Encode(s)) gives s back. A text DecodeText returned
// re-encodes to the very bytes it came from.
func (enc Encoding) Encode(s string) []byte {
	switch enc {
	case UTF16LE, UTF16BE:
		out := append(make([]byte, 0, 2+2*len(s)), enc.bom()...)
		for _, u := range utf16.Encode([]rune(s)) {
			if enc == UTF16LE {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out
	}
	return append(enc.bom(), s...)
}

// TextError says why bytes are not text. Offset is a byte offset into the
// input (byte order mark included); Pos is where that byte falls in the
// text decoded before it: line and column (in characters) of the first
// character that could not be read.
type TextError struct {
	Offset int
	Pos    Pos
	Msg    string // e.g. "not UTF-8 text: byte 0xFF at offset 17"
	M      msg.M  // Msg not yet put in words (the catalog's key and arguments)
}

func (e *TextError) Error() string { return "soap: " + e.Msg }

// Text is the error's message in l (Msg is the English).
func (e *TextError) Text(l msg.Lang) string {
	if e.M.Key == "" {
		return e.Msg
	}
	return e.M.In(l)
}

// DecodeText turns the bytes of a document into its text, the way the
// server's XmlReader does before it parses: a UTF-8 byte order mark is
// dropped; UTF-16 with its byte order mark (what Windows PowerShell's
// Out-File writes) is decoded, whatever the XML declaration says; anything
// else is read as UTF-8. Positions in the result count characters of the
// decoded text, like every position of this package.
//
// Bytes that are not text — invalid UTF-8, a NUL character, an odd number
// of bytes or an unpaired surrogate in UTF-16 — give one error that names
// the first bad byte and its offset. Input longer than MaxBytes is not
// examined: it is returned as it is, for the size check to refuse it.
func DecodeText(b []byte) (string, *TextError) {
	if len(b) > MaxBytes {
		return string(b), nil
	}
	switch enc := Sniff(b); enc {
	case UTF16LE, UTF16BE:
		return decodeUTF16(b, enc)
	case UTF8BOM:
		return decodeUTF8(b, len(enc.bom()))
	}
	return decodeUTF8(b, 0)
}

func decodeUTF8(b []byte, start int) (string, *TextError) {
	body := b[start:]
	nul := bytes.IndexByte(body, 0)
	if nul < 0 && utf8.Valid(body) {
		return string(body), nil
	}
	for i := 0; i < len(body); {
		c := body[i]
		if c == 0 {
			return "", textErr(string(body[:i]), start+i, nulMsg(start+i, start == 0 && looksUTF16(body, i)))
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n <= 1 {
			return "", textErr(string(body[:i]), start+i, msg.New("text.utf8", c, start+i))
		}
		i += n
	}
	return string(body), nil // not reached: the fast path saw a problem
}

// looksUTF16 tells whether the first NUL, at body[i], starts the input the
// way UTF-16 text written without a byte order mark does: an ASCII
// character and a NUL, in either order.
func looksUTF16(body []byte, i int) bool {
	switch i {
	case 0:
		return len(body) > 1 && body[1] != 0 && body[1] < utf8.RuneSelf
	case 1:
		return body[0] < utf8.RuneSelf
	}
	return false
}

// nulMsg describes a NUL byte; utf16ish says it looks like ASCII in
// UTF-16LE written without a byte order mark.
func nulMsg(off int, utf16ish bool) msg.M {
	if utf16ish {
		return msg.New("text.nul-utf16", off)
	}
	return msg.New("text.nul", off)
}

func decodeUTF16(b []byte, enc Encoding) (string, *TextError) {
	const start = 2
	body := b[start:]
	unit := func(i int) uint16 {
		if enc == UTF16LE {
			return uint16(body[i]) | uint16(body[i+1])<<8
		}
		return uint16(body[i])<<8 | uint16(body[i+1])
	}
	out := make([]byte, 0, len(body)/2)
	n := len(body) &^ 1
	for i := 0; i < n; i += 2 {
		u := unit(i)
		switch {
		case u == 0:
			return "", textErr(string(out), start+i, msg.New("text.utf16-nul", enc.String(), start+i))
		case utf16.IsSurrogate(rune(u)):
			if u < 0xDC00 && i+3 < n {
				if v := unit(i + 2); v >= 0xDC00 && v <= 0xDFFF {
					out = utf8.AppendRune(out, utf16.DecodeRune(rune(u), rune(v)))
					i += 2
					continue
				}
			}
			return "", textErr(string(out), start+i, msg.New("text.surrogate", enc.String(), u, start+i))
		default:
			out = utf8.AppendRune(out, rune(u))
		}
	}
	if len(body)%2 == 1 {
		at := start + len(body) - 1
		return "", textErr(string(out), at, msg.New("text.odd", enc.String(), at))
	}
	return string(out), nil
}

// textErr is the error at byte offset off of the input, whose text before
// it is before.
func textErr(before string, off int, m msg.M) *TextError {
	return &TextError{Offset: off, Pos: NewLines(before).Pos(len(before)), Msg: m.In(msg.EN), M: m}
}
