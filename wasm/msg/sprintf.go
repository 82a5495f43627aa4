package msg

import (
	"reflect"
	"strconv"
	"unicode/utf8"
)

// sprintf is fmt.Sprintf for the placeholders the catalogs use, byte for
// byte, so that the browser program links no fmt (its printer is about a
// fifteenth of the module). It reads a verb as fmt does — flags, an argument
// index [n], a width, a precision — and formats:
//
//   - %s, %v, %q of strings (and of named string types), of errors and
//     Stringers (their Error or String), and of []byte;
//   - %d, %v, %x, %X, %q of integers of any size;
//   - %f, %v of floats; %t, %v of bools;
//   - the flags 0 and - and a width on all of these, a precision on %f.
//
// Anything else — another verb or flag, a '*' width, a value of another kind
// — gives fmt's complaint when fmt's is simple (%!d(string=x), %!d(MISSING),
// %!d(BADINDEX), %!(EXTRA …)) and %!verb(UNSUPPORTED) otherwise, which
// TestSprintfMatchesFmt and TestEntriesFormat catch for every catalog entry.
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
		good := true
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '0':
				s.zero = !s.minus // "-" wins over "0", as in fmt
			case '-':
				s.minus, s.zero = true, false
			case '+', '#', ' ':
				s.other = true
			default:
				break flags
			}
		}
		var after bool
		argNum, i, after = argNumber(argNum, format, i, len(args), &good, &reordered)
		if i < len(format) && format[i] == '*' {
			s.other = true
			i++
		} else {
			s.wid, s.widOK, i = parsenum(format, i)
			if after && s.widOK { // "%[3]2d"
				good = false
			}
		}
		if i+1 < len(format) && format[i] == '.' {
			i++
			if after { // "%[3].2d"
				good = false
			}
			argNum, i, after = argNumber(argNum, format, i, len(args), &good, &reordered)
			if i < len(format) && format[i] == '*' {
				s.other = true
				i++
			} else {
				s.prec, s.precOK, i = parsenum(format, i)
				s.precOK = true
			}
		}
		if !after {
			argNum, i, _ = argNumber(argNum, format, i, len(args), &good, &reordered)
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
		case s.other:
			b = appendComplaint(b, verb, "UNSUPPORTED")
			argNum++
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

// spec is what a verb says besides its letter.
type spec struct {
	zero, minus   bool
	other         bool // a flag, or a '*' width or precision, sprintf does not do
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

// argNumber reads an argument index "[n]" at format[i], as fmt does.
func argNumber(argNum int, format string, i, numArgs int, good, reordered *bool) (int, int, bool) {
	if len(format) <= i || format[i] != '[' {
		return argNum, i, false
	}
	*reordered = true
	index, wid, ok := parseArgNumber(format[i:])
	if ok && 0 <= index && index < numArgs {
		return index, i + wid, true
	}
	*good = false
	return argNum, i + wid, ok
}

func parseArgNumber(format string) (index, wid int, ok bool) {
	if len(format) < 3 {
		return 0, 1, false
	}
	for i := 1; i < len(format); i++ {
		if format[i] == ']' {
			n, ok, newi := parsenum(format[:i], 1)
			if !ok || newi != i {
				return 0, i + 1, false
			}
			return n - 1, i + 1, true
		}
	}
	return 0, 1, false
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

// appendArg formats one argument as fmt's printArg does.
func appendArg(b []byte, a any, verb rune, s spec) []byte {
	switch v := a.(type) {
	case nil:
		if verb == 'v' {
			return pad(b, "<nil>", s)
		}
		return appendComplaint(b, verb, "<nil>")
	case string:
		return appendString(b, a, v, verb, s)
	case []byte:
		if verb == 'v' || verb == 'd' {
			break // fmt prints the numbers, [104 105]
		}
		return appendString(b, a, string(v), verb, s)
	case error:
		if verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X' {
			return appendString(b, a, v.Error(), verb, s)
		}
	case interface{ String() string }:
		if verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X' {
			return appendString(b, a, v.String(), verb, s)
		}
	}
	rv := reflect.ValueOf(a)
	switch rv.Kind() {
	case reflect.String:
		return appendString(b, a, rv.String(), verb, s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := rv.Int()
		return appendInt(b, a, uint64(n), n < 0, verb, s)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return appendInt(b, a, rv.Uint(), false, verb, s)
	case reflect.Float32, reflect.Float64:
		return appendFloat(b, a, rv.Float(), rv.Type().Bits(), verb, s)
	case reflect.Bool:
		if verb == 't' || verb == 'v' {
			return pad(b, strconv.FormatBool(rv.Bool()), s)
		}
		return badVerb(b, a, verb)
	}
	return appendComplaint(b, verb, "UNSUPPORTED")
}

// badVerb is fmt's %!d(string=x).
func badVerb(b []byte, a any, verb rune) []byte {
	b = append(b, "%!"...)
	b = utf8.AppendRune(b, verb)
	b = append(b, '(')
	b = append(b, reflect.TypeOf(a).String()...)
	b = append(b, '=')
	b = appendArg(b, a, 'v', spec{})
	return append(b, ')')
}

func appendString(b []byte, a any, str string, verb rune, s spec) []byte {
	switch verb {
	case 'v', 's':
		if s.precOK { // a precision truncates to that many runes
			for i := range str {
				if s.prec == 0 {
					str = str[:i]
					break
				}
				s.prec--
			}
		}
		return pad(b, str, s)
	case 'q':
		if s.precOK {
			break
		}
		return pad(b, strconv.Quote(str), s)
	}
	if verb == 'x' || verb == 'X' || verb == 'q' {
		return appendComplaint(b, verb, "UNSUPPORTED")
	}
	return badVerb(b, a, verb)
}

func appendInt(b []byte, a any, u uint64, neg bool, verb rune, s spec) []byte {
	base := 10
	switch verb {
	case 'd', 'v':
	case 'x', 'X':
		base = 16
	case 'q':
		if s.zero || s.precOK {
			return appendComplaint(b, verb, "UNSUPPORTED")
		}
		r := rune(utf8.RuneError)
		if !neg && u <= utf8.MaxRune {
			r = rune(u)
		}
		return pad(b, strconv.QuoteRune(r), s)
	case 'c', 'U', 'o', 'O', 'b':
		return appendComplaint(b, verb, "UNSUPPORTED")
	default:
		return badVerb(b, a, verb)
	}
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u, base)
	if verb == 'X' {
		digits = upper(digits)
	}
	// fmt's precision is a minimum number of digits; a zero flag with a
	// width and no precision pads with zeros to the width, sign included.
	prec, zeros := 0, false
	switch {
	case s.precOK:
		prec = s.prec
		if prec == 0 && u == 0 {
			digits = ""
		}
	case s.zero && s.widOK:
		prec, zeros = s.wid, true
		if neg {
			prec--
		}
	}
	num := make([]byte, 0, len(digits)+prec+1)
	if neg {
		num = append(num, '-')
	}
	for k := len(digits); k < prec; k++ {
		num = append(num, '0')
	}
	num = append(num, digits...)
	if zeros {
		return append(b, num...)
	}
	s.zero = false
	return pad(b, string(num), s)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func appendFloat(b []byte, a any, f float64, bits int, verb rune, s spec) []byte {
	var num string
	switch verb {
	case 'v':
		if s.precOK {
			return appendComplaint(b, verb, "UNSUPPORTED")
		}
		num = strconv.FormatFloat(f, 'g', -1, bits)
	case 'f', 'F':
		prec := 6
		if s.precOK {
			prec = s.prec
		}
		num = strconv.FormatFloat(f, 'f', prec, bits)
	case 'e', 'E', 'g', 'G', 'x', 'X', 'b':
		return appendComplaint(b, verb, "UNSUPPORTED")
	default:
		return badVerb(b, a, verb)
	}
	if num == "+Inf" || num == "-Inf" || num == "NaN" {
		s.zero = false // fmt pads these with spaces
	}
	if s.zero && s.widOK && len(num) < s.wid {
		sign := ""
		if num[0] == '-' {
			sign, num = "-", num[1:]
		}
		zs := make([]byte, s.wid-len(sign)-len(num))
		for k := range zs {
			zs[k] = '0'
		}
		return append(append(append(b, sign...), zs...), num...)
	}
	return pad(b, num, s)
}

// pad writes str padded with spaces to the width, counted in runes, on the
// left or, with the - flag, on the right.
func pad(b []byte, str string, s spec) []byte {
	if !s.widOK {
		return append(b, str...)
	}
	n := s.wid - utf8.RuneCountInString(str)
	if n <= 0 {
		return append(b, str...)
	}
	fill := byte(' ')
	if s.zero {
		fill = '0'
	}
	if !s.minus {
		for ; n > 0; n-- {
			b = append(b, fill)
		}
		return append(b, str...)
	}
	b = append(b, str...)
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

// Value is v as fmt's %v writes it, for the kinds sprintf knows: strings,
// errors, Stringers, numbers, bools and nil; any other kind gives
// %!v(UNSUPPORTED). The page writes recovered panic values with it.
func Value(v any) string { return string(appendArg(nil, v, 'v', spec{})) }
