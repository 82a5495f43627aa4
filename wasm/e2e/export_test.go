//go:build !js

package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"umplay/wasm/export"
)

const (
	exportCodeJS = `document.getElementById('export-code').textContent`
	exportOpenJS = `document.getElementById('export-dialog').open`
	exportMsgJS  = `document.getElementById('export-msg').textContent`
	exportLangJS = `document.getElementById('export-lang').value`
)

// hostileBody is a request whose text is markup a careless page would run.
const hostileBody = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <!-- <img src=x onerror="alert('img')"><script>alert('script')</script> $HOME ` + "`id`" + ` -->
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>
'@ ação
`

// TestExportDialog: "Copy as…" opens from the keyboard, shows for each
// language exactly export.Snippet of the request as the page shows it (to
// the endpoint field's URL or to this server's local endpoint), as text,
// says what is wrong with a bad endpoint, copies, and closes on Escape,
// giving the focus back.
func TestExportDialog(t *testing.T) {
	p := openPage(t)
	if err := p.SetRequest(hostileBody); err != nil {
		t.Fatal(err)
	}
	const action = `http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect`
	eval[chromedp.Void](t, p, `(function () { var a = document.getElementById('soapaction'); a.value = `+JS(action)+`;
		a.dispatchEvent(new InputEvent('input', {bubbles: true})); })()`)
	req := export.Request{
		Endpoint:          eval[string](t, p, `document.getElementById('endpoint').value`),
		SOAPActionPresent: true, SOAPAction: action, Body: hostileBody,
	}
	snippet := func(lang string, r export.Request) string {
		t.Helper()
		s, err := export.Snippet(lang, r)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Open with the keyboard: focus the button, press Enter.
	eval[chromedp.Void](t, p, `document.getElementById('export').focus()`)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, exportOpenJS+` && document.activeElement.id === 'export-lang'`, activeID)
	if got, want := eval[string](t, p, exportCodeJS), snippet("curl", req); got != want {
		t.Errorf("curl snippet shown:\n%s\nwant\n%s", got, want)
	}
	// Rendered as text: no element inside, nothing ran (checkClean sees
	// any alert), nothing fetched.
	if n := eval[int](t, p, `document.querySelectorAll('#export-code *, #export-dialog img, #export-dialog script').length`); n != 0 {
		t.Errorf("the snippet made %d elements", n)
	}

	// ArrowDown picks the next language.
	press(t, p, "ArrowDown", "ArrowDown", 40, 0)
	wait[bool](t, p, exportLangJS+` === 'powershell'`, exportLangJS)
	wait[bool](t, p, exportCodeJS+` === `+JS(snippet("powershell", req)), exportCodeJS)

	for _, l := range export.Languages {
		eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('export-lang'); s.value = `+JS(l.ID)+`;
			s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
		if got, want := eval[string](t, p, exportCodeJS), snippet(l.ID, req); got != want {
			t.Errorf("%s snippet shown:\n%s\nwant\n%s", l.ID, got, want)
		}
	}

	// Tab to the target, ArrowDown: this server's local endpoint.
	eval[chromedp.Void](t, p, `document.getElementById('export-lang').focus()`)
	press(t, p, "Tab", "Tab", 9, 0)
	wait[bool](t, p, `document.activeElement.id === 'export-target'`, activeID)
	press(t, p, "ArrowDown", "ArrowDown", 40, 0)
	local := req
	local.Endpoint = env.srv.URL + "/EWS/UM2007Legacy.asmx"
	wait[bool](t, p, exportCodeJS+` === `+JS(snippet("http", local)), exportCodeJS)

	// Copy: to the clipboard, or (denied in a headless tab) the code is
	// selected for Ctrl+C; either way the page says which.
	eval[chromedp.Void](t, p, `document.getElementById('export-copy').click()`)
	msg := wait[string](t, p, exportMsgJS)
	if sel := eval[string](t, p, `String(window.getSelection())`); msg != "Copied to the clipboard." && sel != snippet("http", local) {
		t.Errorf("after Copy: message %q, selection %q", msg, sel)
	}

	// Escape closes the dialog and gives the focus back to the button.
	eval[chromedp.Void](t, p, `document.getElementById('export-lang').focus()`)
	press(t, p, "Escape", "Escape", 27, 0)
	wait[bool](t, p, `!`+exportOpenJS+` && document.activeElement.id === 'export'`, exportOpenJS, activeID)

	// A bad endpoint: the message says why, there is no code to copy.
	eval[chromedp.Void](t, p, `(function () { var e = document.getElementById('endpoint'); e.value = 'ftp://mail.contoso.com/x';
		e.dispatchEvent(new InputEvent('input', {bubbles: true}));
		var s = document.getElementById('export-target'); s.value = 'endpoint'; })()`)
	eval[chromedp.Void](t, p, `document.getElementById('export').click()`)
	wait[bool](t, p, exportOpenJS)
	if msg := eval[string](t, p, exportMsgJS); msg != `endpoint "ftp://mail.contoso.com/x": the scheme must be http or https; give an absolute URL such as https://mail.contoso.com/EWS/UM2007Legacy.asmx` {
		t.Errorf("bad endpoint message %q", msg)
	}
	if code, disabled := eval[string](t, p, exportCodeJS), eval[bool](t, p, `document.getElementById('export-copy').disabled`); code != "" || !disabled {
		t.Errorf("bad endpoint: code %q, Copy disabled %v", code, disabled)
	}
	eval[chromedp.Void](t, p, `document.getElementById('export-close').click()`)
	wait[bool](t, p, `!`+exportOpenJS)
}
