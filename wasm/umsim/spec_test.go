package umsim

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/soap"
)

// The response shapes as MS-OXWUMS prints them (umws-protocol.md §3),
// copied character for character.
const (
	specSuccess = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
    <DisconnectResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages" />
  </soap:Body>
</soap:Envelope>`

	specF1 = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/errors">a:InvalidCallIdException</faultcode>
      <faultstring xml:lang="en-US">The call identifier isn't valid.</faultstring>
      <detail>
        <m:ExceptionType xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">InvalidCallIdException</m:ExceptionType>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>`

	specF2 = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorInvalidRequest</faultcode>
      <faultstring xml:lang="en-US">The request is invalid.</faultstring>
      <detail>
        <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorInvalidRequest</e:ResponseCode>
        <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The request is invalid.</e:Message>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>`

	// specF1GetCallInfo is GetCallInfo's F1 (MS-OXWUMS 3.1.4.3): the detail
	// child unprefixed, with the unused xmlns:m (doc erratum 7).
	specF1GetCallInfo = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/errors">a:InvalidCallIdException</faultcode>
      <faultstring xml:lang="en-US">The call identifier isn't valid.</faultstring>
      <detail>
        <ExceptionType xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">InvalidCallIdException</ExceptionType>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>`
)

func TestSpecShapes(t *testing.T) {
	s, _ := newTestServer()
	tests := []struct {
		name string
		got  Response
		want string
	}{
		{"success", s.Handle(disconnectReq(docsCallID)), specSuccess},
		{"F1", s.Handle(disconnectReq("not a call id")), specF1},
		{"F1 GetCallInfo", s.Handle(getCallInfoReq("not a call id")), specF1GetCallInfo},
		{"F1 GetCallInfo unknown call", s.Handle(getCallInfoReq(docsCallID)), specF1GetCallInfo},
		{"F2", s.Handle(disconnectReq("x</CallId><CallId>y")), specF2},
	}
	for _, tt := range tests {
		checkWire(t, tt.got)
		if tt.got.Body != tt.want {
			t.Errorf("%s: body =\n%s\nwant\n%s", tt.name, tt.got.Body, tt.want)
		}
	}
}

// TestSpecShapesFromReference compares with the reference document itself,
// when the workspace has it, so a correction there shows up here.
func TestSpecShapesFromReference(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "umws-protocol.md"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("umws-protocol.md is not in this checkout")
	}
	if err != nil {
		t.Fatal(err)
	}
	block := func(marker string) string {
		t.Helper()
		_, rest, ok := strings.Cut(string(doc), marker)
		if !ok {
			t.Fatalf("umws-protocol.md has no %q", marker)
		}
		_, rest, ok = strings.Cut(rest, "```xml\n")
		if !ok {
			t.Fatalf("no xml block after %q", marker)
		}
		code, _, ok := strings.Cut(rest, "\n```")
		if !ok {
			t.Fatalf("unterminated xml block after %q", marker)
		}
		return code
	}
	for _, tt := range []struct{ marker, got string }{
		{"**Success**", disconnectBody},
		{"**F1", umFault(soap.Disconnect, exInvalidCallID, "x").Body},
		{"**F2", malformedBody},
	} {
		if want := block(tt.marker); tt.got != want {
			t.Errorf("%s block:\n%s\nwe send\n%s", tt.marker, want, tt.got)
		}
	}
}
