package payload

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"umplay/wasm/callid"
	"umplay/wasm/report"
	"umplay/wasm/state"
)

// example is an entry of web/examples/index.json.
type example struct {
	File       string  `json:"file"`
	SOAPAction *string `json:"soapAction"`
}

// examples returns the state the page shows for every example in
// web/examples: its text, its SOAPAction, its name.
func examples(t *testing.T) map[string]state.State {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "web", "examples")
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []example
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	if len(list) < 30 {
		t.Fatalf("web/examples/index.json lists %d examples, want them all (30+)", len(list))
	}
	out := map[string]state.State{}
	for _, e := range list {
		text, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		s := state.Default()
		s.Request, s.Example = string(text), e.File
		s.SOAPActionPresent = e.SOAPAction != nil
		s.SOAPAction = ""
		if e.SOAPAction != nil {
			s.SOAPAction = *e.SOAPAction
		}
		out[e.File] = s
	}
	return out
}

// verdict is what redaction must not change: the status, the fault code and
// the diagnostic codes, in order.
type verdict struct {
	Status int
	Fault  string
	Codes  []string
}

func verdictOf(s state.State) verdict {
	r := report.Check("", s.Request, s.Head())
	v := verdict{Status: r.Response.Status}
	if r.Response.Fault != nil {
		v.Fault = r.Response.Fault.Namespace + " " + r.Response.Fault.Code
	}
	for _, d := range r.Diagnostics {
		v.Codes = append(v.Codes, d.Code)
	}
	return v
}

func (v verdict) equal(w verdict) bool {
	return v.Status == w.Status && v.Fault == w.Fault && slices.Equal(v.Codes, w.Codes)
}

// TestRedactKeepsVerdict redacts every example with the sample values
// redacted too (the examples carry the published sample's CallId, which
// Redact keeps otherwise) and checks that the simulated server's verdict is
// unchanged, and that the CallId did change wherever it can be decoded.
func TestRedactKeepsVerdict(t *testing.T) {
	keepSamples = false
	t.Cleanup(func() { keepSamples = true })
	changed := 0
	for name, s := range examples(t) {
		s.Endpoint = "https://exch01.corp.fabrikam-real.net:444/EWS/UM2007Legacy.asmx"
		red, reds := Redact(s)
		before, after := verdictOf(s), verdictOf(red)
		if !before.equal(after) {
			t.Errorf("%s: verdict before redaction %+v, after %+v\nredacted request:\n%s", name, before, after, red.Request)
		}
		if red.Endpoint != "https://mail.contoso.com:444/EWS/UM2007Legacy.asmx" {
			t.Errorf("%s: endpoint redacted to %q", name, red.Endpoint)
		}
		want := 0
		if c := report.Check("", s.Request, s.Head()).CallID; c != nil {
			// A CallId that decodes once repaired (whatever else is
			// wrong with it) is redacted.
			fixed, _ := callid.Repair(c.Raw)
			if d := callid.Decode(fixed); d.GUID != "" && d.Host != "" {
				want = 1
			}
		}
		got := 0
		for _, r := range reds {
			if r.Field != "request" {
				continue
			}
			switch {
			case r.NotRedacted && r.To != r.From:
				t.Errorf("%s: %s: flagged not redacted but changed %q → %q", name, r.Where(), r.From, r.To)
			case !r.Kept && r.To == r.From:
				t.Errorf("%s: %s: redacted but unchanged %q", name, r.Where(), r.From)
			case !r.Kept:
				changed++
				got++
				if cf, ct := problemCodes(r.From), problemCodes(r.To); !slices.Equal(cf, ct) {
					t.Errorf("%s: %s: CallId problems %v → %v", name, r.Where(), cf, ct)
				}
			}
		}
		if got != want {
			t.Errorf("%s: %d CallIds redacted, want %d: %+v", name, got, want, reds)
		}
	}
	if changed < 20 {
		t.Errorf("only %d CallIds were redacted in the examples, want most of them", changed)
	}
}

// TestRedactExamplesDefault: with the samples kept (the default), the
// examples travel unchanged, so a link to one opens that example; but for
// one, whose CallId's host "um01" is no documentation name.
func TestRedactExamplesDefault(t *testing.T) {
	for name, s := range examples(t) {
		red, reds := Redact(s)
		if name == "warning-host-not-fqdn.xml" {
			if red == s || !verdictOf(s).equal(verdictOf(red)) {
				t.Errorf("%s: want its CallId redacted, with the same verdict: %+v", name, reds)
			}
			continue
		}
		if red != s {
			t.Errorf("%s: redaction changed an example:\n%s\nredactions: %+v", name, red.Request, reds)
		}
	}
}
