package soap

import (
	"strings"
	"testing"
)

func BenchmarkCheckDocSample(b *testing.B) {
	in := disconnect(docCallID)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Check(in, DefaultHead())
	}
}

// bigEnvelope is a valid Disconnect request of about n bytes: the padding is
// an optional header entry holding many small elements.
func bigEnvelope(n int) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Header>\n    <x:Trace xmlns:x=\"urn:umplay:bench\">\n")
	for b.Len() < n-400 {
		b.WriteString("      <x:Hop at=\"2026-11-26T17:00:00Z\">relay.contoso.com</x:Hop>\n")
	}
	b.WriteString("    </x:Trace>\n  </soap:Header>\n  <soap:Body>\n    <Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n      <CallId>" + docCallID + "</CallId>\n    </Disconnect>\n  </soap:Body>\n</soap:Envelope>\n")
	return b.String()
}

func BenchmarkCheck1MiB(b *testing.B) {
	in := bigEnvelope(1 << 20)
	if r := Check(in, DefaultHead()); r.Verdict != nil {
		b.Fatalf("bench input is not accepted: %+v", r.Verdict)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Check(in, DefaultHead())
	}
}

// TestCheckYieldSameReport: yielding changes nothing in the report, and a
// big request does yield.
func TestCheckYieldSameReport(t *testing.T) {
	for _, in := range []string{disconnect(docCallID), bigEnvelope(1 << 20), bigEnvelope(1<<20) + "<junk", "<a"} {
		calls := 0
		got := CheckYield(in, DefaultHead(), func() { calls++ })
		want := Check(in, DefaultHead())
		if len(got.Diagnostics) != len(want.Diagnostics) || (got.Verdict == nil) != (want.Verdict == nil) ||
			got.Verdict != nil && *got.Verdict != *want.Verdict || got.Operation != want.Operation {
			t.Errorf("CheckYield(%d bytes) = %d diagnostics, verdict %+v; Check gives %d, %+v", len(in), len(got.Diagnostics), got.Verdict, len(want.Diagnostics), want.Verdict)
		}
		for i := range min(len(got.Diagnostics), len(want.Diagnostics)) {
			if g, w := got.Diagnostics[i], want.Diagnostics[i]; g.Code != w.Code || g.Message != w.Message || g.Span != w.Span {
				t.Errorf("CheckYield(%d bytes) diagnostic %d = %s %q at %v, want %s %q at %v", len(in), i, g.Code, g.Message, g.Span, w.Code, w.Message, w.Span)
			}
		}
		if len(in) > 1<<20 && calls < 10 {
			t.Errorf("CheckYield(%d bytes) yielded %d times, want at least 10", len(in), calls)
		}
	}
}
