package docgen

import (
	"strings"
	"testing"

	"umplay/wasm/doccheck"
	"umplay/wasm/soap"
)

// The generated pages are what the benchmark says they are: every kind of
// block, each checked, the https:// pages failing and the others clean.
func TestPage(t *testing.T) {
	kinds := map[string]int{}
	for i := range 60 {
		page, blocks := Page(i)
		units := doccheck.Markdown("p.md", page, doccheck.Options{})
		if len(units) != 1+len(blocks) || len(blocks) < 2 || len(blocks) > 4 {
			t.Fatalf("page %d: %d units for %d blocks", i, len(units), len(blocks))
		}
		clean := !strings.Contains(page, "https://schemas.microsoft.com")
		for _, u := range units {
			kinds[u.Kind]++
			if u.Valid != clean && u.Kind != doccheck.KindProse {
				t.Errorf("page %d, %s block %d: valid %v, want %v: %+v", i, u.Kind, u.Block.Index, u.Valid, clean, u.Diagnostics)
			}
			for _, d := range u.Diagnostics {
				if clean || !strings.Contains(d.Code, "namespace") {
					t.Errorf("page %d: unexpected %s at %d:%d: %s", i, d.Code, d.Line, d.Column, d.Message)
				}
			}
		}
		if fixed, _ := doccheck.Fix(page, units); !clean && strings.Contains(fixed, "https://schemas.microsoft.com") {
			t.Errorf("page %d: a typo is left after Fix", i)
		}
	}
	for _, k := range []soap.Kind{soap.KindRequest, soap.KindResponse, soap.KindFault} {
		if kinds[string(k)] == 0 {
			t.Errorf("no %s block in 60 pages", k)
		}
	}
}
