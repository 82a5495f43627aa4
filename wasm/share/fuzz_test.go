package share

import (
	"testing"

	"umplay/wasm/state"
)

// FuzzDecode: any fragment decodes without a panic, to the default state
// on an error; a state it decodes encodes (unredacted) to a link that
// decodes to the same state.
func FuzzDecode(f *testing.F) {
	s := state.Default()
	s.Request = "<soap:Envelope/>"
	s.Builder.Host = "um9.contoso.com"
	for _, st := range []state.State{state.Default(), s} {
		l, err := Encode(st, Options{})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(l.Fragment)
		f.Add(l.Fragment[:len(l.Fragment)-3])
	}
	for _, seed := range []string{"", "#", "s=", "s=1.", "s=1.AAAA", "s=99999.AA", "#a=b&s=1.q1YqSi0uScvMz1Gyqlby", "s=1.-_-_"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		got, _, err := Decode(frag)
		if err != nil {
			if got != state.Default() {
				t.Fatalf("Decode(%q) failed (%v) but gave %+v", frag, err, got)
			}
			return
		}
		l, err := Encode(got, Options{NoRedact: true})
		if err != nil {
			return // a state may be too large for a link once re-encoded
		}
		again, _, err := Decode(l.Fragment)
		if err != nil || again != got {
			t.Fatalf("Decode(Encode(Decode(%q))) = %+v, %v; want %+v", frag, again, err, got)
		}
	})
}
