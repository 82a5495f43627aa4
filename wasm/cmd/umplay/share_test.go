package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/share"
	"umplay/wasm/share/payload"
	"umplay/wasm/state"
)

func TestShare(t *testing.T) {
	dir := t.TempDir()
	real := base64.StdEncoding.EncodeToString([]byte("3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b@exch01.corp.fabrikam-real.net"))
	req := "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
		"<Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><CallId>" + real +
		"</CallId></Disconnect></soap:Body></soap:Envelope>\n"
	file := filepath.Join(dir, "req.xml")
	os.WriteFile(file, []byte(req), 0o644)

	// Redacted by default: the CallId changes, stderr says so.
	out, errOut, code := umplay(t, "", "share", file)
	frag := strings.TrimSpace(out)
	if code != exitOK || !strings.HasPrefix(frag, "s=1.") || !strings.Contains(errOut, "re-encoded with the sample GUID") {
		t.Fatalf("share = exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	s, _, err := share.Decode(frag)
	if err != nil || strings.Contains(s.Request, real) || s.SOAPAction != state.Default().SOAPAction {
		t.Errorf("the link holds %+v, %v; want the request redacted", s, err)
	}
	// --decode prints the request; --json the state.
	got, _, code := umplay(t, "", "share", "--decode", "https://umplay.example/index.html#"+frag)
	if code != exitOK || got != s.Request {
		t.Errorf("share --decode = exit %d, %q, want %q", code, got, s.Request)
	}
	got, _, _ = umplay(t, "", "share", "--decode", "--json", frag)
	if back, err := state.Parse([]byte(got)); err != nil || back != s {
		t.Errorf("share --decode --json = %s (%v)", got, err)
	}

	// --no-redact, --no-soapaction, --url.
	out, _, _ = umplay(t, "", "share", "--no-redact", "--no-soapaction", "--url", "http://127.0.0.1:8080/#old", file)
	if !strings.HasPrefix(out, "http://127.0.0.1:8080/#s=1.") {
		t.Fatalf("share --url = %q", out)
	}
	s, _, _ = share.Decode(strings.TrimSpace(out))
	if s.Request != req || s.SOAPActionPresent {
		t.Errorf("share --no-redact --no-soapaction holds %+v", s)
	}

	// A state file saved by the page.
	st := state.Default()
	st.Request, st.Endpoint = req, "https://exch01.corp.fabrikam-real.net/EWS/UM2007Legacy.asmx"
	p, _ := payload.Make(st, payload.Options{NoRedact: true})
	sf := filepath.Join(dir, "umplay-state.json")
	os.WriteFile(sf, p.File(), 0o644)
	out, errOut, _ = umplay(t, "", "share", sf)
	s, _, _ = share.Decode(strings.TrimSpace(out))
	if s.Endpoint != state.DefaultEndpoint || !strings.Contains(errOut, "endpoint: host replaced by mail.contoso.com") {
		t.Errorf("share STATE.json: endpoint %q, stderr %q", s.Endpoint, errOut)
	}

	// Errors.
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"share", "--decode", "s=9.AAAA"}, exitFound, "version 9"},
		{[]string{"share", "--decode", "#s=1.!!"}, exitFound, "not base64url"},
		{[]string{"share", "--decode"}, exitUsage, "want exactly one FRAGMENT"},
		{[]string{"share", "--decode", "--no-redact", "s=1.AA"}, exitUsage, "--decode takes only --json"},
		{[]string{"share", "--json", file}, exitUsage, "--json goes with --decode"},
		{[]string{"share", filepath.Join(dir, "missing.xml")}, exitUsage, "no such file"},
	} {
		out, errOut, code := umplay(t, "", tt.args...)
		if code != tt.code || out != "" || !strings.Contains(errOut, tt.msg) {
			t.Errorf("umplay %q = exit %d, stdout %q, stderr %q; want %d and %q", tt.args, code, out, errOut, tt.code, tt.msg)
		}
	}
}
