package soap

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"umplay/wasm/msg"
)

const (
	envOpen  = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>`
	envClose = `</soap:Body></soap:Envelope>`
	msgs     = `http://schemas.microsoft.com/exchange/services/2006/messages`
	httpsMsg = `https://schemas.microsoft.com/exchange/services/2006/messages`
)

func env(body string) string { return envOpen + body + envClose }

// f1 is the F1 fault of umws-protocol.md §3 with exception x, ExceptionType
// element et.
func f1(x, text, et string) string {
	return env(`<s:Fault xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">` +
		`<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/errors">a:` + x + `</faultcode>` +
		`<faultstring xml:lang="en-US">` + text + `</faultstring><detail>` + et + `</detail></s:Fault>`)
}

const f2 = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
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

const getCallInfoResponse = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <GetCallInfoResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <GetCallInfoResponse>
        <CallState>Connected</CallState>
        <EventCause>None</EventCause>
      </GetCallInfoResponse>
    </GetCallInfoResponse>
  </soap:Body>
</soap:Envelope>`

// diags renders ds as "severity code line:col".
func diags(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %s %d:%d", d.Severity, d.Code, d.Start.Line, d.Start.Col))
	}
	return out
}

func TestInspect(t *testing.T) {
	const et = `<m:ExceptionType xmlns:m="` + msgs + `">InvalidCallIdException</m:ExceptionType>`
	tests := []struct {
		name  string
		in    string
		kind  Kind
		elem  string
		op    Operation
		want  []string // diags()
		fixes []string // the fix texts, in order, of diagnostics that have one
	}{
		{name: "request", in: env(`<Disconnect xmlns="` + msgs + `"><CallId>x</CallId></Disconnect>`),
			kind: KindRequest, elem: "Disconnect", op: Disconnect},
		{name: "request, other case", in: env(`<getcallinfo xmlns="` + msgs + `"/>`),
			kind: KindRequest, elem: "getcallinfo", op: GetCallInfo},
		{name: "request with https: Check reports it, Inspect does too (at the declaration)",
			in: env(`<Disconnect xmlns="` + httpsMsg + `"><CallId>x</CallId></Disconnect>`), kind: KindRequest, elem: "Disconnect", op: Disconnect,
			want: []string{"error namespace-typo 1:101"}, fixes: []string{msgs}},
		{name: "unused https declaration is a warning",
			in:   `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="https://schemas.microsoft.com/exchange/services/2006/types"><soap:Body/></soap:Envelope>`,
			kind: KindRequest, want: []string{"warning namespace-typo 1:80"}, fixes: []string{NSTypes}},
		{name: "empty envelope is a request", in: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>`, kind: KindRequest},
		{name: "broken request: Check reports the syntax", in: envOpen + `<Disconnect>`, kind: KindRequest, elem: "Disconnect", op: Disconnect},
		{name: "DisconnectResponse", in: env(`<DisconnectResponse xmlns="` + msgs + `" />`), kind: KindResponse, elem: "DisconnectResponse", op: Disconnect},
		{name: "DisconnectResponse https", in: env(`<DisconnectResponse xmlns="` + httpsMsg + `" />`), kind: KindResponse, elem: "DisconnectResponse", op: Disconnect,
			want: []string{"error namespace-typo 1:109"}, fixes: []string{msgs}},
		{name: "DisconnectResponse message typo", in: env(`<DisconnectResponse xmlns="` + strings.TrimSuffix(msgs, "s") + `" />`), kind: KindResponse, op: Disconnect, elem: "DisconnectResponse",
			want: []string{"error namespace-typo 1:109"}, fixes: []string{msgs}},
		{name: "DisconnectResponse not empty", in: env(`<DisconnectResponse xmlns="` + msgs + `">ok<CallId/></DisconnectResponse>`), kind: KindResponse, op: Disconnect, elem: "DisconnectResponse",
			want: []string{"error response-text 1:171", "error response-child-unknown 1:174"}},
		{name: "response in another namespace", in: env(`<ResetPINResponse xmlns="urn:x"/>`), kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse",
			want: []string{"error response-namespace 1:83"}},
		{name: "response in no namespace", in: env(`<ResetPINResponse/>`), kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse",
			want: []string{"error response-namespace 1:83"}},
		{name: "unknown service namespace", in: env(`<ResetPINResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/message/"/>`), kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse",
			want: []string{"error response-namespace 1:83", "error namespace-unknown 1:107"}},
		{name: "EWS response", in: env(`<DisconnectPhoneCallResponse xmlns="` + msgs + `"/>`), kind: KindResponse, elem: "DisconnectPhoneCallResponse",
			want: []string{"error response-unknown 1:83"}},
		{name: "response name case", in: env(`<disconnectResponse xmlns="` + msgs + `"/>`), kind: KindResponse, elem: "disconnectResponse",
			want: []string{"error response-unknown 1:83"}},
		{name: "GetCallInfoResponse", in: getCallInfoResponse, kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse"},
		{name: "GetCallInfoResponse https", in: strings.Replace(getCallInfoResponse, "http://schemas.microsoft", "https://schemas.microsoft", 1),
			kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse", want: []string{"error namespace-typo 4:33"}, fixes: []string{msgs}},
		{name: "GetCallInfoResponse bad values", in: strings.NewReplacer(">Connected<", ">connected<", ">None<", ">Busy<").Replace(getCallInfoResponse),
			kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse",
			want: []string{"error response-value 6:20", "error response-value 7:21"}, fixes: []string{"Connected"}},
		{name: "GetCallInfoResponse missing, repeated, unqualified", in: env(`<m:GetCallInfoResponse xmlns:m="` + msgs + `"><m:GetCallInfoResponse>` +
			`<m:CallState>Idle</m:CallState><m:CallState>Idle</m:CallState><EventCause>None</EventCause><m:Extra/></m:GetCallInfoResponse></m:GetCallInfoResponse>`),
			kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse",
			want: []string{"error response-child-repeated 1:231", "error response-child-namespace 1:262", "error response-child-unknown 1:291"}},
		{name: "GetCallInfoResponse without its inner element", in: env(`<GetCallInfoResponse xmlns="` + msgs + `"><CallState>Idle</CallState></GetCallInfoResponse>`),
			kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse",
			want: []string{"error response-child-missing 1:83", "error response-child-unknown 1:173"}},
		{name: "GetCallInfoResponse lacks EventCause", in: env(`<GetCallInfoResponse xmlns="` + msgs + `"><GetCallInfoResponse><CallState>Idle</CallState></GetCallInfoResponse></GetCallInfoResponse>`),
			kind: KindResponse, op: GetCallInfo, elem: "GetCallInfoResponse",
			want: []string{"error response-child-missing 1:173"}},
		{name: "PlayOnPhoneResponse", in: env(`<PlayOnPhoneResponse xmlns="` + msgs + `"><PlayOnPhoneResponse>NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</PlayOnPhoneResponse></PlayOnPhoneResponse>`),
			kind: KindResponse, op: PlayOnPhone, elem: "PlayOnPhoneResponse"},
		{name: "PlayOnPhoneResponse bad and empty CallId", in: env(`<PlayOnPhoneGreetingResponse xmlns="`+msgs+`"><PlayOnPhoneGreetingResponse>abc</PlayOnPhoneGreetingResponse></PlayOnPhoneGreetingResponse>`) +
			"", kind: KindResponse, op: PlayOnPhoneGreeting, elem: "PlayOnPhoneGreetingResponse", want: []string{"warning response-callid 1:209"}},
		{name: "PlayOnPhoneResponse placeholder", in: env(`<PlayOnPhoneResponse xmlns="` + msgs + `"><PlayOnPhoneResponse>{CallId}</PlayOnPhoneResponse></PlayOnPhoneResponse>`),
			kind: KindResponse, op: PlayOnPhone, elem: "PlayOnPhoneResponse"},
		{name: "IsUMEnabledResponse", in: env(`<IsUMEnabledResponse xmlns="` + msgs + `"><IsUMEnabledResponse>yes</IsUMEnabledResponse></IsUMEnabledResponse>`),
			kind: KindResponse, op: IsUMEnabled, elem: "IsUMEnabledResponse", want: []string{"error response-value 1:193"}},
		{name: "GetUMPropertiesResponse", in: env(`<GetUMPropertiesResponse xmlns="` + msgs + `"><GetUMPropertiesResponse><OofStatus>false</OofStatus>` +
			`<MissedCallNotificationEnabled>true</MissedCallNotificationEnabled><PlayOnPhoneDialString>12345</PlayOnPhoneDialString>` +
			`<TelephoneAccessNumbers>54321</TelephoneAccessNumbers><TelephoneAccessFolderEmail>AAAA</TelephoneAccessFolderEmail></GetUMPropertiesResponse></GetUMPropertiesResponse>`),
			kind: KindResponse, op: GetUMProperties, elem: "GetUMPropertiesResponse"},
		{name: "GetUMPropertiesResponse lacks fields", in: env(`<GetUMPropertiesResponse xmlns="` + msgs + `"><GetUMPropertiesResponse><OofStatus>no</OofStatus></GetUMPropertiesResponse></GetUMPropertiesResponse>`),
			kind: KindResponse, op: GetUMProperties, elem: "GetUMPropertiesResponse", want: []string{"error response-child-missing 1:177", "error response-value 1:212"}},
		{name: "two Body children", in: env(`<ResetPINResponse xmlns="` + msgs + `"/><ResetPINResponse xmlns="` + msgs + `"/>`),
			kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse", want: []string{"error body-extra-child 1:171"}},
		{name: "response with https envelope", in: `<soap:Envelope xmlns:soap="https://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ResetPINResponse xmlns="` + msgs + `"/></soap:Body></soap:Envelope>`,
			kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse", want: []string{"error namespace-typo 1:28"}, fixes: []string{NSEnvelope}},
		{name: "response with SOAP 1.2 envelope", in: `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><ResetPINResponse xmlns="` + msgs + `"/></soap:Body></soap:Envelope>`,
			kind: KindResponse, op: ResetPIN, elem: "ResetPINResponse", want: []string{"error envelope-namespace 1:2", "error envelope-namespace 1:70"}},
		{name: "F1", in: f1("InvalidCallIdException", "The call identifier isn't valid.", et), kind: KindFault, elem: "Fault"},
		{name: "F1 with a:-prefixed ExceptionType text (2.2.3.1)", in: f1("InvalidCallIdException", "The call identifier isn't valid.", strings.Replace(et, ">Invalid", ">a:Invalid", 1)), kind: KindFault, elem: "Fault"},
		{name: "F1 GetCallInfo variant: unprefixed ExceptionType", in: f1("InvalidCallIdException", "The call identifier isn't valid.",
			`<ExceptionType xmlns:m="`+msgs+`">InvalidCallIdException</ExceptionType>`), kind: KindFault, elem: "Fault"},
		{name: "F1 without detail", in: f1("InvalidCallIdException", "The call identifier isn't valid.", ""), kind: KindFault, elem: "Fault",
			want: []string{"error fault-detail 1:336"}},
		{name: "F1 mismatched ExceptionType, https errors namespace", in: strings.Replace(f1("DialingRulesException", "Dialing restrictions are preventing the phone number that was entered from being dialed.", et), "http://schemas.microsoft.com/exchange/services/2006/errors", "https://schemas.microsoft.com/exchange/services/2006/errors", 1),
			kind: KindFault, elem: "Fault", want: []string{"error namespace-typo 1:163", "error fault-detail 1:487"}, fixes: []string{NSErrors}},
		{name: "F1 faultstring", in: f1("InvalidObjectIdException", "bad id", strings.Replace(et, "InvalidCallId", "InvalidObjectId", 1)), kind: KindFault, elem: "Fault",
			want: []string{"warning fault-string 1:291"}},
		{name: "F3 of S-4.15", in: `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
    <soap:Fault>
      <faultcode>a:InvalidObjectIdException</faultcode>
      <faultstring>The object identifier isn't valid</faultstring>
      <detail>
        <ExceptionType xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">InvalidObjectIdException</ExceptionType>
      </detail>
    </soap:Fault>
  </soap:Body>
</soap:Envelope>`, kind: KindFault, elem: "Fault",
			want:  []string{"warning fault-code-prefix 5:18", "warning fault-string 6:20"},
			fixes: []string{` xmlns:a="` + NSErrors + `"`, "The object identifier isn't valid."}},
		{name: "F2", in: f2, kind: KindFault, elem: "Fault"},
		{name: "F2 pt-BR", in: strings.ReplaceAll(f2, "http://schemas.microsoft", "https://schemas.microsoft"), kind: KindFault, elem: "Fault",
			want:  []string{"error namespace-typo 4:27", "error namespace-typo 7:34", "error namespace-typo 8:29"},
			fixes: []string{NSTypes, NSErrors, NSErrors}},
		{name: "F2 in the errors namespace, Message wrong", in: strings.NewReplacer("2006/types", "2006/errors", ">The request is invalid.</e:M", ">Bad.</e:M").Replace(f2), kind: KindFault, elem: "Fault",
			want: []string{"error fault-code-namespace 4:87", "error fault-detail 8:89"}},
		{name: "F2 without Message", in: strings.Replace(f2, `<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The request is invalid.</e:Message>`, "", 1), kind: KindFault, elem: "Fault",
			want: []string{"error fault-detail 6:8"}},
		{name: "ASMX soap:Client", in: env(`<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request.</faultstring><detail/></soap:Fault>`), kind: KindFault, elem: "Fault"},
		{name: "fault parts wrong", in: env(`<soap:Fault><soap:faultcode>soap:Client.X</soap:faultcode><faultcode>x:Y</faultcode><reason/></soap:Fault>`), kind: KindFault, elem: "Fault",
			want: []string{"error fault-child-missing 1:83", "error fault-child-namespace 1:95", "error fault-child-repeated 1:141", "error fault-child-unknown 1:167"}},
		{name: "unknown fault code", in: env(`<soap:Fault><faultcode>soap:Oops</faultcode><faultstring>x</faultstring></soap:Fault>`), kind: KindFault, elem: "Fault",
			want: []string{"warning fault-code-unknown 1:105"}},
		{name: "fault code in no namespace", in: env(`<soap:Fault><faultcode>InvalidCallIdException</faultcode><faultstring>The call identifier isn't valid.</faultstring><detail><ExceptionType>InvalidCallIdException</ExceptionType></detail></soap:Fault>`), kind: KindFault, elem: "Fault",
			want: []string{"warning fault-code-unqualified 1:105"}},
		{name: "fragment", in: `<CallState>Connected</CallState>`, kind: KindFragment, elem: "CallState"},
		{name: "fragment, several roots", in: "<CallId>…</CallId>\n<CallState xmlns=\"" + httpsMsg + "\"/>", kind: KindFragment, elem: "CallId",
			want: []string{"error namespace-typo 2:19"}, fixes: []string{msgs}},
		{name: "fragment, several roots, broken second", in: "<a/>\n<b>", kind: KindFragment, elem: "a",
			want: []string{"error xml-syntax 2:4"}},
		{name: "fragment not well-formed", in: "<CallId>x</Callid>", kind: KindFragment, elem: "CallId",
			want: []string{"error xml-syntax 1:12"}},
		{name: "empty fragment", in: "\n", kind: KindFragment, want: []string{"error xml-empty 1:1"}},
		{name: "text, not XML", in: "POST /EWS/UM2007Legacy.asmx HTTP/1.1", kind: KindFragment, want: []string{"error xml-syntax 1:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Inspect(tt.in, msg.EN)
			if d.Kind != tt.kind || d.Element != tt.elem || d.Operation != tt.op {
				t.Errorf("Inspect(%q, msg.EN) = %s %q %q, want %s %q %q", tt.in, d.Kind, d.Element, d.Operation, tt.kind, tt.elem, tt.op)
			}
			if got := diags(d.Diagnostics); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Inspect(%q, msg.EN) diagnostics =\n%q\nwant\n%q\n%+v", tt.in, got, tt.want, d.Diagnostics)
			}
			var fixes []string
			for _, dg := range d.Diagnostics {
				if dg.Message == "" || dg.Code == "" {
					t.Errorf("diagnostic %+v has no code or message", dg)
				}
				if dg.Fix != nil {
					fixes = append(fixes, dg.Fix.Text)
					fixed, err := ApplyFix(tt.in, *dg.Fix)
					if err != nil {
						t.Errorf("fix %+v: %v", dg.Fix, err)
						continue
					}
					for _, again := range Inspect(fixed, msg.EN).Diagnostics {
						if again.Start == dg.Start && again.Code == dg.Code {
							t.Errorf("after fix %q, %s is still at %d:%d", dg.Fix.Text, dg.Code, dg.Start.Line, dg.Start.Col)
						}
					}
				}
			}
			if !reflect.DeepEqual(fixes, tt.fixes) {
				t.Errorf("fixes = %q, want %q", fixes, tt.fixes)
			}
		})
	}
}

func TestNamespaceTypo(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{httpsMsg, msgs, true},
		{"https://schemas.microsoft.com/exchange/services/2006/types", NSTypes, true},
		{"https://schemas.microsoft.com/exchange/services/2006/errors", NSErrors, true},
		{"https://schemas.microsoft.com/exchange/services/2006/message", msgs, true},
		{"http://schemas.microsoft.com/exchange/services/2006/message", msgs, true},
		{"https://schemas.xmlsoap.org/soap/envelope/", NSEnvelope, true},
		{"https://www.w3.org/2001/XMLSchema-instance", NSXSI, true},
		{msgs, "", false},
		{"https://schemas.microsoft.com/exchange/services/2006/messages/", "", false},
		{"https://example.com/", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := NamespaceTypo(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("NamespaceTypo(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(getCallInfoResponse)
	f.Add(f2)
	f.Add("<a/><b/>")
	f.Fuzz(func(t *testing.T, s string) {
		d := Inspect(s, msg.EN)
		for _, dg := range d.Diagnostics {
			if dg.Fix != nil {
				if _, err := ApplyFix(s, *dg.Fix); err != nil {
					t.Fatalf("fix of %s does not apply: %v", dg.Code, err)
				}
			}
		}
	})
}
