//go:build js && wasm

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall/js"
	"testing"

	"umplay/wasm/callid"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

// viaJS is v as JSON.stringify writes it, read back by encoding/json.
func viaJS(t *testing.T, v js.Value) any {
	t.Helper()
	var out any
	text := js.Global().Get("JSON").Call("stringify", v).String()
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("JSON.stringify gave %q: %v", text, err)
	}
	return out
}

// viaJSON is v as the CLI prints it (report.JSON), read back.
func viaJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := report.JSON(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameJSON(t *testing.T, what string, got js.Value, want any) {
	t.Helper()
	g, w := viaJS(t, got), viaJSON(t, want)
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", "  ")
		wb, _ := json.MarshalIndent(w, "", "  ")
		t.Errorf("%s: JS value differs from encoding/json:\ngot  %s\nwant %s", what, gb, wb)
	}
}

func readExamples(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "web", "examples", "*.xml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("web/examples: %d files, %v", len(files), err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func TestResultValue(t *testing.T) {
	inputs := readExamples(t)
	inputs["empty"] = ""
	inputs["not xml"] = "hello <"
	inputs["bad utf-8 callid"] = strings.Replace(inputs["disconnect-docs-en.xml"], "<CallId>", "<CallId>\xff\xfe@\xe2\x82 ", 1)
	inputs["quotes and controls"] = strings.Replace(inputs["disconnect-docs-en.xml"], "<CallId>", "<CallId>\"\\\t\x01\x1f&lt;\u2028", 1)
	inputs["many problems"] = strings.Replace(inputs["disconnect-docs-en.xml"], "<CallId>", "<CallId>"+strings.Repeat("-_ ", 700), 1)
	heads := map[string]soap.Head{
		"default":   soap.DefaultHead(),
		"none":      {},
		"unquoted":  {SOAPActionPresent: true, SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"},
		"no type":   {SOAPActionPresent: true, SOAPAction: `"x"`, NoContentType: true},
		"text/html": {SOAPActionPresent: true, SOAPAction: `""`, ContentType: "text/html"},
	}
	for name, in := range inputs {
		for hn, h := range heads {
			r := report.Check("", in, h)
			sameJSON(t, name+"/"+hn, resultValue(r), r)
		}
	}
	r := report.Check("some/file.xml", inputs["empty"], soap.DefaultHead())
	sameJSON(t, "with file", resultValue(r), r)
}

func TestCallIDValue(t *testing.T) {
	good, err := callid.Encode("09df9edc-4e23-4709-bdaf-7be20cb0ae56", "df-eum-01.exchange.corp.microsoft.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "MDlkZjllZGMtNGUy", "\xff\xfe", "a b\tc", strings.Repeat("*", 3000), good} {
		c := callid.Decode(s)
		sameJSON(t, "Decode("+s[:min(len(s), 20)]+")", callIDValue(c), c)
	}
}

func TestResponseValue(t *testing.T) {
	for _, in := range readExamples(t) {
		resp := report.NewResponse(report.Simulate(in, soap.DefaultHead()))
		sameJSON(t, "response", responseValue(resp), resp)
	}
	sameJSON(t, "no headers", responseValue(report.Response{Status: 400}), report.Response{Status: 400})
}

func TestStateValue(t *testing.T) {
	s := DefaultState()
	sameJSON(t, "default", stateValue(s), json.RawMessage(s.JSON()))
	s.Request, s.Example, s.SOAPActionPresent, s.Builder.Prefix = "<x>\xff</x>", "a.xml", false, true
	sameJSON(t, "changed", stateValue(s), json.RawMessage(s.JSON()))
}

func TestParseExamples(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "web", "examples", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []example
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	got, err := parseExamples(string(b))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("parseExamples(index.json) = %+v, %v; want %+v", got, err, want)
	}
	for _, bad := range []string{``, `{`, `{}`, `[1]`, `[[]]`, `[{"file": 1}]`, `[{"soapAction": true}]`} {
		if got, err := parseExamples(bad); err == nil {
			t.Errorf("parseExamples(%q) = %+v, nil; want an error", bad, got)
		}
	}
}
