package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/export"
	"umplay/wasm/soap"
)

// TestExport: umplay export prints export.Snippet of the file's bytes,
// as read (CRLF and all), with the SOAPAction flags of check and simulate.
func TestExport(t *testing.T) {
	body := "<a>\r\nação $x `y` '@\r\n</a>"
	file := filepath.Join(t.TempDir(), "req.xml")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want export.Request
		lang string
	}{
		{[]string{"--lang", "curl", file}, export.Request{Endpoint: defaultExportEndpoint, SOAPActionPresent: true, SOAPAction: soap.Disconnect.QuotedAction(), Body: body}, "curl"},
		{[]string{file, "--lang=go", "--endpoint", "https://mail.contoso.com/UnifiedMessaging/Service.asmx", "--no-soapaction"},
			export.Request{Endpoint: "https://mail.contoso.com/UnifiedMessaging/Service.asmx", Body: body}, "go"},
		{[]string{"--lang", "powershell", "--soapaction", "", file}, export.Request{Endpoint: defaultExportEndpoint, SOAPActionPresent: true, Body: body}, "powershell"},
	}
	for _, tt := range tests {
		out, errOut, code := umplay(t, "", append([]string{"export"}, tt.args...)...)
		want, err := export.Snippet(tt.lang, tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if code != exitOK || errOut != "" || out != want {
			t.Errorf("export %q = exit %d, stderr %q, stdout\n%s\nwant\n%s", tt.args, code, errOut, out, want)
		}
	}
	// Standard input.
	out, _, code := umplay(t, body, "export", "--lang", "http", "-")
	if code != exitOK || !strings.HasSuffix(out, "\r\n\r\n"+body) || !strings.HasPrefix(out, "POST /EWS/UM2007Legacy.asmx HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n") {
		t.Errorf("export --lang http - = exit %d\n%q", code, out)
	}
}

func TestExportUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"x.xml"}, "umplay: export: --lang is required (one of curl, powershell, csharp, go, python, python-requests, http)"},
		{[]string{"--lang", "ruby", "-"}, `umplay: unknown language "ruby"; want one of curl,`},
		{[]string{"--lang", "go"}, "umplay: export: want exactly one FILE, got 0"},
		{[]string{"--lang", "go", "--endpoint", "ftp://x/", "-"}, `umplay: endpoint "ftp://x/": the scheme must be http or https`},
		{[]string{"--lang", "go", "--soapaction", "a\nb", "-"}, "umplay: the SOAPAction has the control character U+000A at column 2"},
		{[]string{"--lang", "go", "--soapaction", "x", "--no-soapaction", "-"}, "umplay: export: --soapaction and --no-soapaction exclude each other"},
		{[]string{"--lang", "go", "no-such-file.xml"}, "umplay: export: open no-such-file.xml"},
	} {
		out, errOut, code := umplay(t, "<x/>", append([]string{"export"}, tt.args...)...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, tt.want) {
			t.Errorf("export %q = exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
	help, _, _ := umplay(t, "", "help", "export")
	for _, f := range []string{"--lang LANG", "--endpoint URL", "--soapaction VALUE", "--no-soapaction", export.IDs()} {
		if !strings.Contains(help, f) {
			t.Errorf("help export does not mention %q", f)
		}
	}
}
