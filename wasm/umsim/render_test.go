package umsim

import (
	"strings"
	"testing"

	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

// asmxClient is the ASMX fault shape, exactly, with a placeholder for the
// escaped faultstring.
const asmxClient = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
    <soap:Fault>
      <faultcode>soap:Client</faultcode>
      <faultstring>FAULTSTRING</faultstring>
      <detail />
    </soap:Fault>
  </soap:Body>
</soap:Envelope>`

// TestVerdictFaults renders hand-made verdicts, one per row and variant,
// and checks the fault a client reads.
func TestVerdictFaults(t *testing.T) {
	disconnect := post(soap.Disconnect, "")
	tests := []struct {
		name   string
		req    Request
		v      soap.Verdict
		op     soap.Operation
		status int
		want   *Fault
		inXML  string // must appear in the body verbatim
	}{
		{"row 2", Request{Body: ""},
			soap.Verdict{Rule: soap.RowNoAction, Code: "soapaction-missing"}, "", 500,
			&Fault{"Client", soap.NSEnvelope, "Unable to handle request without a valid action parameter. Please supply a valid soap action.", ""}, "<detail />"},
		{"row 3", disconnect,
			soap.Verdict{Rule: soap.RowUnknownAction, Code: "soapaction-unknown", Action: "urn:a&b<c>"}, "", 500,
			&Fault{"Client", soap.NSEnvelope, "Server did not recognize the value of HTTP Header SOAPAction: urn:a&b<c>.", ""},
			"HTTP Header SOAPAction: urn:a&amp;b&lt;c&gt;.</faultstring>"},
		{"row 3, empty action", disconnect,
			soap.Verdict{Rule: soap.RowUnknownAction, Code: "soapaction-unknown", Action: ""}, "", 500,
			&Fault{"Client", soap.NSEnvelope, "Server did not recognize the value of HTTP Header SOAPAction: .", ""}, "<detail />"},
		{"row 5a", disconnect,
			soap.Verdict{Rule: soap.RowUnreadable, Code: "xml-empty", Reason: "Root element is missing."}, "", 400, nil, ""},
		{"row 5b SOAP 1.2", disconnect,
			soap.Verdict{Rule: soap.RowVersion, Code: "envelope-namespace", Namespace: soap.NSSOAP12, Local: "Envelope"}, "", 500,
			&Fault{"VersionMismatch", soap.NSEnvelope, "Possible SOAP version mismatch: Envelope namespace http://www.w3.org/2003/05/soap-envelope was unexpected. Expecting http://schemas.xmlsoap.org/soap/envelope/.", ""},
			"<faultcode>soap:VersionMismatch</faultcode>"},
		{"row 5b other root", disconnect,
			soap.Verdict{Rule: soap.RowVersion, Code: "envelope-missing", Local: "Disconnect", Namespace: soap.NSMessages}, "", 500,
			&Fault{"VersionMismatch", soap.NSEnvelope, "Possible SOAP version mismatch: Envelope namespace http://schemas.microsoft.com/exchange/services/2006/messages was unexpected. Expecting http://schemas.xmlsoap.org/soap/envelope/.", ""}, "<detail />"},
		{"row 5c", disconnect,
			soap.Verdict{Rule: soap.RowEnvelope, Code: "envelope-missing", Local: "Envlope", Namespace: soap.NSEnvelope}, "", 500,
			&Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> Request format is invalid: Missing required soap:Envelope element.", ""}, "<detail />"},
		{"row 5d", disconnect,
			soap.Verdict{Rule: soap.RowBody, Code: "body-missing"}, "", 500,
			&Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> Request format is invalid: Missing required soap:Body element.", ""}, "<detail />"},
		{"row 5e", disconnect,
			soap.Verdict{Rule: soap.RowBroken, Code: "xml-syntax", Reason: "Unexpected end tag.", Line: 6, Col: 7}, "", 400, nil, ""},
		{"row 7", disconnect,
			soap.Verdict{Rule: soap.RowInvalid, Code: "child-missing"}, "", 500,
			&Fault{"ErrorInvalidRequest", soap.NSTypes, "The request is invalid.", ""}, "<e:ResponseCode"},
		{"row 7, skipped element", disconnect,
			soap.Verdict{Rule: soap.RowInvalid, Code: "operation-namespace", Line: 4, Col: 6, Element: "Disconnect", ElementNS: "https://schemas.microsoft.com/exchange/services/2006/messages"}, "", 500,
			&Fault{"ErrorInvalidRequest", soap.NSTypes, "The request is invalid.", ""}, "<e:Message"},
		{"row 8 CallId, Disconnect", disconnect,
			soap.Verdict{Rule: soap.RowOperation, Code: "callid-base64-char", Exception: "InvalidCallIdException"}, "", 500,
			&Fault{"InvalidCallIdException", soap.NSErrors, "The call identifier isn't valid.", "InvalidCallIdException"}, "<m:ExceptionType xmlns:m="},
		{"row 8 CallId, GetCallInfo", post(soap.GetCallInfo, ""),
			soap.Verdict{Rule: soap.RowOperation, Code: "callid-empty", Exception: "InvalidCallIdException"}, "", 500,
			&Fault{"InvalidCallIdException", soap.NSErrors, "The call identifier isn't valid.", "InvalidCallIdException"}, "<ExceptionType xmlns:m="},
		{"row 8 entryId", post(soap.PlayOnPhone, ""),
			soap.Verdict{Rule: soap.RowOperation, Code: "entryid-invalid", Exception: "InvalidObjectIdException"}, "", 500,
			&Fault{"InvalidObjectIdException", soap.NSErrors, "The object identifier isn't valid.", "InvalidObjectIdException"},
			`<m:ExceptionType xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">InvalidObjectIdException</m:ExceptionType>`},
		{"row 8 DialString", post(soap.PlayOnPhoneGreeting, ""),
			soap.Verdict{Rule: soap.RowOperation, Code: "dialstring-invalid", Exception: "DialingRulesException"}, "", 500,
			&Fault{"DialingRulesException", soap.NSErrors, "Dialing restrictions are preventing the phone number that was entered from being dialed.", "DialingRulesException"},
			`<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/errors">a:DialingRulesException</faultcode>`},
		{"row 8, unknown exception", disconnect,
			soap.Verdict{Rule: soap.RowOperation, Exception: "NoSuchException"}, "", 500,
			&Fault{"Server", soap.NSEnvelope, `Server was unable to process request. ---> umsim: verdict of row 8 names unknown exception "NoSuchException"`, ""}, "<detail />"},
		{"unknown row", disconnect,
			soap.Verdict{Rule: "12"}, "", 500,
			&Fault{"Server", soap.NSEnvelope, `Server was unable to process request. ---> umsim: verdict names row "12", which the decision order does not have`, ""}, "<faultcode>soap:Server</faultcode>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			r := verdictResponse(words(msg.EN), &soap.Report{Verdict: &v, Operation: tt.op, Action: actionOf(tt.req)}, tt.req)
			checkWire(t, r)
			if r.Status != tt.status {
				t.Errorf("status %d, want %d", r.Status, tt.status)
			}
			if tt.want == nil {
				if r.Fault != nil || r.Body != "" {
					t.Errorf("Fault = %+v, body %q; want none", r.Fault, r.Body)
				}
				return
			}
			if r.Fault == nil || *r.Fault != *tt.want {
				t.Errorf("Fault = %+v, want %+v", r.Fault, tt.want)
			}
			if !strings.Contains(r.Body, tt.inXML) {
				t.Errorf("body lacks %q:\n%s", tt.inXML, r.Body)
			}
			if tt.want.Namespace == soap.NSEnvelope {
				want := strings.Replace(asmxClient, "soap:Client", "soap:"+tt.want.Code, 1)
				want = strings.Replace(want, "FAULTSTRING", soap.EscapeText(tt.want.String), 1)
				if r.Body != want {
					t.Errorf("body =\n%s\nwant\n%s", r.Body, want)
				}
			}
		})
	}
}

// TestExplainSpecifics checks that explanations name the fix for the
// mistakes the playground exists for, and tell the chain.
func TestExplainSpecifics(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		v    soap.Verdict
		want []string
		op   soap.Operation // the checker's Report.Operation
	}{
		{"messages https typo", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowInvalid, Code: "operation-namespace", Line: 4, Col: 6, Element: "Disconnect", ElementNS: "https://schemas.microsoft.com/exchange/services/2006/messages"},
			[]string{"ASMX did not recognise <Disconnect xmlns='https://schemas.microsoft.com/exchange/services/2006/messages'> and skipped it", "translated docs' typo", "the Disconnect method received no CallId", "MS-OXWUMS 2.2.2.1 answers a request that does not conform to the schema with ErrorInvalidRequest"}, ""},
		{"envelope https typo", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowVersion, Namespace: "https://schemas.xmlsoap.org/soap/envelope/", Local: "Envelope"},
			[]string{"archived Exchange 2007", "Change https:// to http://", "CheckHelperVersion"}, ""},
		{"SOAP 1.2", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowVersion, Namespace: soap.NSSOAP12, Local: "Envelope"},
			[]string{"SOAP 1.2", "SOAP 1.1 only"}, ""},
		{"EWS element", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowInvalid, Code: "operation-ews", Element: "DisconnectPhoneCall", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{"EWS operation", "received no CallId"}, ""},
		{"wrong case", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowInvalid, Code: "operation-case", Element: "disconnect", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{"case-sensitive"}, ""},
		{"body names another operation", post(soap.ResetPIN, ""),
			soap.Verdict{Rule: soap.RowInvalid, Code: "operation-mismatch", Element: "Disconnect", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{"the SOAPAction names ResetPIN", "takes no parameters, so a stock ASMX service would have run it"}, ""},
		{"no SOAPAction, GetCallInfo in the body", Request{},
			soap.Verdict{Rule: soap.RowNoAction},
			[]string{`SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"`, "before it reads the body"}, soap.GetCallInfo},
		{"https action", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowUnknownAction, Action: "https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"},
			[]string{"https://", `SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`}, ""},
		{"repeated CallId", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowInvalid, Code: "child-repeated"},
			[]string{"stock ASMX service would keep the first", "MS-OXWUMS 2.2.2.1"}, ""},
		{"bodiless 400", post(soap.Disconnect, ""),
			soap.Verdict{Rule: soap.RowBroken, Code: "xml-syntax", Reason: "Unexpected end tag.", Line: 6, Col: 7},
			[]string{"line 6, position 7", "Unexpected end tag.", "400", "SetResponseErrorCode"}, ""},
	}
	for _, tt := range tests {
		v := tt.v
		r := verdictResponse(words(msg.EN), &soap.Report{Verdict: &v, Operation: tt.op, Action: actionOf(tt.req)}, tt.req)
		for _, w := range tt.want {
			if !strings.Contains(r.Explain, w) {
				t.Errorf("%s: Explain = %q, want it to contain %q", tt.name, r.Explain, w)
			}
		}
	}
}

// TestExplainQuotesDiagnostic: for rows 7 and 8 the explanation carries
// the checker's own words about the decisive problem.
func TestExplainQuotesDiagnostic(t *testing.T) {
	v := soap.Verdict{Rule: soap.RowInvalid, Code: "child-unqualified"}
	rep := &soap.Report{Verdict: &v, Diagnostics: []soap.Diagnostic{
		{Severity: soap.Warning, Code: "xml-declaration-missing", Message: "no declaration"},
		{Severity: soap.Error, Code: "child-unqualified", Rule: soap.RowInvalid, Message: "<CallId> has no namespace; qualify it"},
	}}
	r := verdictResponse(words(msg.EN), rep, post(soap.Disconnect, ""))
	if want := "<CallId> has no namespace; qualify it."; !strings.Contains(r.Explain, want) {
		t.Errorf("Explain = %q, want it to end with %q", r.Explain, want)
	}
	if strings.Contains(r.Explain, "no declaration") {
		t.Errorf("Explain = %q quotes a diagnostic that did not decide", r.Explain)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a&b<c>d"e'f`, `a&amp;b&lt;c&gt;d"e'f`},
		{"line\r\nbreak\ttab", "line&#xD;\nbreak\ttab"},
		{"nul\x00bad\xffbyte", "nul\uFFFDbad\uFFFDbyte"},
		{"ünïcode", "ünïcode"},
	}
	for _, tt := range tests {
		if got := soap.EscapeText(tt.in); got != tt.want {
			t.Errorf("soap.EscapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMethodAndContentType(t *testing.T) {
	s, _ := newTestServer()
	ok := disconnectReq(docsCallID)
	tests := []struct {
		name   string
		method string
		ct     []Header
		status int
	}{
		{"empty method is POST", "", []Header{{"Content-Type", "text/xml"}}, 200},
		{"GET", "GET", nil, 405},
		{"lower-case post", "post", nil, 405},
		{"PUT before a bad Content-Type", "PUT", []Header{{"Content-Type", "application/json"}}, 405},
		// HttpRequest.ContentType is "" when the field is absent, and
		// ContentType.IsSoap("") is false.
		{"no Content-Type", "POST", nil, 415},
		{"text/xml with parameters, odd case", "POST", []Header{{"content-type", "Text/XML; charset=UTF-8"}}, 200},
		// ContentType.GetBase does not trim: "text/xml " is not text/xml.
		{"space before the semicolon", "POST", []Header{{"Content-Type", "text/xml ; charset=utf-8"}}, 415},
		{"SOAP 1.2 media type with a SOAP 1.1 envelope (row 5b′)", "POST", []Header{{"Content-Type", "application/soap+xml; charset=utf-8"}}, 415},
		{"empty Content-Type", "POST", []Header{{"Content-Type", ""}}, 415},
		{"first field counts", "POST", []Header{{"Content-Type", "text/plain"}, {"Content-Type", "text/xml"}}, 415},
	}
	for _, tt := range tests {
		req := ok
		req.Method = tt.method
		req.Header = append([]Header{{"SOAPAction", soap.Disconnect.QuotedAction()}}, tt.ct...)
		r := s.Handle(req)
		checkWire(t, r)
		if r.Status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, r.Status, tt.status)
		}
		if r.Status == 405 && (r.Body != "Request format is unrecognized." || r.HeaderMap()["Content-Type"] != "text/plain; charset=utf-8") {
			t.Errorf("%s: 405 body %q, Content-Type %q", tt.name, r.Body, r.HeaderMap()["Content-Type"])
		}
		if r.Status == 415 && !strings.Contains(r.Explain, "415") {
			t.Errorf("%s: Explain = %q, want it to say 415", tt.name, r.Explain)
		}
	}
}

func TestRawAndHeaderMap(t *testing.T) {
	r := Response{Status: 200, StatusText: "OK", Header: []Header{{"A", "1"}, {"B", "2"}, {"A", "3"}}, Body: "x\ny"}
	if got, want := r.Raw(), "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nA: 3\r\n\r\nx\ny"; got != want {
		t.Errorf("Raw() = %q, want %q", got, want)
	}
	m := r.HeaderMap()
	if len(m) != 2 || m["A"] != "1, 3" || m["B"] != "2" {
		t.Errorf("HeaderMap() = %v, want A: 1, 3 and B: 2", m)
	}
}

// actionOf is the operation req's SOAPAction names, as the checker reports
// it in Report.Action.
func actionOf(req Request) soap.Operation {
	action, present := header(req.Header, "SOAPAction")
	return soap.Check("", soap.Head{SOAPActionPresent: present, SOAPAction: action}).Action
}

func TestDropAnswerClause(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<Disconnect> has no <CallId>; it is required (minOccurs=1), so the server answers ErrorInvalidRequest", "<Disconnect> has no <CallId>; it is required (minOccurs=1)"},
		{"CallId: add = at offset 99; the server answers InvalidCallIdException", "CallId: add = at offset 99"},
		{"the request has no SOAPAction header; the .asmx service routes on it, so it answers soap:Client; send SOAPAction: X", "the request has no SOAPAction header; the .asmx service routes on it; send SOAPAction: X"},
		{"DialString is empty; the server answers DialingRulesException — give the phone number to call", "DialString is empty — give the phone number to call"},
		{"<a> appears twice; remove one", "<a> appears twice; remove one"},
	}
	for _, tt := range tests {
		if got := dropAnswerClause(tt.in); got != tt.want {
			t.Errorf("dropAnswerClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
