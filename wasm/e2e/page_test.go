//go:build !js

package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Expressions for what the page shows.
const (
	statusJS   = `document.querySelector('#response [data-field="status"]').textContent`
	bodyJS     = `document.querySelector('#response [data-field="body"]').textContent`
	headersJS  = `document.querySelector('#response [data-field="headers"]').textContent`
	explainJS  = `document.querySelector('#response [data-field="explain"]').textContent`
	diagsJS    = `Array.from(document.querySelectorAll('#diagnostics li.diag')).map(function (li) { return li.dataset.severity + ' ' + li.dataset.code + ' ' + li.dataset.line + ':' + li.dataset.column + ' ' + li.textContent; }).join('\n')`
	errorsJS   = `document.querySelectorAll('#diagnostics li.diag[data-severity="error"]').length`
	requestJS  = `document.getElementById('request').value`
	bannerJS   = `(document.getElementById('error').hidden ? '' : document.getElementById('error-text').textContent)`
	calidGUID  = `09df9edc-4e23-4709-bdaf-7be20cb0ae56`
	callidHost = `df-eum-01.exchange.corp.microsoft.com`
	// base64 of <img src=x onerror=alert(1)>@h.example
	markupCallID  = `PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPkBoLmV4YW1wbGU=`
	markupDecoded = `<img src=x onerror=alert(1)>@h.example`
)

func field(panel, name string) string {
	return `document.querySelector('#` + panel + ` [data-field="` + name + `"]').textContent`
}

func TestPageLoads(t *testing.T) {
	p := openPage(t)

	at := wait[float64](t, p, `window.__umplayReadyAt`)
	if at <= 0 {
		t.Errorf("umplay-ready fired at %v ms, want > 0", at)
	}
	api := eval[string](t, p, `['check', 'decodeCallId', 'build', 'send'].map(function (n) {
		return n + ':' + (window.umplay && typeof window.umplay[n]); }).join(' ')`)
	if api != "check:function decodeCallId:function build:function send:function" {
		t.Errorf("window.umplay = %s, want check, decodeCallId, build and send functions", api)
	}
	if disabled := eval[bool](t, p, `document.getElementById('send').disabled || document.getElementById('request').disabled`); disabled {
		t.Errorf("#send or #request still disabled when the page is ready")
	}
	// The sample in index.html is checked as soon as Go runs: it is the
	// English docs sample, which the server accepts.
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)

	// Every file came from the test server; main.wasm as brotli with its
	// type, once: early.js's fetch is the one boot.js instantiates.
	var wasmFetches int
	for _, r := range p.Requests() {
		if strings.HasSuffix(r, "/main.wasm") {
			wasmFetches++
		}
	}
	sawWasm := wasmFetches > 0
	if wasmFetches > 1 {
		t.Errorf("main.wasm fetched %d times, want once (early.js's response taken by boot.js)", wasmFetches)
	}
	if started := eval[bool](t, p, `!!window.umplayEarly`); !started {
		t.Errorf("early.js did not start main.wasm's compilation (no window.umplayEarly)")
	}
	for _, want := range []string{"/", "/style.css", "/early.js", "/wasm_exec.js", "/boot.js", "/main.wasm"} {
		found := false
		for _, r := range p.Requests() {
			if r == env.srv.URL+want {
				found = true
			}
		}
		if !found {
			t.Errorf("no request for %s; requests: %v", want, p.Requests())
		}
	}
	if resp, ok := p.Response(env.srv.URL + "/main.wasm"); !sawWasm || !ok {
		t.Errorf("no response for main.wasm")
	} else {
		if resp.MimeType != "application/wasm" {
			t.Errorf("main.wasm MIME type %q, want application/wasm", resp.MimeType)
		}
		if enc := header(resp.Headers, "Content-Encoding"); enc != "br" {
			t.Errorf("main.wasm Content-Encoding %q, want br (Chromium accepts it)", enc)
		}
	}
	if resp, ok := p.Response(env.srv.URL + "/"); ok {
		if csp := header(resp.Headers, "Content-Security-Policy"); !strings.Contains(csp, "'wasm-unsafe-eval'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("page CSP %q, want the strict one with only 'wasm-unsafe-eval'", csp)
		}
	}
}

func header(h map[string]any, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

// TestDocSamplePtBR is the headline: the pt-BR docs sample has the https://
// messages namespace; the page says so at line 4 with a quick fix, the CallId
// panel decodes the docs' CallId, and one click on the fix gives 200.
func TestDocSamplePtBR(t *testing.T) {
	p := openPage(t)
	sample := readFile(t, "testdata", "disconnect-docs-pt-br.xml")
	if err := p.SetRequest(sample); err != nil {
		t.Fatal(err)
	}

	sel := `#diagnostics li.diag[data-severity="error"][data-line="4"]`
	wait[bool](t, p, `!!document.querySelector('`+sel+` button.diag__fix')`, diagsJS)
	// Contract v2: ASMX skips the https:// element, the method gets no
	// CallId, and the answer is F2 ErrorInvalidRequest.
	if s := eval[string](t, p, statusJS); !strings.Contains(s, "500") {
		t.Errorf("response status before the fix = %q, want a 500 fault", s)
	}
	wait[bool](t, p, `document.querySelector('#response [data-field="fault"]').textContent.indexOf('ErrorInvalidRequest') >= 0`,
		`document.querySelector('#response [data-field="fault"]').textContent`)
	if e := eval[string](t, p, explainJS); !strings.Contains(e, "skipped it") || !strings.Contains(e, "received no CallId") {
		t.Errorf("explanation = %q, want the chain: skipped, no CallId, ErrorInvalidRequest", e)
	}
	if col := eval[string](t, p, `document.querySelector('`+sel+`').dataset.column`); col != "6" {
		t.Errorf("the error is at 4:%s, want 4:6", col)
	}
	wait[bool](t, p, field("callid", "guid")+` === '`+calidGUID+`'`, field("callid", "guid"))
	wait[bool](t, p, field("callid", "host")+` === '`+callidHost+`'`, field("callid", "host"))
	if d := eval[string](t, p, field("callid", "decoded")); d != calidGUID+"@"+callidHost {
		t.Errorf("#callid decoded = %q, want %q", d, calidGUID+"@"+callidHost)
	}

	// Click the fix like a person.
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.CSS(sel+` button.diag__fix`))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	wait[bool](t, p, bodyJS+`.indexOf('DisconnectResponse') >= 0`, bodyJS)
	if n := eval[int](t, p, errorsJS); n != 0 {
		t.Errorf("%d error diagnostics after the fix:\n%s", n, eval[string](t, p, diagsJS))
	}
	text := eval[string](t, p, requestJS)
	if !strings.Contains(text, `xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"`) ||
		strings.Contains(text, "https://schemas.microsoft.com") {
		t.Errorf("editor after the fix:\n%s\nwant the http:// messages namespace", text)
	}
	if want := strings.Replace(sample, "https://schemas.microsoft.com", "http://schemas.microsoft.com", 1); text != want {
		t.Errorf("the fix changed more than the namespace:\n%s\nwant\n%s", text, want)
	}
	if valid := eval[bool](t, p, `window.umplay.check(`+requestJS+`).valid`); !valid {
		t.Errorf("umplay.check(fixed text).valid = false")
	}
}

// TestTypingLikeAPerson edits the request with real key events.
func TestTypingLikeAPerson(t *testing.T) {
	p := openPage(t)
	sample := readFile(t, "testdata", "disconnect-docs-en.xml")
	if err := p.SetRequest(sample); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	imgs := eval[int](t, p, `document.images.length`)

	// Break the start tag's name: <DisconnectX> no longer matches its end tag.
	caret(t, p, strings.Index(sample, "<Disconnect")+len("<Disconnect"))
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), "X")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, requestJS+`.indexOf('<DisconnectX ') >= 0`, requestJS)
	line := wait[string](t, p, `(document.querySelector('#diagnostics li.diag[data-severity="error"]') || {dataset: {}}).dataset.line`, diagsJS)
	if line != "4" && line != "6" {
		t.Errorf("mismatched tag reported at line %s, want 4 (<DisconnectX>) or 6 (</Disconnect>):\n%s", line, eval[string](t, p, diagsJS))
	}
	// Contract v2: ASMX's reader fails, the server answers 400 with no
	// body, and the page says so.
	wait[bool](t, p, statusJS+`.indexOf('400 Bad Request') >= 0`, statusJS)
	if b := eval[string](t, p, bodyJS); !strings.Contains(b, "No body") {
		t.Errorf("response body pane = %q, want it to say there is no body", b)
	}
	if h := eval[string](t, p, headersJS); !strings.Contains(h, "Content-Length: 0") {
		t.Errorf("response headers = %q, want Content-Length: 0", h)
	}
	if e := eval[string](t, p, explainJS); !strings.Contains(e, "400") || !strings.Contains(e, "line") {
		t.Errorf("explanation = %q, want it to say 400 and where the reader failed", e)
	}
	if hidden := eval[bool](t, p, `document.querySelector('#response [data-field="fault"]').hidden`); !hidden {
		t.Errorf("the fault list is shown for a bodiless 400")
	}

	// Backspace repairs it.
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), kb.Backspace)); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS, requestJS)
	if got := eval[string](t, p, requestJS); got != sample {
		t.Errorf("after X and Backspace the editor holds\n%s\nwant\n%s", got, sample)
	}

	// Select the CallId and type one that decodes to markup: it must stay text.
	start := strings.Index(sample, "<CallId>") + len("<CallId>")
	end := strings.Index(sample, "</CallId>")
	selectRange(t, p, start, end)
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), markupCallID)); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, field("callid", "decoded")+` === `+JS(markupDecoded), field("callid", "decoded"), requestJS)
	if n := eval[int](t, p, `document.querySelector('#callid [data-field="decoded"]').children.length`); n != 0 {
		t.Errorf("#callid decoded has %d child elements, want plain text", n)
	}
	if n := eval[int](t, p, `document.images.length`); n != imgs {
		t.Errorf("document.images.length = %d after a CallId decoding to <img …>, was %d", n, imgs)
	}
	if n := eval[int](t, p, `document.querySelectorAll('img[src="x"], [onerror]').length`); n != 0 {
		t.Errorf("%d elements made from the CallId's markup", n)
	}
	visible := eval[bool](t, p, `document.getElementById('callid').innerText.indexOf(`+JS(markupDecoded)+`) >= 0`)
	if !visible {
		t.Errorf("the decoded markup is not visible as text in #callid: %q", eval[string](t, p, `document.getElementById('callid').innerText`))
	}
}

// caret puts the editor's caret at byte offset off of its (ASCII) text.
func caret(t *testing.T, p *Page, off int) {
	t.Helper()
	selectRange(t, p, off, off)
}

func selectRange(t *testing.T, p *Page, start, end int) {
	t.Helper()
	eval[chromedp.Void](t, p, `(function () { var ta = document.getElementById('request'); ta.focus(); ta.setSelectionRange(`+
		strconv.Itoa(start)+`, `+strconv.Itoa(end)+`); })()`)
}

// TestContentTypeHead: a Content-Type other than text/xml gets ASMX's
// bodiless 415, shown as such.
func TestContentTypeHead(t *testing.T) {
	p := openPage(t)
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	eval[chromedp.Void](t, p, `(function () { var c = document.getElementById('content-type'); c.focus(); c.select(); })()`)
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("content-type"), "application/json")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('415 Unsupported Media Type') >= 0`, statusJS)
	if b := eval[string](t, p, bodyJS); !strings.Contains(b, "No body") {
		t.Errorf("response body pane = %q, want it to say there is no body", b)
	}
	if e := eval[string](t, p, explainJS); !strings.Contains(e, "application/json") || !strings.Contains(e, "415") {
		t.Errorf("explanation = %q, want it to name the media type and 415", e)
	}
}

// TestSOAPActionHead unticks the SOAPAction header and ticks it again.
func TestSOAPActionHead(t *testing.T) {
	p := openPage(t)
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("soapaction-present"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('500') >= 0`, statusJS)
	wait[bool](t, p, bodyJS+`.indexOf('without a valid action parameter') >= 0`, bodyJS)
	if n := eval[int](t, p, `document.querySelectorAll('#diagnostics li.diag[data-severity="error"][data-field="soapaction"]').length`); n == 0 {
		t.Errorf("no error diagnostic about the SOAPAction header:\n%s", eval[string](t, p, diagsJS))
	}
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("soapaction-present"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
}

// clickErr clicks the first element matching the CSS selector, as a mouse does.
func clickErr(p *Page, sel string) error {
	return chromedp.Do(p.Ctx, chromedp.Click(chromedp.CSS(sel)))
}

// ctrlEnter presses Ctrl+Enter in the editor the way a keyboard does: a
// keydown the page can cancel, then a keyup.
func ctrlEnter(t *testing.T, p *Page) {
	t.Helper()
	eval[chromedp.Void](t, p, `document.getElementById('request').focus()`)
	press := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: "Enter", Code: "Enter", Modifiers: int64(kb.ModifierCtrl),
				WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(p.Ctx, press); err != nil {
		t.Fatalf("Ctrl+Enter: %v", err)
	}
}

// TestNarrowLayout: from 360 px wide up, nothing widens the page past the
// screen (wide content scrolls inside its own box).
func TestNarrowLayout(t *testing.T) {
	p := openPage(t)
	for _, width := range []int64{360, 768, 1400} {
		if err := chromedp.Do(p.Ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		got := wait[string](t, p, `(function () {
			var d = document.documentElement;
			return d.clientWidth === `+strconv.FormatInt(width, 10)+` ? d.scrollWidth + ' ' + d.clientWidth : '';
		})()`)
		var sw, cw int
		if _, err := fmt.Sscan(got, &sw, &cw); err != nil {
			t.Fatalf("%d px: %q: %v", width, got, err)
		}
		if sw > cw {
			wide := eval[string](t, p, `Array.from(document.querySelectorAll('body *')).filter(function (e) {
				return e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.editor, .table-wrap, pre');
			}).slice(0, 5).map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; }).join(', ')`)
			t.Errorf("at %d px the page is %d px wide; too wide: %s", width, sw, wide)
		}
	}
}
