package callid

import (
	"encoding/base64"
	"encoding/hex"
	"io"
	"strings"

	"umplay/wasm/msg"
)

// EncodeError is why Encode refused its input, worded in any language by
// its message (the page shows it in its own); Error is the English text.
type EncodeError struct{ M msg.M }

func (e *EncodeError) Error() string { return "callid: " + e.M.In(msg.EN) }

// Encode returns the CallId for guid and host: base64 of "<guid>@<host>",
// standard alphabet with padding. guid must be 8-4-4-4-12 hex digits in any
// case (it is written in lower case); host must be non-empty printable ASCII
// with no '@' and no whitespace. Encode does not insist on a plausible FQDN:
// Decode warns about that.
func Encode(guid, host string) (string, error) {
	g, _ := parseGUID(guid)
	if g == "" {
		return "", &EncodeError{msg.New("callid.encode.guid", guid)}
	}
	if host == "" {
		return "", &EncodeError{msg.New("callid.encode.host-empty")}
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !printable(c) || c == ' ' || c == '@' {
			return "", &EncodeError{msg.New("callid.encode.host-char", host, host[i:i+1], i)}
		}
	}
	return base64.StdEncoding.EncodeToString([]byte(g + "@" + host)), nil
}

// NewGUID returns an RFC 4122 version 4 GUID (§4.4) made from 16 bytes read
// from r, in canonical lower case.
func NewGUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", msg.Wrap("callid: reading 16 random bytes: ", err)
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10xx
	return formatGUID(b), nil
}

// formatGUID writes b as 8-4-4-4-12 lower-case hex digits.
func formatGUID(b [16]byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}

// New makes a fresh CallId for a call on the UM server host, as the server
// does: a version 4 GUID from 16 bytes of r, then Encode(guid, host).
func New(host string, r io.Reader) (string, error) {
	g, err := NewGUID(r)
	if err != nil {
		return "", err
	}
	return Encode(g, host)
}

// Repair returns the CallId as the server wants it: whitespace removed,
// URL-safe '-' and '_' turned into '+' and '/', missing '=' padding added.
// ok reports that the result differs from raw and Decode finds no error in
// it; when ok is false, repaired is raw unchanged. Repair changes nothing
// else: a CallId with other errors cannot be repaired.
func Repair(raw string) (repaired string, ok bool) {
	var b strings.Builder
	b.Grow(len(raw) + 2)
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case isSpace(c):
		case c == '-':
			b.WriteByte('+')
		case c == '_':
			b.WriteByte('/')
		default:
			b.WriteByte(c)
		}
	}
	s := b.String()
	data := strings.TrimRight(s, "=")
	if n := len(data) % 4; n > 1 {
		if need := 4 - n - (len(s) - len(data)); need > 0 {
			s += strings.Repeat("=", need)
		}
	}
	if s == raw || !Decode(s).OK {
		return raw, false
	}
	return s, true
}
