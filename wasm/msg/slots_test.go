package msg

import (
	"reflect"
	"testing"
)

func TestParts(t *testing.T) {
	lit := func(s string) Part { return Part{Text: s, Slot: -1} }
	slot := func(n int) Part { return Part{Slot: n} }
	for _, tc := range []struct {
		in   string
		want []Part
	}{
		{"", nil},
		{"plain", []Part{lit("plain")}},
		{"{0}", []Part{slot(0)}},
		{"Press {0} to check", []Part{lit("Press "), slot(0), lit(" to check")}},
		{"{1} and {0}", []Part{slot(1), lit(" and "), slot(0)}},
		{"{0}{1}", []Part{slot(0), slot(1)}},
		{"{x} {10} {", []Part{lit("{x} {10} {")}},
		{"a {9}", []Part{lit("a "), slot(9)}},
		{"{{0}}", []Part{lit("{"), slot(0), lit("}")}},
	} {
		if got := Parts(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parts(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
