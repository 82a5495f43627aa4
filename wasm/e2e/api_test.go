//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// example is an entry of web/examples/index.json.
type example struct {
	File       string  `json:"file"`
	SOAPAction *string `json:"soapAction"`
}

// cliCheck runs `umplay check --json` on file and returns its object
// without "file".
func cliCheck(t *testing.T, file string, soapAction *string, useDefault bool) map[string]any {
	t.Helper()
	if env.cliErr != nil {
		t.Fatalf("the CLI did not build: %v", env.cliErr)
	}
	args := []string{"check", "--json"}
	switch {
	case useDefault:
	case soapAction == nil:
		args = append(args, "--no-soapaction")
	default:
		args = append(args, "--soapaction", *soapAction)
	}
	args = append(args, file)
	cmd := exec.Command(env.cli, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("umplay %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	// check --json prints an array of units; an XML file is one unit, whose
	// fields beyond the page's object are file and kind.
	var units []map[string]any
	if err := json.Unmarshal(out, &units); err != nil || len(units) != 1 {
		t.Fatalf("umplay %s: output is not an array of one unit: %v\n%s", strings.Join(args, " "), err, out)
	}
	v := units[0]
	if v["kind"] != "request" {
		t.Errorf("umplay %s: kind = %v, want request", strings.Join(args, " "), v["kind"])
	}
	delete(v, "file")
	delete(v, "kind")
	return v
}

// pageCheck runs window.umplay.check in p. soapAction "undefined" leaves
// the option out (the default action).
func pageCheck(t *testing.T, p *Page, xml, soapActionJS string) map[string]any {
	t.Helper()
	opts := `{soapAction: ` + soapActionJS + `}`
	if soapActionJS == "undefined" {
		opts = `{}`
	}
	raw := eval[[]byte](t, p, `window.umplay.check(`+JS(xml)+`, `+opts+`)`)
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("umplay.check result is not an object: %v\n%s", err, raw)
	}
	delete(v, "file")
	return v
}

func jsonText(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// TestCheckEqualsCLI: window.umplay.check gives the object `umplay check
// --json` prints, for every example of the page and the testdata requests.
func TestCheckEqualsCLI(t *testing.T) {
	p := openPage(t)
	examplesDir := filepath.Join(env.root, "web", "examples")
	var examples []example
	if b, err := os.ReadFile(filepath.Join(examplesDir, "index.json")); err == nil {
		if err := json.Unmarshal(b, &examples); err != nil {
			t.Fatalf("web/examples/index.json: %v", err)
		}
	} else {
		files, _ := filepath.Glob(filepath.Join(examplesDir, "*.xml"))
		for _, f := range files {
			action := `"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`
			examples = append(examples, example{File: filepath.Base(f), SOAPAction: &action})
		}
	}
	if len(examples) < 3 {
		t.Fatalf("found %d examples in web/examples, want the three docs samples at least", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex.File, func(t *testing.T) {
			path := filepath.Join(examplesDir, ex.File)
			xml := readFile(t, path)
			actionJS := "null"
			if ex.SOAPAction != nil {
				actionJS = JS(*ex.SOAPAction)
			}
			compare(t, cliCheck(t, path, ex.SOAPAction, false), pageCheck(t, p, xml, actionJS))
		})
	}
	extra, _ := filepath.Glob(filepath.Join("testdata", "cli", "*.xml"))
	extra = append(extra, filepath.Join("testdata", "disconnect-docs-pt-br.xml"))
	for _, f := range extra {
		t.Run(filepath.Base(f)+"/default-action", func(t *testing.T) {
			abs, _ := filepath.Abs(f)
			compare(t, cliCheck(t, abs, nil, true), pageCheck(t, p, readFile(t, f), "undefined"))
		})
	}
	t.Run("no-soapaction", func(t *testing.T) {
		f, _ := filepath.Abs(filepath.Join("testdata", "disconnect-docs-en.xml"))
		compare(t, cliCheck(t, f, nil, false), pageCheck(t, p, readFile(t, f), "null"))
	})
}

func compare(t *testing.T, cli, page map[string]any) {
	t.Helper()
	if !reflect.DeepEqual(cli, page) {
		t.Errorf("window.umplay.check differs from `umplay check --json`:\npage:\n%s\ncli:\n%s", jsonText(page), jsonText(cli))
	}
	if _, ok := cli["diagnostics"]; !ok {
		t.Errorf("CLI output has no diagnostics field: %s", jsonText(cli))
	}
}

// garbage is hostile input, built in the page (big ones) or in Go.
type garbage struct {
	name string
	js   string // an expression giving the text
	// overLimit: the page must say the request is too big.
	overLimit bool
}

func garbageInputs() []garbage {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 4096 {
		b.WriteRune(rune(r.IntN(256)))
	}
	random := b.String()
	b.Reset()
	for range 2048 {
		b.WriteByte(byte(r.IntN(256)))
	}
	rawBytes := b.String() // not UTF-8: goes through JSON as U+FFFD
	doc := `'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>'`
	return []garbage{
		{name: "random bytes", js: JS(random) + ` + ` + JS(rawBytes)},
		{name: "lone surrogates and NULs", js: `'\uFEFF\u0000<a>' + String.fromCharCode(0xD800) + '</a>' + String.fromCharCode(0xDFFF, 0, 0xFFFE)`},
		{name: "2 MB of <a>", js: `'<a>'.repeat(699051)`},
		{name: "unclosed tags", js: doc + ` + 'abc<x><y>'`},
		{name: "10k-deep nesting", js: `'<a>'.repeat(10000) + '</a>'.repeat(10000)`},
		{name: "100k attributes", js: `'<a ' + Array.from({length: 100000}, function (_, i) { return 'a' + i + '="1"'; }).join(' ') + '/>'`},
		{name: "billion laughs", js: `'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'`},
		{name: "6 MiB paste", overLimit: true,
			js: strings.Replace(doc, `<soap:Envelope`, `<!--' + 'x'.repeat(6 << 20) + '--><soap:Envelope`, 1) + ` + 'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId></Disconnect></soap:Body></soap:Envelope>'`},
	}
}

// TestGarbageNeverKillsThePage pastes hostile input into the editor and
// feeds it to the API: the Go program must survive each, the page must show
// a message, and a normal check must work afterwards.
func TestGarbageNeverKillsThePage(t *testing.T) {
	p := openPage(t)
	doc := readFile(t, "testdata", "disconnect-docs-en.xml")
	for _, g := range garbageInputs() {
		t.Run(g.name, func(t *testing.T) {
			// Through the API first: a result or a thrown Error, never a dead program.
			res := eval[string](t, p, `(function () {
				try {
					var r = window.umplay.check(`+g.js+`);
					return 'result valid=' + r.valid + ' diagnostics=' + r.diagnostics.length + ' status=' + r.response.status;
				} catch (e) {
					return 'threw ' + (e instanceof Error ? 'Error' : typeof e) + ': ' + (e && e.message);
				}
			})()`)
			t.Logf("umplay.check: %s", short(res))
			if strings.Contains(res, "valid=true") {
				t.Errorf("umplay.check(%s) = %s, want invalid", g.name, res)
			}
			if strings.Contains(res, "exited") {
				t.Fatalf("the Go program died: %s", res)
			}

			// Then as a paste into the editor.
			eval[bool](t, p, `(function (v) {
				var ta = document.getElementById('request');
				ta.focus(); ta.value = v; ta.setSelectionRange(0, 0);
				ta.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
				return true;
			})(`+g.js+`)`)
			// Wait for the (debounced) check to land: an error diagnostic
			// and a response with a status line.
			start := time.Now()
			waitFor[bool](t, p, 90*time.Second, `document.querySelectorAll('#diagnostics li.diag[data-severity="error"]').length > 0 &&
				/HTTP\/1\.1 [45]\d\d/.test(`+statusJS+`)`, diagsJS, statusJS, bannerJS)
			t.Logf("checked in %v", time.Since(start).Round(time.Millisecond))
			if s := eval[string](t, p, `document.documentElement.getAttribute('data-umplay')`); s != "ready" {
				t.Errorf("data-umplay = %q after the paste, want ready", s)
			}
			if b := eval[string](t, p, bannerJS); strings.Contains(b, "internal error") {
				t.Errorf("the page caught a panic: %s", b)
			}
			if g.overLimit {
				shown := eval[string](t, p, `document.getElementById('editor-msg').textContent + '\n' + `+diagsJS)
				if !strings.Contains(shown, "5 MiB") && !strings.Contains(shown, "5242880") && !strings.Contains(strings.ToLower(shown), "limit") {
					t.Errorf("over-limit paste: the page shows\n%s\nwant a message about the 5 MiB limit", short(shown))
				}
			}

			// The program still works: the API and the page.
			if valid := eval[bool](t, p, `window.umplay.check(`+JS(doc)+`).valid`); !valid {
				t.Errorf("umplay.check(docs sample).valid = false after %s", g.name)
			}
			if err := p.SetRequest(doc); err != nil {
				t.Fatal(err)
			}
			waitFor[bool](t, p, 90*time.Second, statusJS+`.indexOf('200') >= 0 && `+errorsJS+` === 0`, statusJS, diagsJS, bannerJS)
		})
	}
}

// TestAPIMisuse calls window.umplay with wrong arguments: each call returns
// or throws an Error, and the program keeps working.
func TestAPIMisuse(t *testing.T) {
	p := openPage(t)
	doc := readFile(t, "testdata", "disconnect-docs-en.xml")
	for _, call := range []string{
		`window.umplay.check()`,
		`window.umplay.check(42)`,
		`window.umplay.check(null, 5)`,
		`window.umplay.check('<a/>', {soapAction: 7})`,
		`window.umplay.check({toString: function () { throw new Error('boom'); }})`,
		`window.umplay.decodeCallId()`,
		`window.umplay.decodeCallId({})`,
		`window.umplay.build()`,
		`window.umplay.build('x')`,
		`window.umplay.build({operation: 'Nope', callId: 5})`,
		`window.umplay.send()`,
		`window.umplay.send(undefined, {soapAction: []})`,
	} {
		res := eval[string](t, p, `(function () {
			try { var r = `+call+`; return 'returned ' + typeof r; }
			catch (e) { return (e instanceof Error ? 'Error: ' : 'non-Error ' + typeof e + ': ') + (e && e.message); }
		})()`)
		t.Logf("%s → %s", call, res)
		if strings.HasPrefix(res, "non-Error") || strings.Contains(res, "exited") {
			t.Errorf("%s → %s, want a result or a thrown Error", call, res)
		}
		if valid := eval[bool](t, p, `window.umplay.check(`+JS(doc)+`).valid`); !valid {
			t.Fatalf("after %s umplay.check(docs sample) no longer works", call)
		}
	}
	d := eval[map[string]any](t, p, `window.umplay.decodeCallId('MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=')`)
	if d["guid"] != calidGUID || d["host"] != callidHost || d["ok"] != true {
		t.Errorf("decodeCallId(docs CallId) = %v, want guid %s host %s ok", d, calidGUID, callidHost)
	}
	if b := eval[string](t, p, bannerJS); strings.Contains(b, "internal error") {
		t.Errorf("the page caught a panic: %s", b)
	}
}

// TestSendLifecycle sends PlayOnPhone, GetCallInfo and Disconnect through
// the UI and reads the call table.
func TestSendLifecycle(t *testing.T) {
	p := openPage(t)
	const row = `document.querySelector('#calls tbody tr[data-call-id]')`
	const rowState = `(` + row + ` || {dataset: {}}).dataset.state`
	const history = `document.querySelectorAll('#history > li').length`
	const historyTop = `(document.querySelector('#history > li') || {textContent: ''}).textContent`

	// Choose the PlayOnPhone example from the menu.
	wait[bool](t, p, `!!document.querySelector('#examples option[value="op-playonphone.xml"]') && !document.getElementById('examples').disabled`)
	eval[bool](t, p, `(function () { var s = document.getElementById('examples'); s.value = 'op-playonphone.xml';
		s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	wait[bool](t, p, requestJS+`.indexOf('<PlayOnPhone') >= 0 && `+statusJS+`.indexOf('200') >= 0`, requestJS, statusJS, diagsJS)
	if n := eval[int](t, p, `document.querySelectorAll('#calls tbody tr[data-call-id]').length`); n != 0 {
		t.Fatalf("the preview started %d calls, want none before Send", n)
	}
	click(t, p, "#send")
	state := wait[string](t, p, rowState, `document.getElementById('calls').innerText`)
	if state != "Connecting" && state != "Connected" {
		t.Errorf("call state after PlayOnPhone = %q, want Connecting or Connected", state)
	}
	wait[bool](t, p, history+` === 1 && `+historyTop+`.indexOf('200') >= 0`, historyTop)
	callID := eval[string](t, p, row+`.dataset.callId`)
	// While it rings, the table refreshes itself once a second: the call
	// becomes Connected (the simulator's 2 s ring) with nothing clicked.
	if state == "Connecting" {
		wait[bool](t, p, rowState+` === 'Connected'`, `document.getElementById('calls').innerText`)
	} else {
		t.Logf("the call was Connected when first read: the table's own refresh went unchecked")
	}

	// GetCallInfo for that call, from its row.
	click(t, p, `#calls tbody tr[data-call-id] button[data-op="GetCallInfo"]`)
	wait[bool](t, p, requestJS+`.indexOf('<GetCallInfo') >= 0 && `+requestJS+`.indexOf(`+JS(callID)+`) >= 0`, requestJS)
	click(t, p, "#send")
	wait[bool](t, p, history+` === 2 && `+historyTop+`.indexOf('GetCallInfo') >= 0 && `+historyTop+`.indexOf('200') >= 0`, historyTop)
	wait[bool](t, p, rowState+` === 'Connected'`, `document.getElementById('calls').innerText`)

	// Disconnect it, sending with Ctrl+Enter from the editor.
	click(t, p, `#calls tbody tr[data-call-id] button[data-op="Disconnect"]`)
	wait[bool](t, p, requestJS+`.indexOf('<Disconnect') >= 0 && `+requestJS+`.indexOf(`+JS(callID)+`) >= 0`, requestJS)
	before := eval[string](t, p, requestJS)
	ctrlEnter(t, p)
	wait[bool](t, p, history+` === 3 && `+historyTop+`.indexOf('Disconnect') >= 0`, historyTop)
	wait[bool](t, p, rowState+` === 'Disconnected'`, `document.getElementById('calls').innerText`)
	if after := eval[string](t, p, requestJS); after != before {
		t.Errorf("Ctrl+Enter changed the editor text:\n%q\nwant\n%q", after, before)
	}
	if n := eval[int](t, p, `document.querySelectorAll('#calls tbody tr[data-call-id]').length`); n != 1 {
		t.Errorf("%d calls in the table, want 1", n)
	}
}

func click(t *testing.T, p *Page, sel string) {
	t.Helper()
	if err := clickErr(p, sel); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// TestHarnessSeesProblems makes sure the checks every test ends with can
// fail: a console error, a blocked foreign request and a dialog are seen.
func TestHarnessSeesProblems(t *testing.T) {
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, p, `console.error('harness probe'); (new Image()).src = 'http://127.0.0.2:9/probe.png'; setTimeout(function () { alert('probe'); }, 0); true`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && (len(p.Errors()) < 2 || len(p.Foreign(env.srv.URL)) == 0 || len(p.Dialogs()) == 0) {
		time.Sleep(20 * time.Millisecond)
	}
	errs := fmt.Sprint(p.Errors())
	if !strings.Contains(errs, "harness probe") || !strings.Contains(errs, "Content Security Policy") {
		t.Errorf("errors seen: %s; want the console.error and the CSP violation", errs)
	}
	if f := p.Foreign(env.srv.URL); len(f) != 1 || f[0] != "http://127.0.0.2:9/probe.png" {
		t.Errorf("foreign requests seen: %v, want the probe image", f)
	}
	if d := p.Dialogs(); len(d) != 1 {
		t.Errorf("dialogs seen: %v, want the probe alert", d)
	}
}
