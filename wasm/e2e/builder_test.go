//go:build !js

package e2e

import (
	"strconv"
	"strings"
	"testing"

	"umplay/wasm/callid"
	"umplay/wasm/soap"
)

// setInput sets an input's value as a paste would and fires its input event.
func setInput(t *testing.T, p *Page, id, v string) {
	t.Helper()
	eval[bool](t, p, `(function (v) { var e = document.getElementById('`+id+`'); e.focus(); e.value = v;
		e.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); e.blur(); return true; })(`+JS(v)+`)`)
}

// docsCallID is the CallId of the published Disconnect samples.
const docsCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

func value(id string) string { return `document.getElementById('` + id + `').value` }

// TestBuilder: the builder follows the XML, GUID + host re-encode the CallId,
// Build writes the envelope (prefix style too), and "New call id" draws a
// version 4 GUID.
func TestBuilder(t *testing.T) {
	p := openPage(t)
	// XML → form: the sample's CallId, GUID and host.
	wait[bool](t, p, value("b-guid")+` === '`+calidGUID+`' && `+value("b-host")+` === '`+callidHost+`'`, value("b-guid"), value("b-host"))

	const guid = "7d9c2f4e-1b3a-4c5d-8e6f-0a1b2c3d4e5f"
	setInput(t, p, "b-guid", guid)
	want, err := callid.Encode(guid, callidHost)
	if err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, value("b-callid")+` === '`+want+`'`, value("b-callid"))

	click(t, p, "#b-prefix")
	click(t, p, "#b-build")
	built, err := soap.Build(soap.BuildOptions{CallID: want, Prefix: true, Indent: soap.DefaultIndent})
	if err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, requestJS+` === `+JS(built), requestJS)
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	wait[bool](t, p, field("callid", "guid")+` === '`+guid+`'`, field("callid", "guid"))

	click(t, p, "#b-new")
	fresh := wait[string](t, p, `(function () { var v = `+value("b-callid")+`; return v !== '`+want+`' ? v : ''; })()`)
	r := callid.Decode(fresh)
	if !r.OK || r.Version != 4 || r.Variant != "RFC 4122" {
		t.Errorf("New call id = %q decodes to %+v, want an RFC 4122 version 4 GUID", fresh, r)
	}
	if g := eval[string](t, p, value("b-guid")); g != r.GUID {
		t.Errorf("#b-guid = %q after New call id, want %q", g, r.GUID)
	}
}

// TestEditorActions: Format re-indents; clicking a diagnostic puts the caret
// on it; the CallId panel marks the exact bad character.
func TestEditorActions(t *testing.T) {
	p := openPage(t)
	oneLine := `<?xml version="1.0" encoding="utf-8"?>` + "\n" +
		`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>` +
		strings.Replace(docsCallID, "ZTU2", "Z*U2", 1) + `</CallId></Disconnect></soap:Body></soap:Envelope>`
	if err := p.SetRequest(oneLine); err != nil {
		t.Fatal(err)
	}
	sel := `#diagnostics li.diag[data-code="callid-base64-char"]`
	wait[bool](t, p, `!!document.querySelector('`+sel+`')`, diagsJS)

	// The CallId panel shows the bad character marked, at its offset.
	bad := wait[string](t, p, `(document.querySelector('#callid .callid__bad') || {}).textContent || ''`)
	if bad != "*" {
		t.Errorf("#callid marks %q, want the bad character %q", bad, "*")
	}
	off := strings.Index(strings.Replace(docsCallID, "ZTU2", "Z*U2", 1), "*")
	if got := eval[string](t, p, `(document.querySelector('#callid li.callid__problem[data-code="base64-char"]') || {dataset: {}}).dataset.offset || ''`); got != strconv.Itoa(off) {
		t.Errorf("CallId problem offset = %q, want %d", got, off)
	}

	// Clicking the diagnostic moves the caret to its line:column.
	line := eval[int](t, p, `+document.querySelector('`+sel+`').dataset.line`)
	col := eval[int](t, p, `+document.querySelector('`+sel+`').dataset.column`)
	click(t, p, sel+` .diag__go`)
	caret := wait[int](t, p, `document.activeElement === document.getElementById('request') ? document.getElementById('request').selectionStart : -1`)
	lines := strings.Split(oneLine, "\n")
	want := 0
	for i := 0; i < line-1; i++ {
		want += len(lines[i]) + 1
	}
	want += col - 1
	if caret != want || oneLine[caret] != '*' {
		t.Errorf("caret at %d after clicking the diagnostic at %d:%d, want %d (the '*')", caret, line, col, want)
	}

	// Format re-indents the one-line envelope exactly as soap.Format does.
	formatted, err := soap.Format(oneLine, soap.DefaultIndent)
	if err != nil {
		t.Fatal(err)
	}
	click(t, p, "#format")
	wait[bool](t, p, requestJS+` === `+JS(formatted), requestJS)
}
