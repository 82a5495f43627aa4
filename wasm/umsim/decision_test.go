package umsim

import (
	"strings"
	"testing"

	"umplay/wasm/soap"
)

// TestDecisionOrder drives Handle through every row of behaviour.md's
// decision order (contract v2) and through pairs of problems whose order
// decides the answer.
func TestDecisionOrder(t *testing.T) {
	ok := disconnectReq(docsCallID)
	withHeader := func(r Request, name, value string) Request {
		var hs []Header
		for _, h := range r.Header {
			if !strings.EqualFold(h.Name, name) {
				hs = append(hs, h)
			}
		}
		if value != "\x00" {
			hs = append(hs, Header{name, value})
		}
		r.Header = hs
		return r
	}
	body := func(r Request, b string) Request { r.Body = b; return r }
	mu := func(b string) string {
		return strings.Replace(b, "<soap:Body>", `<soap:Header><h:Trace xmlns:h="urn:trace" soap:mustUnderstand="1"/></soap:Header><soap:Body>`, 1)
	}
	soap12 := strings.Replace(ok.Body, soap.NSEnvelope, soap.NSSOAP12, 1)
	broken := strings.Replace(ok.Body, "</CallId>", "</Callid>", 1)
	ptBR := strings.ReplaceAll(ok.Body, "http://schemas.microsoft.com/exchange", "https://schemas.microsoft.com/exchange")
	tests := []struct {
		name   string
		req    Request
		status int
		code   string // fault code; "" for none
		warn   string // a warning diagnostic the checker must give
	}{
		{"row 1: GET", func() Request { r := ok; r.Method = "GET"; return r }(), 405, "", ""},
		{"row 2: no SOAPAction", withHeader(ok, "SOAPAction", "\x00"), 500, "Client", ""},
		{"row 3: unknown SOAPAction", withHeader(ok, "SOAPAction", `"urn:Hangup"`), 500, "Client", ""},
		{"row 3: empty SOAPAction", withHeader(ok, "SOAPAction", `""`), 500, "Client", ""},
		{"row 4: text/plain", withHeader(ok, "Content-Type", "text/plain"), 415, "", ""},
		{"row 5a: DOCTYPE", body(ok, "<!DOCTYPE x []>"+ok.Body), 400, "", ""},
		{"row 5a: empty", body(ok, ""), 400, "", ""},
		{"row 5b: SOAP 1.2 envelope", body(ok, soap12), 500, "VersionMismatch", ""},
		{"row 5b′: SOAP 1.1 envelope as application/soap+xml", withHeader(ok, "Content-Type", "application/soap+xml; charset=utf-8"), 415, "", ""},
		{"row 5c: root in SOAP 1.1 namespace, not Envelope", body(ok, `<soap:Envlope xmlns:soap="`+soap.NSEnvelope+`"/>`), 500, "Client", ""},
		{"row 5d: no Body", body(ok, `<soap:Envelope xmlns:soap="`+soap.NSEnvelope+`"><soap:Header/></soap:Envelope>`), 500, "Client", ""},
		{"row 5e: mismatched end tag", body(ok, broken), 400, "", ""},
		{"rows 6–7: pt-BR https namespace", body(ok, ptBR), 500, "ErrorInvalidRequest", ""},
		{"row 7: CallId missing", body(ok, envelope(`<Disconnect xmlns="`+soap.NSMessages+`"/>`)), 500, "ErrorInvalidRequest", ""},
		{"row 8: CallId not base64", disconnectReq("!!"), 500, "InvalidCallIdException", ""},
		{"row 9: mustUnderstand header", body(ok, mu(ok.Body)), 500, "MustUnderstand", ""},
		{"row 10: accepted", ok, 200, "", ""},

		{"no SOAPAction + broken XML → soap:Client", body(withHeader(ok, "SOAPAction", "\x00"), broken), 500, "Client", ""},
		{"SOAP 1.2 envelope + unknown SOAPAction → soap:Client", body(withHeader(ok, "SOAPAction", `"urn:x"`), soap12), 500, "Client", ""},
		{"unknown SOAPAction + bad Content-Type → soap:Client", withHeader(withHeader(ok, "SOAPAction", `"urn:x"`), "Content-Type", "text/plain"), 500, "Client", ""},
		{"bad Content-Type + broken XML → 415", body(withHeader(ok, "Content-Type", "text/plain"), broken), 415, "", ""},
		{"broken XML before the root + SOAP 1.2 → 400", body(ok, "<!DOCTYPE x []>"+soap12), 400, "", ""},
		{"SOAP 1.2 envelope + later broken XML → VersionMismatch", body(ok, strings.Replace(soap12, "</CallId>", "</Callid>", 1)), 500, "VersionMismatch", ""},
		{"broken XML + https namespace → 400", body(ok, strings.Replace(ptBR, "</CallId>", "</Callid>", 1)), 400, "", ""},
		{"mustUnderstand + invalid CallId → InvalidCallIdException", body(ok, mu(disconnectReq("!!").Body)), 500, "InvalidCallIdException", ""},
		{"mustUnderstand + https namespace → ErrorInvalidRequest", body(ok, mu(ptBR)), 500, "ErrorInvalidRequest", ""},
		{"junk right after </soap:Envelope> → 400", body(ok, strings.TrimRight(ok.Body, "\n")+"junk"), 400, "", ""},
		{"an element right after </soap:Envelope> → 400", body(ok, strings.TrimRight(ok.Body, "\n")+"<x/>"), 400, "", ""},
		{"junk after a newline → 200 with a warning", body(ok, ok.Body+"<x/><<<"), 200, "", "xml-unread"},
		{"text after a newline → 400", body(ok, ok.Body+"junk"), 400, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer()
			r := s.Handle(tt.req)
			checkWire(t, r)
			if r.Status != tt.status {
				t.Errorf("status %d %s, want %d; explain: %s", r.Status, r.StatusText, tt.status, r.Explain)
			}
			switch {
			case tt.code == "" && r.Fault != nil:
				t.Errorf("fault %s, want none", r.Fault.Code)
			case tt.code != "" && (r.Fault == nil || r.Fault.Code != tt.code):
				t.Errorf("fault %+v, want %s", r.Fault, tt.code)
			}
			if tt.warn != "" {
				action, present := header(tt.req.Header, "SOAPAction")
				rep := soap.Check(tt.req.Body, soap.Head{SOAPActionPresent: present, SOAPAction: action})
				found := false
				for _, d := range rep.Diagnostics {
					found = found || (d.Code == tt.warn && d.Severity == soap.Warning)
				}
				if !found {
					t.Errorf("no %s warning", tt.warn)
				}
			}
		})
	}
}

// TestMustUnderstandAfterTheOperation: the MustUnderstand fault comes after
// the operation ran, and its effect stands (behaviour.md row 9).
func TestMustUnderstandAfterTheOperation(t *testing.T) {
	s, clk := newTestServer()
	r := s.Handle(playOnPhoneReq("AAAAAA==", "+1 425 555 0100"))
	id := callIDOf(t, r)
	clk.Advance(DefaultRingTime)
	req := disconnectReq(id)
	req.Body = strings.Replace(req.Body, "<soap:Body>", `<soap:Header><h:Trace xmlns:h="urn:trace" soap:mustUnderstand="1"/></soap:Header><soap:Body>`, 1)
	r = s.Handle(req)
	checkWire(t, r)
	if r.Fault == nil || r.Fault.Code != "MustUnderstand" || r.Fault.String != "SOAP header Trace was not understood." {
		t.Fatalf("fault = %+v, want MustUnderstand for Trace", r.Fault)
	}
	if c := s.Calls()[0]; c.State != StateDisconnected {
		t.Errorf("call state %s after the faulted Disconnect, want Disconnected (the operation ran)", c.State)
	}
	if !strings.Contains(r.Explain, "effect stands") || !strings.Contains(r.Explain, "hangs up") {
		t.Errorf("Explain = %q, want it to say the call was ended and the effect stands", r.Explain)
	}
	// Preview never changes state, row 9 included.
	s2, _ := newTestServer()
	s2.Handle(playOnPhoneReq("AAAAAA==", "+1 425 555 0100"))
	s2.Preview(disconnectReqWithMU(callIDOf(t, s2.Preview(playOnPhoneReq("AAAAAA==", "1234")))))
	if c := s2.Calls()[0]; c.State == StateDisconnected {
		t.Errorf("Preview ended a call")
	}
}

func disconnectReqWithMU(id string) Request {
	r := disconnectReq(id)
	r.Body = strings.Replace(r.Body, "<soap:Body>", `<soap:Header><h:Trace xmlns:h="urn:trace" soap:mustUnderstand="1"/></soap:Header><soap:Body>`, 1)
	return r
}

// TestMailbox: the Set operations change what GetUMProperties reports;
// Preview changes nothing; Reset restores the defaults.
func TestMailbox(t *testing.T) {
	s, _ := newTestServer()
	set := func(op soap.Operation, inner string) Request {
		return post(op, envelope(`<`+string(op)+` xmlns="`+soap.NSMessages+`">`+inner+`</`+string(op)+`>`))
	}
	get := post(soap.GetUMProperties, envelope(`<GetUMProperties xmlns="`+soap.NSMessages+`"/>`))
	if r := s.Preview(set(soap.SetOofStatus, "<status>true</status>")); r.Status != 200 || s.Mailbox().OofStatus {
		t.Fatalf("Preview: status %d, OofStatus %v; want 200 and no change", r.Status, s.Mailbox().OofStatus)
	}
	for _, req := range []Request{
		set(soap.SetOofStatus, "<status> 1 </status>"),
		set(soap.SetMissedCallNotificationEnabled, "<status>false</status>"),
		set(soap.SetPlayOnPhoneDialString, "<dialString>+1 (425) 555-0199</dialString>"),
		set(soap.SetTelephoneAccessFolderEmail, "<base64FolderID>QUJD</base64FolderID>"),
	} {
		r := s.Handle(req)
		checkWire(t, r)
		if r.Status != 200 || !strings.Contains(r.Body, "Response xmlns=") {
			t.Fatalf("%s: status %d body\n%s", req.Body, r.Status, r.Body)
		}
	}
	r := s.Handle(get)
	checkWire(t, r)
	for _, want := range []string{"<OofStatus>true</OofStatus>", "<MissedCallNotificationEnabled>false</MissedCallNotificationEnabled>",
		"<PlayOnPhoneDialString>+1 (425) 555-0199</PlayOnPhoneDialString>", "<TelephoneAccessFolderEmail>QUJD</TelephoneAccessFolderEmail>",
		"<TelephoneAccessNumbers>54321</TelephoneAccessNumbers>"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("GetUMProperties lacks %s:\n%s", want, r.Body)
		}
	}
	if r := s.Handle(post(soap.IsUMEnabled, envelope(`<IsUMEnabled xmlns="`+soap.NSMessages+`"/>`))); !strings.Contains(r.Body, "<IsUMEnabledResponse>true</IsUMEnabledResponse>") {
		t.Errorf("IsUMEnabled body:\n%s", r.Body)
	}
	if r := s.Handle(post(soap.ResetPIN, envelope(`<ResetPIN xmlns="`+soap.NSMessages+`"/>`))); r.Status != 200 || !strings.Contains(r.Body, `<ResetPINResponse xmlns="`+soap.NSMessages+`" />`) {
		t.Errorf("ResetPIN: %d\n%s", r.Status, r.Body)
	}
	if r := s.Handle(set(soap.SetOofStatus, "<status>yes</status>")); r.Fault == nil || r.Fault.Code != "ErrorInvalidRequest" {
		t.Errorf("status yes: fault %+v, want ErrorInvalidRequest", r.Fault)
	}
	s.Reset()
	if s.Mailbox() != DefaultMailbox() {
		t.Errorf("after Reset: %+v, want the defaults", s.Mailbox())
	}
}
