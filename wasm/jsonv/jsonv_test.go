package jsonv

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, wantErr string
	}{
		{"empty", "", "jsonv: unexpected end of input, want a value at line 1, column 1"},
		{"only space", " \n ", "jsonv: unexpected end of input, want a value at line 2, column 2"},
		{"trailing comma array", "[1,2,]", "jsonv: trailing comma in an array at line 1, column 6"},
		{"trailing comma object", "{\"a\":1,\n }", "jsonv: trailing comma in an object at line 2, column 2"},
		{"bad escape", `"a\x"`, `jsonv: bad escape \x in a string at line 1, column 3`},
		{"short unicode escape", `"\u12"`, `jsonv: bad escape: \u needs four hex digits at line 1, column 2`},
		{"lone high surrogate", `"\ud800"`, `jsonv: lone high surrogate \ud800 at line 1, column 2`},
		{"high then non-low", `"\ud800\u0041"`, `jsonv: lone high surrogate \ud800 at line 1, column 2`},
		{"lone low surrogate", `"x\udc00"`, `jsonv: lone low surrogate \udc00 at line 1, column 3`},
		{"duplicate key", `{"a":1,"b":2,"a":3}`, `jsonv: duplicate key "a" at line 1, column 14`},
		{"raw control", "\"a\tb\"", `jsonv: control character '\t' in a string, write it escaped at line 1, column 3`},
		{"unclosed string", `"abc`, "jsonv: string not closed at line 1, column 1"},
		{"unclosed array", "[1", "jsonv: array not closed at line 1, column 1"},
		{"unclosed object", `{"a":1`, "jsonv: object not closed at line 1, column 1"},
		{"leading zero", "012", "jsonv: number with a leading zero at line 1, column 1"},
		{"minus alone", "-", "jsonv: unexpected end of input in a number, want a digit at line 1, column 2"},
		{"dot no digits", "1.", "jsonv: unexpected end of input in a number, want a digit after '.' at line 1, column 3"},
		{"exponent no digits", "1e+", "jsonv: unexpected end of input in a number, want a digit in the exponent at line 1, column 4"},
		{"leading dot", ".5", "jsonv: unexpected '.', want a value at line 1, column 1"},
		{"plus sign", "+1", "jsonv: unexpected '+', want a value at line 1, column 1"},
		{"after value", `{} x`, "jsonv: unexpected 'x' after the value at line 1, column 4"},
		{"two values", `1 2`, "jsonv: unexpected '2' after the value at line 1, column 3"},
		{"bad literal", "tru", "jsonv: unexpected 't', want a value at line 1, column 1"},
		{"True", "True", "jsonv: unexpected 'T', want a value at line 1, column 1"},
		{"single quotes", "{'a':1}", `jsonv: unexpected '\'' in an object, want a key in double quotes at line 1, column 2`},
		{"missing colon", `{"a" 1}`, "jsonv: unexpected '1' after a key, want ':' at line 1, column 6"},
		{"missing comma", `[1 2]`, "jsonv: unexpected '2' in an array, want ',' or ']' at line 1, column 4"},
		{"comment", "[1] // c", "jsonv: unexpected '/' after the value at line 1, column 5"},
		{"invalid utf8", "\"é\xff\"", "jsonv: invalid UTF-8 at line 1, column 3"},
		{"bom", "\ufeff{}", "jsonv: byte order mark before the value at line 1, column 1"},
		{"column counts characters", "[\"ééé\", x]", "jsonv: unexpected 'x', want a value at line 1, column 9"},
		{"crlf lines", "[\r\n1,\r\n?]", "jsonv: unexpected '?', want a value at line 3, column 1"},
		{"too deep", strings.Repeat("[", 65) + strings.Repeat("]", 65), "jsonv: nesting deeper than 64 at line 1, column 65"},
		{"nan", "NaN", "jsonv: unexpected 'N', want a value at line 1, column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("Parse(%q) = %v, nil error; want %q", tt.in, string(v.Append(nil)), tt.wantErr)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	if _, err := ParseLimits([]byte(`"0123456789"`), Limits{MaxBytes: 10}); err == nil ||
		err.Error() != "jsonv: input is 12 bytes, limit is 10 at line 1, column 1" {
		t.Errorf("MaxBytes: error = %v", err)
	}
	if _, err := ParseLimits([]byte(`[1,2,3]`), Limits{MaxElems: 3}); err == nil ||
		err.Error() != "jsonv: more than 3 values at line 1, column 6" {
		t.Errorf("MaxElems: error = %v", err)
	}
	if _, err := ParseLimits([]byte(`[[[]]]`), Limits{MaxDepth: 2}); err == nil ||
		err.Error() != "jsonv: nesting deeper than 2 at line 1, column 3" {
		t.Errorf("MaxDepth: error = %v", err)
	}
	deep := strings.Repeat("[", 64) + strings.Repeat("]", 64)
	if _, err := Parse([]byte(deep)); err != nil {
		t.Errorf("Parse(64 levels) = %v, want nil", err)
	}
}

func TestParseTree(t *testing.T) {
	in := "{\"a\": [1, -2.5e3, true, false, null],\n \"b\": \"x\\n\\u00e9\\ud83d\\ude00\\/\", \"\": {}}"
	v, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if v.Kind != Object || len(v.Members) != 3 {
		t.Fatalf("Parse(%q) = %s, want an object of 3 members", in, v.Append(nil))
	}
	keys := []string{v.Members[0].Key, v.Members[1].Key, v.Members[2].Key}
	if strings.Join(keys, ",") != "a,b," {
		t.Errorf("keys = %q, want in document order", keys)
	}
	a := v.Get("a")
	if a.Kind != Array || len(a.Elems) != 5 {
		t.Fatalf("a = %s", a.Append(nil))
	}
	if n, ok := a.Elems[0].Int(); !ok || n != 1 {
		t.Errorf("a[0].Int() = %d, %v", n, ok)
	}
	if f, ok := a.Elems[1].Float(); !ok || f != -2500 {
		t.Errorf("a[1].Float() = %v, %v", f, ok)
	}
	if _, ok := a.Elems[1].Int(); ok {
		t.Errorf("a[1].Int() ok for %q", a.Elems[1].Num)
	}
	if a.Elems[2].Kind != Bool || !a.Elems[2].Bool || a.Elems[3].Bool || a.Elems[4].Kind != Null {
		t.Errorf("literals = %s", a.Append(nil))
	}
	if b := v.Get("b"); b.Str != "x\né😀/" {
		t.Errorf("b = %q", b.Str)
	}
	if v.Get("zz") != nil || a.Get("a") != nil {
		t.Errorf("Get of a missing key or on an array is not nil")
	}
	// Offsets point at each value's first byte.
	for _, tc := range []struct {
		v    *Value
		want string
	}{{a, "["}, {a.Elems[1], "-2.5e3"}, {v.Get("b"), `"x\n`}, {v.Get(""), "{}"}} {
		if !strings.HasPrefix(in[tc.v.Offset:], tc.want) {
			t.Errorf("Offset %d points at %q, want %q", tc.v.Offset, in[tc.v.Offset:], tc.want)
		}
	}
	if l, c := LineCol([]byte(in), v.Get("b").Offset); l != 2 || c != 7 {
		t.Errorf("LineCol(b) = %d:%d, want 2:7", l, c)
	}
	if in[v.Members[1].KeyOffset:v.Members[1].KeyOffset+3] != `"b"` {
		t.Errorf("KeyOffset of b = %d", v.Members[1].KeyOffset)
	}
}

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{"q\"b\\", `"q\"b\\"`},
		{"\n\r\t\x00\x1f", `"\n\r\t\u0000\u001f"`},
		{"<a x=\"1\">é</a>", `"<a x=\"1\">é</a>"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"bad\xffutf8", "\"bad\ufffdutf8\""},
		{"😀", `"😀"`},
	}
	for _, tt := range tests {
		if got := string(AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWriters(t *testing.T) {
	var empty ObjectWriter
	var emptyA ArrayWriter
	if string(empty.Bytes()) != "{}" || string(emptyA.Bytes()) != "[]" {
		t.Errorf("zero writers = %s %s, want {} []", empty.Bytes(), emptyA.Bytes())
	}
	var a ArrayWriter
	a.String("s")
	a.Int(-3)
	a.Bool(false)
	a.Raw([]byte("{}"))
	var o ObjectWriter
	o.String("k", "v\"")
	o.Bool("t", true)
	o.Int("n", 42)
	o.Null("z")
	o.Raw("a", a.Bytes())
	want := `{"k":"v\"","t":true,"n":42,"z":null,"a":["s",-3,false,{}]}`
	if got := string(o.Bytes()); got != want {
		t.Errorf("ObjectWriter = %s, want %s", got, want)
	}
	if got := string(o.Bytes()); got != want {
		t.Errorf("second Bytes() = %s, want the same", got)
	}
	o.Int("m", 1)
	if got := string(o.Bytes()); got != want[:len(want)-1]+`,"m":1}` {
		t.Errorf("Bytes after more = %s", got)
	}
	if _, err := Parse(o.Bytes()); err != nil {
		t.Errorf("Parse(ObjectWriter output) = %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, in := range roundTripSeeds {
		v, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		out := v.Append(nil)
		w, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Append(Parse(%q))) = %v on %s", in, err, out)
		}
		if !Equal(v, w) {
			t.Errorf("round trip of %q gave %s", in, out)
		}
		if again := w.Append(nil); string(again) != string(out) {
			t.Errorf("Append not deterministic: %s then %s", out, again)
		}
	}
	a, _ := Parse([]byte(`{"a":1,"b":[1]}`))
	b, _ := Parse([]byte(`{"b":[1],"a":1}`))
	c, _ := Parse([]byte(`{"a":1.0,"b":[1]}`))
	if Equal(a, b) || Equal(a, c) || !Equal(a, a) {
		t.Errorf("Equal: order and literals should matter")
	}
}

var roundTripSeeds = []string{
	`null`, `true`, `0`, `-0.5E-7`, `""`, `"\u0000\"\\\/\b\f\n\r\t"`, `"\ud83d\ude00 é \u2028"`,
	`[]`, `{}`, `[[],{},[null]]`, `{"a":{"b":{"c":[1,2,{"d":"e"}]}}}`,
	` { "request" : "<s:Envelope xmlns:s=\"x\"/>\n" , "n" : 12345678901234567890 } `,
}
