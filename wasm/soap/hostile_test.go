package soap

import (
	"fmt"
	"strings"
	"testing"
)

// The hostile families of issue 7: inputs under the 5 MiB limit that once
// made Check quadratic or its memory unbounded. n is the repeat count.
var families = []struct {
	name string
	make func(n int) string
	code string // a code whose diagnostics the caps cut
}{
	{"unknown children on one line", func(n int) string {
		return disconnect(docCallID + "</CallId>" + strings.Repeat("<x/>", n) + "<CallId>" + docCallID)
	}, "child-unknown"},
	{"Body children on one line", func(n int) string {
		return envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>` + docCallID + `</CallId></Disconnect>` + strings.Repeat("<x/>", n))
	}, "body-extra-child"},
	{"CallId of Q and a space", func(n int) string { return disconnect(strings.Repeat("Q ", n)) }, ""},
	{"CallId of !", func(n int) string { return disconnect(strings.Repeat("!", n)) }, ""}, // callid caps its own problems
	{"CallId of Q and a line break", func(n int) string { return disconnect(strings.Repeat("Q\n", n)) }, ""},
	{"elements on their own lines after the CallId", func(n int) string {
		return disconnect(docCallID + "</CallId>\n" + strings.Repeat("<x/>\n", n) + "<CallId>" + docCallID)
	}, "child-unknown"},
	{"repeated CallIds", func(n int) string {
		return disconnect(strings.Repeat(docCallID+"</CallId><CallId>", n) + docCallID)
	}, "child-repeated"},
}

// TestCaps: whatever the input, at most MaxPerCode diagnostics of a code
// and MaxDiagnostics in all, a "more" summary that counts the rest, and a
// verdict the caps do not change.
func TestCaps(t *testing.T) {
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) {
			small := Check(f.make(8), DefaultHead())
			big := Check(f.make(5000), DefaultHead())
			if len(big.Diagnostics) > MaxDiagnostics+20 {
				t.Errorf("%d diagnostics, want at most %d and the summaries", len(big.Diagnostics), MaxDiagnostics)
			}
			per := map[string]int{}
			for _, d := range big.Diagnostics {
				per[d.Code]++
			}
			for code, n := range per {
				if code != "more" && n > MaxPerCode {
					t.Errorf("%d diagnostics of %s, want at most %d", n, code, MaxPerCode)
				}
			}
			if (small.Verdict == nil) != (big.Verdict == nil) || (small.Verdict != nil && (small.Verdict.Rule != big.Verdict.Rule || small.Verdict.Code != big.Verdict.Code)) {
				t.Errorf("verdict %+v with 8, %+v with 5000: the caps changed it", small.Verdict, big.Verdict)
			}
			if f.code == "" {
				return
			}
			if per[f.code] != MaxPerCode {
				t.Errorf("%d diagnostics of %s, want %d", per[f.code], f.code, MaxPerCode)
			}
			found := false
			for _, d := range big.Diagnostics {
				if d.Code == "more" && strings.Contains(d.Message, " more "+f.code+" problems") {
					found = true
					var n int
					fmt.Sscanf(d.Message, "and %d more", &n)
					if want := min(5000, MaxKids) - MaxPerCode - 2; n < want {
						t.Errorf("summary %q counts %d, want at least %d", d.Message, n, want)
					}
				}
			}
			if !found && f.code != "callid-base64-char" {
				t.Errorf("no summary of %s:%s", f.code, diagString(big.Diagnostics[len(big.Diagnostics)-3:]))
			}
		})
	}
}

// BenchmarkCheckFamilies checks each family at n and 2n: the 2n time and
// bytes per op should be about twice the n ones (linear), not four times.
func BenchmarkCheckFamilies(b *testing.B) {
	for _, f := range families {
		for _, n := range []int{20_000, 40_000} {
			in := f.make(n)
			b.Run(fmt.Sprintf("%s/n=%d", f.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				for b.Loop() {
					Check(in, DefaultHead())
				}
			})
		}
	}
}
