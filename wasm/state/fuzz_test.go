package state

import "testing"

// FuzzParse: Parse never panics, and a state it accepts round-trips.
func FuzzParse(f *testing.F) {
	f.Add(Default().JSON())
	f.Add([]byte(`{"builder":{"operation":"PlayOnPhone","prefix":true},"example":"a.xml","x":[1]}`))
	f.Add([]byte(`{"request":3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		got, err := Parse(s.JSON())
		if err != nil || got != s {
			t.Fatalf("Parse(%q) = %+v; Parse(JSON()) = %+v, %v", data, s, got, err)
		}
	})
}
