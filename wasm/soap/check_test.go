package soap

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const docCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

// envelope wraps an operation element the way the published sample does.
func envelope(inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    ` + inner + `
  </soap:Body>
</soap:Envelope>
`
}

func disconnect(callID string) string {
	return envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>` + callID + `</CallId>
    </Disconnect>`)
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type wantDiag struct {
	code      string
	line, col int // 0: don't care
	sev       Severity
}

func diagString(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %d:%d-%d:%d %s %s (rule %s): %s", d.Start.Line, d.Start.Col, d.End.Line, d.End.Col, d.Severity, d.Code, d.Rule, d.Message)
	}
	return b.String()
}

func TestCheck(t *testing.T) {
	noAction := Head{}
	tests := []struct {
		name     string
		in       string
		head     *Head // nil: DefaultHead
		want     []wantDiag
		wantRule Row // verdict row, "" = accepted
	}{
		{name: "en doc sample", in: readExample(t, "disconnect-docs-en.xml")},
		{name: "pt-BR doc sample", in: readExample(t, "disconnect-docs-pt-br.xml"),
			want: []wantDiag{{"operation-namespace", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "exchange 2007 archive", in: readExample(t, "disconnect-docs-exchange2007-archive.xml"),
			want: []wantDiag{{"envelope-namespace", 2, 2, Error}, {"operation-namespace", 4, 6, Error}}, wantRule: RowVersion},
		{name: "empty", in: "", want: []wantDiag{{"xml-empty", 1, 1, Error}}, wantRule: RowUnreadable},
		{name: "only whitespace", in: "  \n ", want: []wantDiag{{"xml-empty", 1, 1, Error}}, wantRule: RowUnreadable},
		{name: "mismatched end tag", in: strings.Replace(disconnect(docCallID), "</CallId>", "</CallID>", 1),
			want: []wantDiag{{"xml-syntax", 5, 117, Error}}, wantRule: RowBroken},
		{name: "unclosed element", in: strings.Replace(disconnect(docCallID), "</soap:Envelope>", "", 1),
			want: []wantDiag{{"xml-syntax", 2, 2, Error}}, wantRule: RowBroken},
		{name: "bad attribute syntax", in: "<?xml version=\"1.0\"?>\n<a b=c/>",
			want: []wantDiag{{"xml-syntax", 2, 0, Error}}, wantRule: RowUnreadable},
		{name: "undeclared prefix", in: "<?xml version=\"1.0\"?>\n<x:Envelope/>",
			want: []wantDiag{{"xml-prefix", 2, 2, Error}}, wantRule: RowUnreadable},
		{name: "doctype", in: "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<x/>",
			want: []wantDiag{{"xml-doctype", 2, 1, Error}}, wantRule: RowUnreadable},
		{name: "two roots", in: "<?xml version=\"1.0\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope><b/>",
			want: []wantDiag{{"xml-syntax", 2, 99, Error}}, wantRule: RowBroken},
		{name: "root not Envelope", in: "<?xml version=\"1.0\"?>\n<Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><CallId>" + docCallID + "</CallId></Disconnect>",
			want: []wantDiag{{"envelope-missing", 2, 2, Error}}, wantRule: RowVersion},
		{name: "SOAP 1.2 envelope", in: strings.Replace(disconnect(docCallID), NSEnvelope, NSSOAP12, 1),
			want: []wantDiag{{"envelope-namespace", 2, 2, Error}}, wantRule: RowVersion},
		{name: "mustUnderstand header", in: strings.Replace(disconnect(docCallID), "<soap:Body>",
			"<soap:Header><t:RequestServerVersion xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\" soap:mustUnderstand=\"1\" Version=\"Exchange2010\"/></soap:Header>\n  <soap:Body>", 1),
			want: []wantDiag{{"header-must-understand", 3, 108, Error}}, wantRule: RowMustUnderstand},
		{name: "optional header", in: strings.Replace(disconnect(docCallID), "<soap:Body>",
			"<soap:Header><t:RequestServerVersion xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\" Version=\"Exchange2010\"/></soap:Header>\n  <soap:Body>", 1),
			want: []wantDiag{{"header-ignored", 3, 17, Warning}}},
		{name: "unprefixed mustUnderstand is not SOAP's", in: strings.Replace(disconnect(docCallID), "<soap:Body>",
			"<soap:Header><h xmlns=\"urn:h\" mustUnderstand=\"1\"/></soap:Header>\n  <soap:Body>", 1),
			want: []wantDiag{{"header-ignored", 3, 17, Warning}}},
		{name: "no SOAPAction", in: disconnect(docCallID), head: &noAction,
			want: []wantDiag{{"soapaction-missing", 4, 6, Error}}, wantRule: RowNoAction},
		{name: "empty SOAPAction", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: `""`},
			want: []wantDiag{{"soapaction-unknown", 4, 6, Error}}, wantRule: RowUnknownAction},
		{name: "unknown SOAPAction", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: `"https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`},
			want: []wantDiag{{"soapaction-unknown", 4, 6, Error}}, wantRule: RowUnknownAction},
		{name: "unquoted SOAPAction", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: Disconnect.Action()},
			want: []wantDiag{{"soapaction-unquoted", 4, 6, Warning}}},
		{name: "no Body", in: "<?xml version=\"1.0\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
			want: []wantDiag{{"body-missing", 2, 2, Error}}, wantRule: RowBody},
		{name: "empty Body", in: envelope(""), want: []wantDiag{{"body-empty", 3, 4, Error}}, wantRule: RowInvalid},
		{name: "wrong case", in: strings.ReplaceAll(disconnect(docCallID), "Disconnect", "disconnect"),
			want: []wantDiag{{"operation-case", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "EWS DisconnectPhoneCall", in: envelope(`<m:DisconnectPhoneCall xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:PhoneCallId Id="` + docCallID + `"/></m:DisconnectPhoneCall>`),
			want: []wantDiag{{"operation-ews", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "body holds GetCallInfo", in: strings.ReplaceAll(disconnect(docCallID), "Disconnect", "GetCallInfo"),
			want: []wantDiag{{"operation-mismatch", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "unknown element", in: envelope(`<Hello xmlns="urn:x"/>`), want: []wantDiag{{"operation-unexpected", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "CallId missing", in: envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
    </Disconnect>`), want: []wantDiag{{"child-missing", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "CallId missing, self-closing", in: envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"/>`),
			want: []wantDiag{{"child-missing", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "CallId repeated", in: strings.Replace(disconnect(docCallID), "</CallId>", "</CallId><CallId>"+docCallID+"</CallId>", 1),
			want: []wantDiag{{"child-repeated", 5, 125, Error}}, wantRule: RowInvalid},
		{name: "CallId unqualified", in: envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>` + docCallID + `</CallId>
    </m:Disconnect>`), want: []wantDiag{{"child-unqualified", 5, 8, Error}}, wantRule: RowInvalid},
		{name: "CallId unqualified and unpadded: both reported", in: envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>` + strings.TrimSuffix(docCallID, "=") + `</CallId>
    </m:Disconnect>`), want: []wantDiag{{"child-unqualified", 5, 8, Error}, {"callid-base64-padding", 5, 114, Error}}, wantRule: RowInvalid},
		{name: "CallId unqualified, default namespace", in: envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId xmlns="">` + docCallID + `</CallId>
    </Disconnect>`), want: []wantDiag{{"child-unqualified", 5, 8, Error}}, wantRule: RowInvalid},
		{name: "CallId in another namespace", in: envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <t:CallId>` + docCallID + `</t:CallId>
    </m:Disconnect>`), want: []wantDiag{{"child-namespace", 5, 8, Error}}, wantRule: RowInvalid},
		{name: "CallId nil", in: strings.Replace(disconnect(""), "<CallId>", `<CallId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">`, 1),
			want: []wantDiag{{"child-nil", 5, 69, Error}}, wantRule: RowInvalid},
		{name: "unknown child", in: strings.Replace(disconnect(docCallID), "</CallId>", "</CallId><Reason>x</Reason>", 1),
			want: []wantDiag{{"child-unknown", 5, 125, Error}}, wantRule: RowInvalid},
		{name: "CallId wrong case", in: strings.ReplaceAll(disconnect(docCallID), "CallId", "CallID"),
			want: []wantDiag{{"child-unknown", 5, 8, Error}}, wantRule: RowInvalid},
		{name: "second Body child", in: strings.Replace(disconnect(docCallID), "</Disconnect>", "</Disconnect><Disconnect/>", 1),
			want: []wantDiag{{"body-extra-child", 6, 19, Error}}, wantRule: RowInvalid},
		{name: "CallId holds markup", in: disconnect("<b>x</b>"), want: []wantDiag{{"child-markup", 5, 16, Error}}, wantRule: RowInvalid},
		{name: "CallId empty", in: disconnect(""), want: []wantDiag{{"callid-empty", 5, 8, Error}}, wantRule: RowOperation},
		{name: "CallId bad base64 char", in: disconnect("MDlk*GZj"), want: []wantDiag{{"callid-base64-char", 5, 19, Error}}, wantRule: RowOperation},
		{name: "CallId missing padding", in: disconnect(strings.TrimSuffix(docCallID, "=")), want: []wantDiag{{"callid-base64-padding", 5, 114, Error}}, wantRule: RowOperation},
		{name: "CallId not GUID@host", in: disconnect("aGVsbG8="), want: []wantDiag{{"callid-format", 5, 15, Error}}, wantRule: RowOperation},
		{name: "CallId whitespace", in: disconnect("\n        " + docCallID + "\n      "),
			want: []wantDiag{{"callid-whitespace", 5, 15, Warning}, {"callid-whitespace", 6, 109, Warning}}},
		{name: "CallId GUID not v4", in: disconnect("MDlkZjllZGMtNGUyMy0xNzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="),
			want: []wantDiag{{"callid-guid-version", 5, 0, Warning}}},
		{name: "CallId host not FQDN", in: disconnect("MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGxvY2FsaG9zdA=="),
			want: []wantDiag{{"callid-host", 5, 0, Warning}}},
		{name: "no XML declaration", in: strings.TrimPrefix(disconnect(docCallID), `<?xml version="1.0" encoding="utf-8"?>`+"\n"),
			want: []wantDiag{{"xml-declaration-missing", 1, 1, Warning}}},
		{name: "non-UTF-8 declaration", in: strings.Replace(disconnect(docCallID), "utf-8", "ISO-8859-1", 1),
			want: []wantDiag{{"xml-encoding", 1, 31, Warning}}},
		{name: "too deep", in: "<?xml version=\"1.0\"?>\n" + strings.Repeat("<a>", MaxDepth+5) + strings.Repeat("</a>", MaxDepth+5),
			want: []wantDiag{{"envelope-missing", 2, 2, Error}, {"limit-depth", 2, 0, Error}}, wantRule: RowVersion},
		{name: "too many attributes", in: "<?xml version=\"1.0\"?>\n<a" + manyAttrs(MaxAttrs+1) + "/>",
			want: []wantDiag{{"limit-attrs", 2, 1, Error}}, wantRule: RowUnreadable},
		{name: "too big", in: disconnect(strings.Repeat("A", MaxBytes)), want: []wantDiag{{"limit-size", 1, 1, Error}}, wantRule: RowUnreadable},
		{name: "PlayOnPhone", head: &Head{SOAPActionPresent: true, SOAPAction: PlayOnPhone.QuotedAction()},
			in: envelope(`<PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><entryId>AAAAAA==</entryId><DialString>+1 425 555 0100</DialString></PlayOnPhone>`)},
		{name: "PlayOnPhone bad entryId and dial string", head: &Head{SOAPActionPresent: true, SOAPAction: PlayOnPhone.QuotedAction()},
			in:   envelope(`<PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><entryId>!!</entryId><DialString>call me</DialString></PlayOnPhone>`),
			want: []wantDiag{{"entryid-invalid", 4, 96, Error}, {"dialstring-invalid", 4, 120, Error}}, wantRule: RowOperation},
		{name: "PlayOnPhoneGreeting bad greeting", head: &Head{SOAPActionPresent: true, SOAPAction: PlayOnPhoneGreeting.QuotedAction()},
			in:   envelope(`<PlayOnPhoneGreeting xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><GreetingType>normalcustom</GreetingType><DialString>4255550100</DialString></PlayOnPhoneGreeting>`),
			want: []wantDiag{{"greetingtype-invalid", 4, 109, Error}}, wantRule: RowInvalid},
		{name: "root in SOAP 1.1 namespace, not Envelope", in: "<soap:Envlope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
			want: []wantDiag{{"xml-declaration-missing", 1, 1, Warning}, {"envelope-missing", 1, 2, Error}}, wantRule: RowEnvelope},
		{name: "junk right after the Envelope", in: strings.TrimSuffix(disconnect(docCallID), "\n") + "junk",
			want: []wantDiag{{"xml-syntax", 8, 17, Error}}, wantRule: RowBroken},
		{name: "element right after the Envelope", in: strings.TrimSuffix(disconnect(docCallID), "\n") + "<x/>",
			want: []wantDiag{{"xml-syntax", 8, 17, Error}}, wantRule: RowBroken},
		{name: "element after a newline after the Envelope", in: disconnect(docCallID) + "<x/>\n<y>",
			want: []wantDiag{{"xml-unread", 9, 1, Warning}}},
		{name: "text after a newline after the Envelope", in: disconnect(docCallID) + "junk",
			want: []wantDiag{{"xml-syntax", 9, 1, Error}}, wantRule: RowBroken},
		{name: "comment after the Envelope, then junk", in: strings.TrimSuffix(disconnect(docCallID), "\n") + "<!-- c -->junk",
			want: []wantDiag{{"xml-unread", 8, 27, Warning}}},
		{name: "XML error in the Body beats the missing CallId", in: envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><a></b></Disconnect>`),
			want: []wantDiag{{"xml-syntax", 4, 91, Error}}, wantRule: RowBroken},
		{name: "VersionMismatch beats a later XML error", in: strings.Replace(strings.Replace(disconnect(docCallID), NSEnvelope, NSSOAP12, 1), "</CallId>", "</CallID>", 1),
			want: []wantDiag{{"envelope-namespace", 2, 2, Error}, {"xml-syntax", 5, 117, Error}}, wantRule: RowVersion},
		{name: "element before the Body", in: strings.Replace(disconnect(docCallID), "<soap:Body>", "<x/><soap:Body>", 1),
			want: []wantDiag{{"body-missing", 2, 2, Error}}, wantRule: RowBody},
		{name: "second Body", in: strings.Replace(disconnect(docCallID), "</soap:Body>", "</soap:Body><soap:Body/>", 1),
			want: []wantDiag{{"body-repeated", 7, 16, Warning}}},
		{name: "single-quoted SOAPAction", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: "'" + Disconnect.Action() + "'"},
			want: []wantDiag{{"soapaction-unknown", 4, 6, Error}}, wantRule: RowUnknownAction},
		{name: "URL-encoded SOAPAction", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: `"http%3A%2F%2Fschemas.microsoft.com/exchange/services/2006/messages/Disconnect"`},
			want: []wantDiag{{"soapaction-encoded", 4, 6, Warning}}},
		{name: "SOAPAction names ResetPIN, body holds Disconnect", in: disconnect(docCallID), head: &Head{SOAPActionPresent: true, SOAPAction: ResetPIN.QuotedAction()},
			want: []wantDiag{{"operation-mismatch", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "GetCallInfo in the https namespace, Disconnect SOAPAction", in: strings.ReplaceAll(strings.ReplaceAll(disconnect(docCallID), "Disconnect", "GetCallInfo"), "http://schemas.microsoft.com", "https://schemas.microsoft.com"),
			want: []wantDiag{{"operation-namespace", 4, 6, Error}, {"operation-mismatch", 4, 6, Error}}, wantRule: RowInvalid},
		{name: "attribute on the operation element", in: strings.Replace(disconnect(docCallID), "<Disconnect ", `<Disconnect id="1" `, 1),
			want: []wantDiag{{"operation-attribute", 4, 17, Warning}}},
		{name: "mustUnderstand and an invalid CallId: the operation decides", in: strings.Replace(disconnect("MDlk*GZj"), "<soap:Body>",
			"<soap:Header><h:x xmlns:h=\"urn:h\" soap:mustUnderstand=\"1\"/></soap:Header>\n  <soap:Body>", 1),
			want: []wantDiag{{"header-must-understand", 3, 37, Error}, {"callid-base64-char", 6, 19, Error}}, wantRule: RowOperation},
		{name: "SetOofStatus", head: &Head{SOAPActionPresent: true, SOAPAction: SetOofStatus.QuotedAction()},
			in: envelope(`<SetOofStatus xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><status> true </status></SetOofStatus>`)},
		{name: "SetOofStatus not a boolean", head: &Head{SOAPActionPresent: true, SOAPAction: SetOofStatus.QuotedAction()},
			in:   envelope(`<SetOofStatus xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><status>yes</status></SetOofStatus>`),
			want: []wantDiag{{"child-type", 4, 96, Error}}, wantRule: RowInvalid},
		{name: "GetUMProperties", head: &Head{SOAPActionPresent: true, SOAPAction: GetUMProperties.QuotedAction()},
			in: envelope(`<GetUMProperties xmlns="http://schemas.microsoft.com/exchange/services/2006/messages" />`)},
		{name: "GetUMProperties with a child", head: &Head{SOAPActionPresent: true, SOAPAction: GetUMProperties.QuotedAction()},
			in:   envelope(`<GetUMProperties xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><x/></GetUMProperties>`),
			want: []wantDiag{{"child-unknown", 4, 92, Error}}, wantRule: RowInvalid},
		{name: "GetCallInfo", head: &Head{SOAPActionPresent: true, SOAPAction: GetCallInfo.QuotedAction()},
			in: strings.ReplaceAll(disconnect(docCallID), "Disconnect", "GetCallInfo")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := DefaultHead()
			if tt.head != nil {
				head = *tt.head
			}
			r := Check(tt.in, head)
			if len(r.Diagnostics) != len(tt.want) {
				t.Fatalf("Check: got %d diagnostics, want %d:%s", len(r.Diagnostics), len(tt.want), diagString(r.Diagnostics))
			}
			for i, w := range tt.want {
				d := r.Diagnostics[i]
				if d.Code != w.code || d.Severity != w.sev || (w.line != 0 && d.Start.Line != w.line) || (w.col != 0 && d.Start.Col != w.col) {
					t.Errorf("diagnostic %d = %s %s at %d:%d, want %s %s at %d:%d%s", i, d.Severity, d.Code, d.Start.Line, d.Start.Col, w.sev, w.code, w.line, w.col, diagString(r.Diagnostics))
				}
				if d.Message == "" || d.SpecRef == "" {
					t.Errorf("diagnostic %s lacks a message or spec link", d.Code)
				}
				if (d.Severity == Error) != (d.Rule != "") {
					t.Errorf("diagnostic %s: severity %s with rule %q", d.Code, d.Severity, d.Rule)
				}
			}
			switch {
			case tt.wantRule == "" && r.Verdict != nil:
				t.Errorf("verdict = rule %s (%s), want accepted", r.Verdict.Rule, r.Verdict.Code)
			case tt.wantRule != "" && (r.Verdict == nil || r.Verdict.Rule != tt.wantRule):
				t.Errorf("verdict = %+v, want rule %s", r.Verdict, tt.wantRule)
			}
		})
	}
}

func manyAttrs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d=\"\"", i)
	}
	return b.String()
}

// TestFixes applies every quick fix the checker offers on a range of broken
// requests and checks that each removes its diagnostic.
func TestFixes(t *testing.T) {
	inputs := map[string]string{
		"pt-BR":          readExample(t, "disconnect-docs-pt-br.xml"),
		"archive":        readExample(t, "disconnect-docs-exchange2007-archive.xml"),
		"no decl":        strings.TrimPrefix(disconnect(docCallID), `<?xml version="1.0" encoding="utf-8"?>`+"\n"),
		"latin1":         strings.Replace(disconnect(docCallID), "utf-8", "ISO-8859-1", 1),
		"must":           strings.Replace(disconnect(docCallID), "<soap:Body>", "<soap:Header><h xmlns=\"urn:h\" soap:mustUnderstand=\"1\"/></soap:Header>\n  <soap:Body>", 1),
		"optional":       strings.Replace(disconnect(docCallID), "<soap:Body>", "<soap:Header>\n    <h xmlns=\"urn:h\"/>\n  </soap:Header>\n  <soap:Body>", 1),
		"case":           strings.ReplaceAll(disconnect(docCallID), "Disconnect", "DISCONNECT"),
		"ews":            envelope(`<m:DisconnectPhoneCall xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:PhoneCallId Id="` + docCallID + `"/></m:DisconnectPhoneCall>`),
		"missing":        envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"></Disconnect>`),
		"missing self":   envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" />`),
		"repeated":       strings.Replace(disconnect(docCallID), "</CallId>", "</CallId>\n      <CallId>x</CallId>", 1),
		"unqualified":    envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>` + docCallID + `</CallId></m:Disconnect>`),
		"unqualified2":   envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId xmlns="">` + docCallID + `</CallId></Disconnect>`),
		"nil":            strings.Replace(disconnect(""), "<CallId>", `<CallId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">`, 1),
		"unknown":        strings.Replace(disconnect(docCallID), "</CallId>", "</CallId>\n      <Reason>x</Reason>", 1),
		"wrong case":     strings.ReplaceAll(disconnect(docCallID), "CallId", "callid"),
		"extra child":    strings.Replace(disconnect(docCallID), "</Disconnect>", "</Disconnect>\n    <Other/>", 1),
		"padding":        disconnect(strings.TrimSuffix(docCallID, "=")),
		"whitespace":     disconnect(" " + docCallID[:50] + "\n " + docCallID[50:] + " "),
		"url-safe":       disconnect("MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20_"),
		"greeting":       envelope(`<PlayOnPhoneGreeting xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><GreetingType>oofcustom</GreetingType><DialString>4255550100</DialString></PlayOnPhoneGreeting>`),
		"https action":   disconnect(docCallID),
		"mismatch":       strings.ReplaceAll(disconnect(docCallID), "Disconnect", "GetCallInfo"),
		"no envelope ns": "<?xml version=\"1.0\"?>\n<Envelope><Body><Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><CallId>" + docCallID + "</CallId></Disconnect></Body></Envelope>",
	}
	heads := map[string]Head{
		"greeting":     {SOAPActionPresent: true, SOAPAction: PlayOnPhoneGreeting.QuotedAction()},
		"https action": {SOAPActionPresent: true, SOAPAction: `https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect`},
	}
	fixed := 0
	for name, in := range inputs {
		head, ok := heads[name]
		if !ok {
			head = DefaultHead()
		}
		r := Check(in, head)
		for _, d := range r.Diagnostics {
			if d.Fix == nil {
				continue
			}
			body, h := in, head
			var err error
			if d.Fix.Field == FieldSOAPAction {
				h.SOAPActionPresent = true
				h.SOAPAction, err = Replace(h.SOAPAction, d.Fix.Span, d.Fix.Text)
			} else {
				body, err = ApplyFix(in, *d.Fix)
			}
			if err != nil {
				t.Errorf("%s: fix %q for %s: %v", name, d.Fix.Title, d.Code, err)
				continue
			}
			before := count(r.Diagnostics, d.Code)
			after := Check(body, h)
			if count(after.Diagnostics, d.Code) >= before {
				t.Errorf("%s: fix %q did not remove %s:\nbefore:%s\nafter:%s\ntext:\n%s", name, d.Fix.Title, d.Code, diagString(r.Diagnostics), diagString(after.Diagnostics), body)
			}
			if r.Verdict != nil && r.Verdict.Code == d.Code && after.Verdict != nil && after.Verdict.Rule.rank() < r.Verdict.Rule.rank() {
				t.Errorf("%s: fix %q made things worse: rule %s → %s", name, d.Fix.Title, r.Verdict.Rule, after.Verdict.Rule)
			}
			fixed++
		}
	}
	if fixed < len(inputs) {
		t.Errorf("only %d fixes tried for %d inputs", fixed, len(inputs))
	}
}

func count(ds []Diagnostic, code string) int {
	n := 0
	for _, d := range ds {
		if d.Code == code {
			n++
		}
	}
	return n
}

// TestFixedPtBRIsClean is the playground's headline: one click on the pt-BR
// sample's fix gives a request the server accepts.
func TestFixedPtBRIsClean(t *testing.T) {
	in := readExample(t, "disconnect-docs-pt-br.xml")
	r := Check(in, DefaultHead())
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Fix == nil {
		t.Fatalf("pt-BR: want one fixable diagnostic:%s", diagString(r.Diagnostics))
	}
	d := r.Diagnostics[0]
	if lc(d.Start) != (Pos{Line: 4, Col: 6}) || lc(d.End) != (Pos{Line: 4, Col: 16}) {
		t.Errorf("pt-BR diagnostic at %v-%v, want 4:6-4:16", d.Start, d.End)
	}
	out, err := ApplyFix(in, *d.Fix)
	if err != nil {
		t.Fatal(err)
	}
	if want := readExample(t, "disconnect-docs-en.xml"); out != want {
		t.Errorf("fixed pt-BR = %q, want the English sample %q", out, want)
	}
}

func TestValues(t *testing.T) {
	r := Check(disconnect("MDlk&amp;x"), DefaultHead())
	v, ok := r.Value("CallId")
	if !ok || v.Text != "MDlk&x" || v.Verbatim {
		t.Errorf("Value(CallId) = %+v, %v; want text %q, not verbatim", v, ok, "MDlk&x")
	}
	r = Check(disconnect(docCallID), DefaultHead())
	v, _ = r.Value("CallId")
	if v.Text != docCallID || !v.Verbatim || lc(v.Span.Start) != (Pos{Line: 5, Col: 15}) {
		t.Errorf("Value(CallId) = %+v", v)
	}
	if r.Operation != Disconnect || r.Op == nil || r.Op.Tag != "Disconnect" {
		t.Errorf("Operation = %q, Op = %v", r.Operation, r.Op)
	}
	for _, tt := range []struct {
		head Head
		want Operation
	}{
		{DefaultHead(), Disconnect},
		{Head{SOAPActionPresent: true, SOAPAction: ` "http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo" `}, GetCallInfo},
		{Head{SOAPActionPresent: true, SOAPAction: `http%3A%2F%2Fschemas.microsoft.com%2Fexchange%2Fservices%2F2006%2Fmessages%2FPlayOnPhone`}, PlayOnPhone},
		{Head{SOAPActionPresent: true, SOAPAction: `"https://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`}, ""},
		{Head{}, ""},
	} {
		if got := Check(disconnect(docCallID), tt.head).Action; got != tt.want {
			t.Errorf("Check(…, %+v).Action = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestPositionsCountCharacters(t *testing.T) {
	in := strings.Replace(disconnect(docCallID), "<CallId>", "<!-- é日本 --><CallId>", 1)
	in = strings.Replace(in, "</CallId>", "</CallID>", 1)
	r := Check(in, DefaultHead())
	if len(r.Diagnostics) != 1 || lc(r.Diagnostics[0].Start) != (Pos{Line: 5, Col: 129}) {
		t.Fatalf("got%s, want xml-syntax at 5:129", diagString(r.Diagnostics))
	}
	in = "<?xml version=\"1.0\"?>\n<!-- é日本 --><a></b>"
	r = Check(in, DefaultHead())
	if len(r.Diagnostics) != 2 || lc(r.Diagnostics[1].Start) != (Pos{Line: 2, Col: 18}) {
		t.Fatalf("got%s, want xml-syntax at 2:18", diagString(r.Diagnostics))
	}
}

func TestOffsetRoundTrip(t *testing.T) {
	for _, src := range []string{"ab\né日\n\nxyz", "a\r\nb\rc\r\r\nd\r", strings.Repeat("é日x\r", 300) + "\xff\xfez"} {
		lines := NewLines(src)
		for off := 0; off <= len(src); off++ {
			if off < len(src) && (src[off]&0xC0) == 0x80 {
				continue
			}
			p := lines.Pos(off)
			got, ok := lines.Offset(p)
			if !ok || got != off || p.Offset != off {
				t.Errorf("%q: Offset(Pos(%d) = %+v) = %d, %v", src, off, p, got, ok)
			}
		}
	}
}

// lc is a position without its offset, to compare with a literal.
func lc(p Pos) Pos { return Pos{Line: p.Line, Col: p.Col} }

// Lone CR and CRLF end lines (XML 1.0 §2.11); a position never falls inside
// a character, and a range never ends before it starts.
func TestLinesAndRanges(t *testing.T) {
	l := NewLines("a\rb\r\nc\nd")
	for _, tt := range []struct {
		off  int
		want Pos
	}{{0, Pos{Line: 1, Col: 1}}, {1, Pos{Line: 1, Col: 2}}, {2, Pos{Line: 2, Col: 1}}, {5, Pos{Line: 3, Col: 1}}, {7, Pos{Line: 4, Col: 1}}} {
		if got := lc(l.Pos(tt.off)); got != tt.want {
			t.Errorf("Pos(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
	src := "‹亾"
	l = NewLines(src)
	sp := l.Span(4, 3) // inside 亾, end before start
	if lc(sp.Start) != (Pos{Line: 1, Col: 2}) || lc(sp.End) != (Pos{Line: 1, Col: 3}) {
		t.Errorf("Span(4, 3) = %+v–%+v, want 1:2–1:3", sp.Start, sp.End)
	}
	// A CR-only file: the reader's error is on line 4.
	in := "<?xml version=\"1.0\"?>\r<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\r<soap:Body>\r<a></b>\r</soap:Body></soap:Envelope>"
	r := Check(in, DefaultHead())
	if r.Verdict == nil || r.Verdict.Line != 4 || r.Verdict.Col != 6 {
		t.Errorf("CR-only file: verdict %+v, want line 4, column 6", r.Verdict)
	}
}

// A CallId in the wrong namespace before the right one: the right one is
// checked (and Check does not panic).
func TestCallIDAfterMisplacedOne(t *testing.T) {
	in := envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId xmlns="urn:x">a</CallId><CallId>!!</CallId></Disconnect>`)
	r := Check(in, DefaultHead())
	if r.Verdict == nil || r.Verdict.Rule != RowInvalid {
		t.Errorf("verdict %+v, want row 7", r.Verdict)
	}
	n := 0
	for _, d := range r.Diagnostics {
		if d.Code == "callid-base64-char" {
			n++
		}
	}
	if n == 0 {
		t.Errorf("the CallId in the right namespace was not checked:%s", diagString(r.Diagnostics))
	}
}

// FixAll repairs the pt-BR sample and the archived Exchange 2007 one into the
// English sample, and leaves removals alone.
func TestFixAll(t *testing.T) {
	en := readExample(t, "disconnect-docs-en.xml")
	for _, name := range []string{"disconnect-docs-pt-br.xml", "disconnect-docs-exchange2007-archive.xml"} {
		got, head, n := FixAll(readExample(t, name), DefaultHead())
		if got != en || n == 0 || head != DefaultHead() {
			t.Errorf("FixAll(%s) = %q, %+v, %d fixes; want the English sample", name, got, head, n)
		}
	}
	// An unknown child is not removed; the unquoted SOAPAction is quoted;
	// the missing padding restored.
	in := strings.Replace(disconnect(strings.TrimSuffix(docCallID, "=")), "</CallId>", "</CallId><x/>", 1)
	got, head, n := FixAll(in, Head{SOAPActionPresent: true, SOAPAction: Disconnect.Action()})
	if !strings.Contains(got, "<x/>") || !strings.Contains(got, docCallID+"</CallId>") || head.SOAPAction != Disconnect.QuotedAction() || n != 2 {
		t.Errorf("FixAll = %q, %+v, %d fixes", got, head, n)
	}
	if got, _, n := FixAll(en, DefaultHead()); got != en || n != 0 {
		t.Errorf("FixAll(clean) changed it: %d fixes", n)
	}
}
