package msg

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// name is a named string type without methods, as soap.Operation is.
type name string

// kinds are the arguments each verb of the catalogs is given: what the
// callers pass (strings, named strings, errors, Stringers such as
// time.Duration; ints of several sizes; float64), with the values that
// make fmt work hardest (quotes, control characters, invalid UTF-8,
// negative numbers, wide runes).
var kinds = map[string][]any{
	"s": {"x", name("PlayOnPhone"), errors.New("bad \"thing\""), 1500 * time.Millisecond, "", "ção\t\x00", "\xff"},
	"v": {"x", errors.New("illegal base64 data at input byte 4"), name("Op"), 42, -7, 1.5, true, nil},
	"q": {"x", "a \"b\" \\ c", "\x00\x1f\u00e9\u2028\U0001F600\xff", name("n"), ""},
	"d": {1, 0, -12, uint8(255), uint16(0xFFFF), int64(math.MinInt64), uint64(math.MaxUint64), 1234567},
	"X": {1, 0, 255, -31, uint8(9), uint16(0xABCD), 0xD800, 0x10FFFF, int64(-1)},
	"f": {1.5, 6.25, 0.0, 5.0, 6.05, 123456.789, -0.04, math.Inf(1), math.NaN(), float32(2.25)},
}

// Every entry of both catalogs formats as fmt.Sprintf formats it, with
// every kind of argument its placeholders take.
func TestSprintfMatchesFmt(t *testing.T) {
	for _, l := range Langs {
		for k, e := range catalog(l) {
			ph := placeholders(en[k])
			if len(ph) == 0 {
				if got, want := sprintf(e), fmt.Sprintf(e, []any{}...); got != want {
					t.Errorf("%v %q: sprintf = %q, fmt.Sprintf = %q", l, k, got, want)
				}
				continue
			}
			for round := 0; round < 10; round++ {
				args := make([]any, len(ph))
				for _, p := range ph {
					n, v := atoi(p[:strings.IndexByte(p, ':')]), p[strings.IndexByte(p, ':')+1:]
					ks, ok := kinds[v]
					if !ok {
						t.Fatalf("%v %q: verb %%%s has no test arguments; add them to kinds and check sprintf does it", l, k, v)
					}
					args[n-1] = ks[(round+n)%len(ks)]
				}
				got, want := sprintf(e, args...), fmt.Sprintf(e, args...)
				if got != want {
					t.Errorf("%v %q %#v:\nsprintf     %q\nfmt.Sprintf %q", l, k, args, got, want)
				}
			}
		}
	}
}

// The formats the catalogs do not use but sprintf reads still read as fmt
// reads them: the complaints, and the shapes around the catalogs' own.
func TestSprintfEdges(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"100%%", nil},
		{"%d %d", []any{1}},
		{"%d", []any{1, "two", nil}},
		{"%d", []any{1, name("n"), 2.5, errors.New("e")}},
		{"%[2]d %[1]d", []any{1, 2, 3}},
		{"%[3]d", []any{1}},
		{"%[0]d", []any{1}},
		{"%[x]d", []any{1}},
		{"%[1d", []any{1}},
		{"%[1]", []any{1}},
		{"%", nil},
		{"%d", []any{nil}},
		{"%s", []any{nil}},
		{"%v %v", []any{nil, false}},
		{"%5d|%05d|%05d|%0d", []any{42, 42, -42, 7}},
		{"%2d|%02d", []any{12345, 12345}},
		{"%04X %04X %02X %X %X", []any{-31, 0xabc, uint8(5), uint64(math.MaxUint64), int64(math.MinInt64)}},
		{"%.0f|%f|%.1f|%.1[1]f|%.1f", []any{2.5, 1.0, -0.05, math.Inf(-1)}},
		{"%v %v %v %v", []any{1e21, 1e-5, 123456789.0, float32(0.1)}},
		{"%v|%v", []any{math.NaN(), math.Inf(1)}},
		{"%v %s %q", []any{"é", 2 * time.Second, name("a\"b")}},
	} {
		if got, want := sprintf(tc.format, tc.args...), fmt.Sprintf(tc.format, tc.args...); got != want {
			t.Errorf("sprintf(%q, %#v) = %q, fmt.Sprintf gives %q", tc.format, tc.args, got, want)
		}
	}
}

// What sprintf does not do — a verb, flag, width or precision the catalogs
// do not use, a kind of value the callers do not pass — shows as fmt's kind
// of complaint, never as text that merely differs.
func TestSprintfUnsupported(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   []any
		want   string
	}{
		{"%+d", []any{1}, "%!d(UNSUPPORTED)"},
		{"%-5d|%.3d", []any{1, 2}, "%!d(UNSUPPORTED)|%!d(UNSUPPORTED)"},
		{"%#x", []any{1}, "%!x(UNSUPPORTED)"},
		{"%*d", []any{3, 1}, "%!d(UNSUPPORTED)%!(EXTRA int=1)"},
		{"%x %x", []any{"hi", 31}, "%!x(UNSUPPORTED) %!x(UNSUPPORTED)"},
		{"%6s|%.2s|%6q", []any{"ab", "ab", "ab"}, "%!s(UNSUPPORTED)|%!s(UNSUPPORTED)|%!q(UNSUPPORTED)"},
		{"%8.2f|%5v|%.1v", []any{3.5, 1.5, 1.5}, "%!f(UNSUPPORTED)|%!v(UNSUPPORTED)|%!v(UNSUPPORTED)"},
		{"%e", []any{1.5}, "%!e(UNSUPPORTED)"},
		{"%c %q", []any{65, 'é'}, "%!c(UNSUPPORTED) %!q(UNSUPPORTED)"},
		{"%s %d", []any{1, "x"}, "%!s(UNSUPPORTED) %!d(UNSUPPORTED)"},
		{"%t", []any{true}, "%!t(UNSUPPORTED)"},
		{"%s", []any{[]byte("hi")}, "%!s(UNSUPPORTED)"},
		{"%v", []any{[]string{"a"}}, "%!v(UNSUPPORTED)"},
		{"%é", []any{1}, "%!é(UNSUPPORTED)"},
		{"%[1]02X", []any{1}, "%!0(UNSUPPORTED)2X"}, // fmt: %!X(BADINDEX); the catalogs write %02[1]X
	} {
		if got := sprintf(tc.format, tc.args...); got != tc.want {
			t.Errorf("sprintf(%q, %#v) = %q, want %q", tc.format, tc.args, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	base := errors.New("unexpected EOF")
	got, want := Wrap("callid: reading 16 random bytes: ", base), fmt.Errorf("callid: reading 16 random bytes: %w", base)
	if got.Error() != want.Error() {
		t.Errorf("Wrap = %q, fmt.Errorf = %q", got, want)
	}
	if !errors.Is(got, base) || errors.Unwrap(got) != base {
		t.Errorf("Wrap(%q) does not unwrap to its error", got)
	}
}

// Value writes a recovered panic value as %v did.
func TestValue(t *testing.T) {
	var m map[string]int
	var runtimeErr error
	func() {
		defer func() { runtimeErr = recover().(error) }()
		m["x"] = 1 // assignment to entry in nil map
	}()
	for _, v := range []any{"boom", errors.New("app: x"), runtimeErr, 42, int8(-3), uint(7), 2.5, true, nil, name("op"), 3 * time.Second} {
		if got, want := Value(v), fmt.Sprintf("%v", v); got != want {
			t.Errorf("Value(%#v) = %q, want %q", v, got, want)
		}
	}
}

func TestHex(t *testing.T) {
	for _, r := range []rune{0, 1, 0x7, 0x1f, 0x7f, 0xa0, 0xab, 0xff, 0x100, 0x2028, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff} {
		for _, w := range []int{0, 2, 4, 8} {
			if got, want := Hex(r, w, true), fmt.Sprintf("%0*X", w, r); got != want {
				t.Errorf("Hex(%#x, %d, true) = %q, want %q", r, w, got, want)
			}
			if got, want := Hex(r, w, false), fmt.Sprintf("%0*x", w, r); got != want {
				t.Errorf("Hex(%#x, %d, false) = %q, want %q", r, w, got, want)
			}
		}
	}
}
