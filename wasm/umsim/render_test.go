package umsim

import (
	"strings"
	"testing"

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
		name  string
		req   Request
		v     soap.Verdict
		op    soap.Operation
		want  Fault
		inXML string // must appear in the body verbatim
	}{
		{"row 1 with position", disconnect,
			soap.Verdict{Rule: 1, Code: "xml-syntax", Reason: "The 'CallId' start tag on line 5 position 8 does not match the end tag of 'Disconnect'.", Line: 6, Col: 7}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> The 'CallId' start tag on line 5 position 8 does not match the end tag of 'Disconnect'. Line 6, position 7.", ""},
			"<faultstring>Server was unable to read request. ---&gt; The 'CallId'"},
		{"row 1 without position", disconnect,
			soap.Verdict{Rule: 1, Code: "xml-empty", Reason: "Root element is missing."}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> Root element is missing.", ""}, "<detail />"},
		{"row 2 SOAP 1.2", disconnect,
			soap.Verdict{Rule: 2, Code: "envelope-namespace", Namespace: soap.NSSOAP12, Local: "Envelope"}, "",
			Fault{"VersionMismatch", soap.NSEnvelope, "Possible SOAP version mismatch: Envelope namespace http://www.w3.org/2003/05/soap-envelope was unexpected. Expecting http://schemas.xmlsoap.org/soap/envelope/.", ""},
			"<faultcode>soap:VersionMismatch</faultcode>"},
		{"row 2 other root", disconnect,
			soap.Verdict{Rule: 2, Code: "envelope-missing", Local: "Disconnect", Namespace: soap.NSMessages}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> Request format is invalid: Missing required soap:Envelope element.", ""}, "<detail />"},
		{"row 3", disconnect,
			soap.Verdict{Rule: 3, Code: "header-must-understand", Header: "Security"}, "",
			Fault{"MustUnderstand", soap.NSEnvelope, "SOAP header Security was not understood.", ""}, "<faultcode>soap:MustUnderstand</faultcode>"},
		{"row 4", Request{Body: ""},
			soap.Verdict{Rule: 4, Code: "soapaction-missing"}, "",
			Fault{"Client", soap.NSEnvelope, "Unable to handle request without a valid action parameter. Please supply a valid soap action.", ""}, "<detail />"},
		{"row 5", disconnect,
			soap.Verdict{Rule: 5, Code: "soapaction-unknown", Action: "urn:a&b<c>"}, "",
			Fault{"Client", soap.NSEnvelope, "Server did not recognize the value of HTTP Header SOAPAction: urn:a&b<c>.", ""},
			"HTTP Header SOAPAction: urn:a&amp;b&lt;c&gt;.</faultstring>"},
		{"row 6 element", disconnect,
			soap.Verdict{Rule: 6, Code: "operation-namespace", Line: 4, Col: 6, Element: "Disconnect", ElementNS: "https://schemas.microsoft.com/exchange/services/2006/messages"}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> There is an error in XML document (4, 6). ---> <Disconnect xmlns='https://schemas.microsoft.com/exchange/services/2006/messages'> was not expected.", ""},
			"(4, 6). ---&gt; &lt;Disconnect xmlns='https://schemas.microsoft.com/exchange/services/2006/messages'&gt; was not expected.</faultstring>"},
		{"row 6 no Body", disconnect,
			soap.Verdict{Rule: 6, Code: "body-missing"}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> Request format is invalid: Missing required soap:Body element.", ""}, "<detail />"},
		{"row 6 empty Body", disconnect,
			soap.Verdict{Rule: 6, Code: "body-empty", Line: 3, Col: 5}, "",
			Fault{"Client", soap.NSEnvelope, "Server was unable to read request. ---> There is an error in XML document (3, 5). ---> Request format is invalid: the soap:Body element holds no request element.", ""}, "<detail />"},
		{"row 7", disconnect,
			soap.Verdict{Rule: 7, Code: "child-missing"}, "",
			Fault{"ErrorInvalidRequest", soap.NSTypes, "The request is invalid.", ""}, "<e:ResponseCode"},
		{"row 8 CallId, Disconnect", disconnect,
			soap.Verdict{Rule: 8, Code: "callid-base64-char", Exception: "InvalidCallIdException"}, "",
			Fault{"InvalidCallIdException", soap.NSErrors, "The call identifier isn't valid.", "InvalidCallIdException"}, "<m:ExceptionType xmlns:m="},
		{"row 8 CallId, GetCallInfo", post(soap.GetCallInfo, ""),
			soap.Verdict{Rule: 8, Code: "callid-empty", Exception: "InvalidCallIdException"}, "",
			Fault{"InvalidCallIdException", soap.NSErrors, "The call identifier isn't valid.", "InvalidCallIdException"}, "<ExceptionType xmlns:m="},
		{"row 8 entryId", post(soap.PlayOnPhone, ""),
			soap.Verdict{Rule: 8, Code: "entryid-invalid", Exception: "InvalidObjectIdException"}, "",
			Fault{"InvalidObjectIdException", soap.NSErrors, "The object identifier isn't valid.", "InvalidObjectIdException"},
			`<m:ExceptionType xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">InvalidObjectIdException</m:ExceptionType>`},
		{"row 8 DialString", post(soap.PlayOnPhoneGreeting, ""),
			soap.Verdict{Rule: 8, Code: "dialstring-invalid", Exception: "DialingRulesException"}, "",
			Fault{"DialingRulesException", soap.NSErrors, "Dialing restrictions are preventing the phone number that was entered from being dialed.", "DialingRulesException"},
			`<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/errors">a:DialingRulesException</faultcode>`},
		{"row 8, unknown exception", disconnect,
			soap.Verdict{Rule: 8, Exception: "NoSuchException"}, "",
			Fault{"Server", soap.NSEnvelope, `Server was unable to process request. ---> umsim: verdict of row 8 names unknown exception "NoSuchException"`, ""}, "<detail />"},
		{"unknown row", disconnect,
			soap.Verdict{Rule: 12}, "",
			Fault{"Server", soap.NSEnvelope, "Server was unable to process request. ---> umsim: verdict names row 12, which the decision order does not have", ""}, "<faultcode>soap:Server</faultcode>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			r := verdictResponse(&soap.Report{Verdict: &v, Operation: tt.op, Action: actionOf(tt.req)}, tt.req)
			checkWire(t, r)
			if r.Status != 500 {
				t.Errorf("status %d, want 500", r.Status)
			}
			if r.Fault == nil || *r.Fault != tt.want {
				t.Errorf("Fault = %+v, want %+v", r.Fault, tt.want)
			}
			if !strings.Contains(r.Body, tt.inXML) {
				t.Errorf("body lacks %q:\n%s", tt.inXML, r.Body)
			}
			if tt.want.Namespace == soap.NSEnvelope {
				detail := tt.want.Code != "MustUnderstand"
				want := strings.Replace(asmxClient, "soap:Client", "soap:"+tt.want.Code, 1)
				want = strings.Replace(want, "FAULTSTRING", soap.EscapeText(tt.want.String), 1)
				if !detail {
					want = strings.Replace(want, "      <detail />\n", "", 1)
				}
				if r.Body != want {
					t.Errorf("body =\n%s\nwant\n%s", r.Body, want)
				}
			}
		})
	}
}

// TestExplainSpecifics checks that explanations name the fix for the
// mistakes the playground exists for.
func TestExplainSpecifics(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		v    soap.Verdict
		want []string
		op   soap.Operation // the checker's Report.Operation
	}{
		{"messages https typo", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 6, Code: "operation-namespace", Line: 4, Col: 6, Element: "Disconnect", ElementNS: "https://schemas.microsoft.com/exchange/services/2006/messages"},
			[]string{"must be http://schemas.microsoft.com/exchange/services/2006/messages, not https://", "translated docs' typo"}, ""},
		{"envelope https typo", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 2, Namespace: "https://schemas.xmlsoap.org/soap/envelope/", Local: "Envelope"},
			[]string{"archived Exchange 2007", "Change https:// to http://"}, ""},
		{"SOAP 1.2", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 2, Namespace: soap.NSSOAP12, Local: "Envelope"},
			[]string{"SOAP 1.2", "SOAP 1.1 only"}, ""},
		{"EWS element", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 6, Element: "DisconnectPhoneCall", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{"EWS operation", "<CallId>"}, ""},
		{"wrong case", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 6, Element: "disconnect", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{"case-sensitive", "<Disconnect>"}, ""},
		{"body names another operation", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 6, Element: "GetCallInfo", ElementNS: soap.NSMessages, Line: 4, Col: 6},
			[]string{`SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"`}, ""},
		{"no SOAPAction, GetCallInfo in the body", Request{},
			soap.Verdict{Rule: 4},
			[]string{`SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"`}, soap.GetCallInfo},
		{"https action", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 5, Action: "https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"},
			[]string{"https://", `SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`}, ""},
		{"must understand", post(soap.Disconnect, ""),
			soap.Verdict{Rule: 3, Header: "RequestServerVersion"},
			[]string{"<RequestServerVersion>", "Remove the header"}, ""},
		{"schema", post(soap.PlayOnPhone, ""),
			soap.Verdict{Rule: 7, Code: "child-missing"},
			[]string{"<PlayOnPhone>", "one <entryId> and one <DialString>, in that order"}, ""},
	}
	for _, tt := range tests {
		v := tt.v
		r := verdictResponse(&soap.Report{Verdict: &v, Operation: tt.op, Action: actionOf(tt.req)}, tt.req)
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
	v := soap.Verdict{Rule: 7, Code: "child-unqualified"}
	rep := &soap.Report{Verdict: &v, Diagnostics: []soap.Diagnostic{
		{Severity: soap.Warning, Code: "xml-declaration-missing", Message: "no declaration"},
		{Severity: soap.Error, Code: "child-unqualified", Rule: 7, Message: "<CallId> has no namespace; qualify it"},
	}}
	r := verdictResponse(rep, post(soap.Disconnect, ""))
	if want := "Here: <CallId> has no namespace; qualify it."; !strings.HasSuffix(r.Explain, want) {
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
		fault  string
	}{
		{"empty method is POST", "", nil, 200, ""},
		{"GET", "GET", nil, 405, ""},
		{"lower-case post", "post", nil, 405, ""},
		{"PUT before a bad Content-Type", "PUT", []Header{{"Content-Type", "application/json"}}, 405, ""},
		{"no Content-Type", "POST", nil, 200, ""},
		{"text/xml with parameters, odd case", "POST", []Header{{"content-type", " Text/XML ; charset=UTF-8"}}, 200, ""},
		{"SOAP 1.2 media type", "POST", []Header{{"Content-Type", "application/soap+xml; charset=utf-8"}}, 500,
			"Server found request content type to be 'application/soap+xml; charset=utf-8', but expected 'text/xml'."},
		{"empty Content-Type", "POST", []Header{{"Content-Type", ""}}, 500,
			"Server found request content type to be '', but expected 'text/xml'."},
		{"first field counts", "POST", []Header{{"Content-Type", "text/plain"}, {"Content-Type", "text/xml"}}, 500,
			"Server found request content type to be 'text/plain', but expected 'text/xml'."},
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
		if tt.fault != "" && (r.Fault == nil || r.Fault.String != tt.fault || r.Fault.Code != "Client") {
			t.Errorf("%s: Fault = %+v, want Client %q", tt.name, r.Fault, tt.fault)
		}
		if r.Status == 405 && (r.Body != "Request format is unrecognized." || r.HeaderMap()["Content-Type"] != "text/plain; charset=utf-8") {
			t.Errorf("%s: 405 body %q, Content-Type %q", tt.name, r.Body, r.HeaderMap()["Content-Type"])
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
		{"the request has no SOAPAction header; the .asmx service dispatches on it, so it answers soap:Client; send SOAPAction: X", "the request has no SOAPAction header; the .asmx service dispatches on it; send SOAPAction: X"},
		{"DialString is empty; the server answers DialingRulesException — give the phone number to call", "DialString is empty — give the phone number to call"},
		{"<a> appears twice; remove one", "<a> appears twice; remove one"},
	}
	for _, tt := range tests {
		if got := dropAnswerClause(tt.in); got != tt.want {
			t.Errorf("dropAnswerClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
