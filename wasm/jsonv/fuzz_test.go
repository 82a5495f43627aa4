package jsonv

import "testing"

// FuzzParse: Parse never panics, and what it accepts survives Append →
// Parse unchanged, with Append deterministic.
func FuzzParse(f *testing.F) {
	for _, s := range roundTripSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`[1,2,]`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte(`"\ud800"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) error %T, want *Error", data, err)
			}
			return
		}
		out := v.Append(nil)
		w, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(%q) ok but Parse(Append) = %v on %s", data, err, out)
		}
		if !Equal(v, w) {
			t.Fatalf("round trip of %q gave %s", data, out)
		}
		if again := w.Append(nil); string(again) != string(out) {
			t.Fatalf("Append not deterministic: %s then %s", out, again)
		}
	})
}

// FuzzAppendString: any Go string written by AppendString parses back to
// itself (with invalid UTF-8 replaced by U+FFFD).
func FuzzAppendString(f *testing.F) {
	f.Add("plain")
	f.Add("\x00\n\"\\\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(AppendString(nil, s))
		if err != nil {
			t.Fatalf("Parse(AppendString(%q)) = %v", s, err)
		}
		want := []rune(s)
		if v.Kind != String || v.Str != string(want) {
			t.Fatalf("Parse(AppendString(%q)) = %q", s, v.Str)
		}
	})
}
