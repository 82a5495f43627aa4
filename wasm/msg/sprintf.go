package msg

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sprintf is fmt.Sprintf for the placeholders the catalogs use, byte for
// byte, so that the browser program links no fmt (its printer is about a
// fifteenth of the module). It reads no more than the catalogs use, which
// keeps its code small: a placeholder is
//
//	% [0] [width] [.precision] [[n]] verb
//
// and it formats
//
//   - %s, %v, %q of strings (and of named string types), and of errors and
//     Stringers (their Error or String);
//   - %d, %v of integers of any size, and %X with a width, padded with
//     zeros under the 0 flag (the catalogs' 0x%02X);
//   - %f with a precision (%.1f), %v of floats; %v of bools and of nil.
//
// Anything else — another verb or flag, a width or precision elsewhere, a
// value of another kind — gives %!verb(UNSUPPORTED), and an index elsewhere
// a %! marker too.
// Arguments missing, left over or badly indexed give fmt's complaints
// (%!d(MISSING), %!(EXTRA int=1), %!d(BADINDEX)). TestSprintfMatchesFmt and
// TestEntriesFormat catch a catalog entry that needs more.
func sprintf(format string, args ...any) string {
	b := make([]byte, 0, len(format)+16*len(args))
	argNum := 0
	reordered := false
	for i := 0; i < len(format); {
		j := i
		for j < len(format) && format[j] != '%' {
			j++
		}
		b = append(b, format[i:j]...)
		if j >= len(format) {
			break
		}
		i = j + 1 // past the '%'

		var s spec
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '0':
				s.zero = true
			case '-', '+', '#', ' ', '*': // read, so that the marker names the verb
				s.other = true
			default:
				break flags
			}
		}
		s.wid, s.widOK, i = parsenum(format, i)
		if i < len(format) && format[i] == '.' {
			s.prec, _, i = parsenum(format, i+1)
			s.precOK = true
		}
		good := true
		if i < len(format) && format[i] == '[' {
			// fmt's "[n]": a number from 1 to len(args), else BADINDEX
			// (a "[" that no "]" closes is skipped, and fmt reads the
			// digits after it as a width).
			reordered, good = true, false
			k := i + 1
			for k < len(format) && format[k] != ']' {
				k++
			}
			if k == len(format) || len(format)-i < 3 {
				_, _, i = parsenum(format, i+1)
			} else {
				n, ok, next := parsenum(format[:k], i+1)
				if ok && next == k && 1 <= n && n <= len(args) {
					argNum, good = n-1, true
				}
				i = k + 1
			}
		}
		if i >= len(format) {
			b = append(b, "%!(NOVERB)"...)
			break
		}
		verb, size := rune(format[i]), 1
		if verb >= utf8.RuneSelf {
			verb, size = utf8.DecodeRuneInString(format[i:])
		}
		i += size

		switch {
		case verb == '%':
			b = append(b, '%')
		case !good:
			b = appendComplaint(b, verb, "BADINDEX")
		case argNum >= len(args):
			b = appendComplaint(b, verb, "MISSING")
		default:
			b = appendArg(b, args[argNum], verb, s)
			argNum++
		}
	}
	if !reordered && argNum < len(args) {
		b = append(b, "%!(EXTRA "...)
		for k, a := range args[argNum:] {
			if k > 0 {
				b = append(b, ", "...)
			}
			if a == nil {
				b = append(b, "<nil>"...)
				continue
			}
			b = append(b, reflect.TypeOf(a).String()...)
			b = append(b, '=')
			b = appendArg(b, a, 'v', spec{})
		}
		b = append(b, ')')
	}
	return string(b)
}

// spec is what a placeholder says besides its verb and index.
type spec struct {
	zero          bool
	other         bool // a shape sprintf does not read
	wid, prec     int
	widOK, precOK bool
}

func appendComplaint(b []byte, verb rune, what string) []byte {
	b = append(b, "%!"...)
	b = utf8.AppendRune(b, verb)
	b = append(b, '(')
	b = append(b, what...)
	return append(b, ')')
}

// parsenum reads the decimal number at s[i:], as fmt does (up to 1e6).
func parsenum(s string, i int) (num int, ok bool, next int) {
	for next = i; next < len(s) && '0' <= s[next] && s[next] <= '9'; next++ {
		if num > 1e6 {
			return 0, false, len(s)
		}
		num = num*10 + int(s[next]-'0')
		ok = true
	}
	return num, ok, next
}

// appendArg formats one argument as fmt's printArg does, for what sprintf
// knows.
func appendArg(b []byte, a any, verb rune, s spec) []byte {
	// A width is for integers only, a precision for %f only.
	if s.other || s.widOK && verb != 'd' && verb != 'X' || s.precOK && verb != 'f' {
		return appendComplaint(b, verb, "UNSUPPORTED")
	}
	switch v := a.(type) {
	case nil:
		if verb == 'v' {
			return append(b, "<nil>"...)
		}
		return appendComplaint(b, verb, "<nil>")
	case string:
		return appendString(b, v, verb)
	case error:
		return appendString(b, v.Error(), verb)
	case interface{ String() string }:
		return appendString(b, v.String(), verb)
	case float64:
		return appendFloat(b, v, 64, verb, s)
	case float32:
		return appendFloat(b, float64(v), 32, verb, s)
	case bool:
		if verb == 'v' {
			return strconv.AppendBool(b, v)
		}
	default:
		rv := reflect.ValueOf(a)
		switch rv.Kind() {
		case reflect.String:
			return appendString(b, rv.String(), verb)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n := rv.Int()
			return appendInt(b, uint64(n), n < 0, verb, s)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return appendInt(b, rv.Uint(), false, verb, s)
		}
	}
	return appendComplaint(b, verb, "UNSUPPORTED")
}

// appendString is %s, %v or %q of str.
func appendString(b []byte, str string, verb rune) []byte {
	switch verb {
	case 's', 'v':
		return append(b, str...)
	case 'q':
		return strconv.AppendQuote(b, str)
	}
	return appendComplaint(b, verb, "UNSUPPORTED")
}

// appendInt is %d or %v of an integer, or %X: the digits of |u|, after a
// '-' when neg. As in fmt, the 0 flag pads with zeros to the width, the
// sign included, and a width without it with spaces on the left.
func appendInt(b []byte, u uint64, neg bool, verb rune, s spec) []byte {
	base := 10
	switch verb {
	case 'd', 'v':
	case 'X':
		base = 16
	default:
		return appendComplaint(b, verb, "UNSUPPORTED")
	}
	if neg {
		u = -u
	}
	var buf [24]byte
	digits := strconv.AppendUint(buf[:0], u, base)
	for k, c := range digits {
		if 'a' <= c {
			digits[k] = c - 'a' + 'A'
		}
	}
	n := len(digits)
	if neg {
		n++
	}
	if !s.zero {
		for ; n < s.wid; n++ {
			b = append(b, ' ')
		}
	}
	if neg {
		b = append(b, '-')
	}
	if s.zero {
		for ; n < s.wid; n++ {
			b = append(b, '0')
		}
	}
	return append(b, digits...)
}

// appendFloat is %f (precision 6 unless given) or %v (the shortest %g) of
// f, a float of bits bits. strconv writes infinities and NaN as fmt does:
// +Inf, -Inf, NaN.
func appendFloat(b []byte, f float64, bits int, verb rune, s spec) []byte {
	switch verb {
	case 'v':
		return strconv.AppendFloat(b, f, 'g', -1, bits)
	case 'f':
		if !s.precOK {
			s.prec = 6
		}
		return strconv.AppendFloat(b, f, 'f', s.prec, bits)
	}
	return appendComplaint(b, verb, "UNSUPPORTED")
}

// Value is v as fmt's %v writes it, for the kinds sprintf knows: strings,
// errors, Stringers, numbers, bools and nil; any other kind gives
// %!v(UNSUPPORTED). The page writes recovered panic values with it.
func Value(v any) string { return string(appendArg(nil, v, 'v', spec{})) }

// Hex is r in hexadecimal, upper or lower case, zero-padded to at least
// width digits: fmt's %0*X and %0*x of a non-negative r, for the \x, \u and
// U+ escapes the packages write without fmt.
func Hex(r rune, width int, upper bool) string {
	h := strconv.FormatInt(int64(r), 16)
	if upper {
		h = strings.ToUpper(h)
	}
	for len(h) < width {
		h = "0" + h
	}
	return h
}
