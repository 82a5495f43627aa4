package clock

import (
	"testing"
	"time"
)

func TestMatchesFormat(t *testing.T) {
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		saoPaulo = time.FixedZone("-03", -3*3600)
	}
	zones := []*time.Location{
		time.UTC,
		time.FixedZone("", 0),
		time.FixedZone("BRT", -3*3600),
		time.FixedZone("NST", -(3*3600 + 30*60)),
		time.FixedZone("IST", 5*3600+30*60),
		time.FixedZone("CHAST", 12*3600+45*60),
		time.FixedZone("LINT", 14*3600),
		time.FixedZone("LMT", -(46*60 + 20)), // seconds in the offset: dropped
		time.FixedZone("", -30),              // under a minute west: "+00:00"
		time.FixedZone("", 59),
		saoPaulo,
	}
	times := []time.Time{
		time.Date(2026, 12, 7, 22, 55, 3, 0, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 999999999, time.UTC),
		time.Date(2000, 2, 29, 23, 59, 59, 0, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 6, 15, 12, 0, 0, 0, time.UTC),
		time.Date(12345, 6, 15, 12, 0, 0, 0, time.UTC),
		{},
		time.Unix(0, 0),
		time.Unix(1700000000, 0),
	}
	for _, tm := range times {
		for _, z := range zones {
			in := tm.In(z)
			if got, want := HMS(in), in.Format("15:04:05"); got != want {
				t.Errorf("HMS(%v) = %q, want %q", in, got, want)
			}
			if got, want := RFC3339(in), in.Format(time.RFC3339); got != want {
				t.Errorf("RFC3339(%v) = %q, want %q", in, got, want)
			}
		}
	}
}
