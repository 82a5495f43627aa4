package report_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"umplay/wasm/report"
	"umplay/wasm/report/reportjson"
	"umplay/wasm/soap"
)

const (
	docsID   = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="
	docsGUID = "09df9edc-4e23-4709-bdaf-7be20cb0ae56"
	docsHost = "df-eum-01.exchange.corp.microsoft.com"
)

// envelope wraps op (the Body content) in a SOAP 1.1 envelope.
func envelope(op string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    ` + op + `
  </soap:Body>
</soap:Envelope>
`
}

func disconnect(ns, inner string) string {
	return envelope(`<Disconnect xmlns="` + ns + `">` + inner + `</Disconnect>`)
}

var (
	good      = disconnect(soap.NSMessages, "<CallId>"+docsID+"</CallId>")
	httpsNS   = disconnect("https://schemas.microsoft.com/exchange/services/2006/messages", "<CallId>"+docsID+"</CallId>")
	noCallID  = disconnect(soap.NSMessages, "")
	badCallID = disconnect(soap.NSMessages, "<CallId>not base64!</CallId>")
	playOn    = envelope(`<PlayOnPhone xmlns="` + soap.NSMessages + `"><entryId>AAAAAA==</entryId><DialString>+14255550100</DialString></PlayOnPhone>`)
)

func playHead() soap.Head {
	return soap.Head{SOAPActionPresent: true, SOAPAction: soap.PlayOnPhone.QuotedAction()}
}

// marshal is reportjson.JSON or a failed test.
func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := reportjson.JSON(v)
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	return string(b)
}

// keys returns the keys of the JSON object text, in order.
func keys(t *testing.T, text string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %.80s", text)
	}
	var ks []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		ks = append(ks, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return ks
}

// object returns the raw members of the JSON object text.
func object(t *testing.T, text string) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		t.Fatalf("%v in %.80s", err, text)
	}
	return m
}

func TestCheckDeterministic(t *testing.T) {
	tests := []struct {
		name string
		body string
		head soap.Head
	}{
		{"disconnect", good, soap.DefaultHead()},
		{"fault", httpsNS, soap.DefaultHead()},
		// PlayOnPhone draws a new CallId from the server's random source.
		{"playonphone", playOn, playHead()},
	}
	for _, tt := range tests {
		a := marshal(t, report.Check("x.xml", tt.body, tt.head))
		b := marshal(t, report.Check("x.xml", tt.body, tt.head))
		if a != b {
			t.Errorf("%s: two Checks differ:\n%s\n%s", tt.name, a, b)
		}
	}
	r := report.Check("", playOn, playHead())
	if r.Response.Status != 200 || !strings.Contains(r.Response.Body, "<PlayOnPhoneResponse>") {
		t.Fatalf("PlayOnPhone: status %d, body\n%s\nwant a PlayOnPhoneResponse", r.Response.Status, r.Response.Body)
	}
	if r.Response.Body != report.Simulate(playOn, playHead()).Body {
		t.Errorf("Check and Simulate answer PlayOnPhone differently")
	}
}

func TestCheckShape(t *testing.T) {
	text := marshal(t, report.Check("req.xml", badCallID, soap.Head{SOAPActionPresent: true, SOAPAction: "Disconnect"}))
	if got, want := keys(t, text), []string{"file", "valid", "operation", "diagnostics", "callId", "response"}; !slices.Equal(got, want) {
		t.Errorf("result keys = %v, want %v", got, want)
	}
	m := object(t, text)
	if got, want := keys(t, string(m["response"])), []string{"status", "statusText", "headers", "body", "fault", "explain"}; !slices.Equal(got, want) {
		t.Errorf("response keys = %v, want %v", got, want)
	}
	if got, want := keys(t, string(m["callId"])), []string{"raw", "decoded", "guid", "version", "variant", "host", "ok", "problems"}; !slices.Equal(got, want) {
		t.Errorf("callId keys = %v, want %v", got, want)
	}
	var diags []json.RawMessage
	if err := json.Unmarshal(m["diagnostics"], &diags); err != nil || len(diags) == 0 {
		t.Fatalf("diagnostics = %s, want some", m["diagnostics"])
	}
	all := []string{"severity", "code", "message", "line", "column", "endLine", "endColumn", "fix", "specRef", "field", "rule"}
	fixKeys := []string{"line", "column", "endLine", "endColumn", "text", "title", "field"}
	var sawField, sawFix bool
	for _, d := range diags {
		ks := keys(t, string(d))
		if !slices.Equal(ks[:7], all[:7]) {
			t.Errorf("diagnostic keys = %v, want them to start %v", ks, all[:7])
		}
		// The optional keys, when present, come in contract order.
		j := 0
		for _, k := range ks {
			for j < len(all) && all[j] != k {
				j++
			}
			if j == len(all) {
				t.Errorf("diagnostic keys = %v: %q unknown or out of order", ks, k)
			}
		}
		dm := object(t, string(d))
		if f, ok := dm["field"]; ok {
			sawField = true
			if string(f) != `"soapaction"` {
				t.Errorf("field = %s, want \"soapaction\"", f)
			}
		}
		if f, ok := dm["fix"]; ok {
			sawFix = true
			fk := keys(t, string(f))
			if !slices.Equal(fk, fixKeys[:6]) && !slices.Equal(fk, fixKeys) {
				t.Errorf("fix keys = %v, want %v", fk, fixKeys)
			}
		}
	}
	if !sawField || !sawFix {
		t.Errorf("want a diagnostic about the unquoted, unknown SOAPAction and one with a fix, got\n%s", m["diagnostics"])
	}
}

func TestCheckEmptyParts(t *testing.T) {
	text := marshal(t, report.Check("", good, soap.DefaultHead()))
	m := object(t, text)
	if _, ok := m["file"]; ok {
		t.Errorf(`"file" present for file "": %s`, m["file"])
	}
	if got := string(m["diagnostics"]); got != "[]" {
		t.Errorf("diagnostics of a clean request = %s, want []", got)
	}
	if got := string(m["valid"]); got != "true" {
		t.Errorf("valid = %s, want true", got)
	}
	if got := string(m["operation"]); got != `"Disconnect"` {
		t.Errorf("operation = %s, want \"Disconnect\"", got)
	}
	if got := string(object(t, string(m["response"]))["fault"]); got != "null" {
		t.Errorf("fault of a success = %s, want null", got)
	}

	// Not XML at all, no SOAPAction: nothing to dispatch to.
	m = object(t, marshal(t, report.Check("f", "hello", soap.Head{})))
	if got := string(m["operation"]); got != "null" {
		t.Errorf("operation with neither action nor body element = %s, want null", got)
	}
	if got := string(m["file"]); got != `"f"` {
		t.Errorf("file = %s, want \"f\"", got)
	}
	if got := string(m["valid"]); got != "false" {
		t.Errorf("valid = %s, want false", got)
	}
}

func TestCheckCallID(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		head   soap.Head
		want   bool // callId filled
		wantOK bool
		status int
	}{
		{"good", good, soap.DefaultHead(), true, true, 200},
		{"https namespace", httpsNS, soap.DefaultHead(), true, true, 500},
		{"no soapaction", good, soap.Head{}, true, true, 500},
		{"unqualified CallId", disconnect(soap.NSMessages, `<CallId xmlns="">`+docsID+`</CallId>`), soap.DefaultHead(), true, true, 500},
		{"bad CallId", badCallID, soap.DefaultHead(), true, false, 500},
		{"no CallId", noCallID, soap.DefaultHead(), false, false, 500},
		{"not well-formed", "<soap:Envelope>", soap.DefaultHead(), false, false, 400},
		{"playonphone", playOn, playHead(), false, false, 200},
		// Issue 6: filled whenever an element named CallId exists.
		{"GetCallInfo in the https namespace, default SOAPAction",
			strings.ReplaceAll(strings.ReplaceAll(httpsNS, "<Disconnect", "<GetCallInfo"), "</Disconnect", "</GetCallInfo"), soap.DefaultHead(), true, true, 500},
		{"CallId in an unexpected element", strings.ReplaceAll(strings.ReplaceAll(good, "<Disconnect", "<Hangup"), "</Disconnect", "</Hangup"), soap.DefaultHead(), true, true, 500},
		{"CallId cut by a reader's error", strings.Replace(good, "</CallId>", "</Callid>", 1), soap.DefaultHead(), true, true, 400},
		{"no SOAPAction and broken XML", strings.Replace(good, "</CallId>", "</Callid>", 1), soap.Head{}, true, true, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := report.Check("", tt.body, tt.head)
			if r.Response.Status != tt.status {
				t.Errorf("status = %d, want %d", r.Response.Status, tt.status)
			}
			raw := string(object(t, marshal(t, r))["callId"])
			if !tt.want {
				if raw != "null" {
					t.Errorf("callId = %s, want null", raw)
				}
				return
			}
			if r.CallID == nil {
				t.Fatalf("callId = null, want it decoded")
			}
			if r.CallID.OK != tt.wantOK {
				t.Errorf("callId.ok = %v, want %v (%+v)", r.CallID.OK, tt.wantOK, r.CallID)
			}
			if tt.wantOK && (r.CallID.GUID != docsGUID || r.CallID.Host != docsHost) {
				t.Errorf("callId = %+v, want %s@%s", r.CallID, docsGUID, docsHost)
			}
		})
	}
}

func TestCheckMatchesSoap(t *testing.T) {
	// The diagnostics are soap.Check's, position for position.
	rep := soap.Check(httpsNS, soap.DefaultHead())
	r := report.Check("", httpsNS, soap.DefaultHead())
	if len(r.Diagnostics) != len(rep.Diagnostics) || r.Valid == rep.HasErrors() {
		t.Fatalf("Check gave %d diagnostics, valid %v; soap.Check %d, errors %v", len(r.Diagnostics), r.Valid, len(rep.Diagnostics), rep.HasErrors())
	}
	for i, d := range rep.Diagnostics {
		j := r.Diagnostics[i]
		if j.Code != d.Code || j.Line != d.Start.Line || j.Column != d.Start.Col ||
			j.EndLine != d.End.Line || j.EndColumn != d.End.Col || j.Severity != d.Severity || j.Rule != d.Rule {
			t.Errorf("diagnostic %d = %+v, want %+v", i, j, d)
		}
		if (j.Fix == nil) != (d.Fix == nil) || d.Fix != nil && (j.Fix.Text != d.Fix.Text || j.Fix.Line != d.Fix.Start.Line || j.Fix.EndColumn != d.Fix.End.Col) {
			t.Errorf("diagnostic %d fix = %+v, want %+v", i, j.Fix, d.Fix)
		}
	}
	if rep.Diagnostics[0].Start.Line != 4 {
		t.Errorf("first diagnostic on line %d, want 4 (the Disconnect element)", rep.Diagnostics[0].Start.Line)
	}
}

func TestJSON(t *testing.T) {
	got, err := reportjson.JSON(map[string]any{"b": "<a & b>", "a": []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"a\": [\n    1\n  ],\n  \"b\": \"<a & b>\"\n}\n"
	if string(got) != want {
		t.Errorf("JSON = %q, want %q", got, want)
	}
	if _, err := reportjson.JSON(func() {}); err == nil {
		t.Errorf("JSON(func) succeeded, want an error")
	}
	// The response body keeps its markup unescaped.
	text := marshal(t, report.Check("", good, soap.DefaultHead()))
	if strings.Contains(text, `\u003c`) || !bytes.Contains([]byte(text), []byte(`<DisconnectResponse`)) {
		t.Errorf("JSON escaped HTML or lost the body:\n%s", text)
	}
}
