package soap

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// EscapeText writes s as XML character data the way .NET's XmlWriter does:
// &, < and > as entities, a carriage return as a character reference (a raw
// one would read back as a line feed); a character XML 1.0 cannot hold
// (§2.2 Char) becomes U+FFFD.
func EscapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	return !(r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF)
}

// checkText refuses what EscapeText would have to replace: invalid UTF-8 and
// characters XML 1.0 cannot hold. The error text goes after the value in a
// message.
func checkText(s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return errors.New("is not valid UTF-8 at byte " + strconv.Itoa(i))
		case !xmlChar(r):
			return errors.New("has " + codePoint(r) + " at byte " + strconv.Itoa(i) + ", which XML cannot hold")
		}
	}
	return nil
}

// codePoint is fmt's %U of r: "U+" and at least four upper-case hex digits.
func codePoint(r rune) string { return "U+" + msg.Hex(r, 4, true) }
