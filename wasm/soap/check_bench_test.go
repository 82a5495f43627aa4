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
