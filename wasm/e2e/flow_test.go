//go:build !js

package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const modeJS = `document.querySelector('#response [data-field="mode"]').textContent`

// TestPreviewAndReply: while editing the pane previews Send; after Send it
// shows the reply with the CallId the calls table has, until the next edit.
func TestPreviewAndReply(t *testing.T) {
	p := openPage(t)
	play := readFile(t, "..", "..", "web", "examples", "op-playonphone.xml")
	eval[chromedp.Void](t, p, `(function () { var a = document.getElementById('soapaction'); a.value = '"http://schemas.microsoft.com/exchange/services/2006/messages/PlayOnPhone"'; })()`)
	if err := p.SetRequest(play); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, modeJS+`.indexOf('Preview') === 0 && `+bodyJS+`.indexOf('PlayOnPhoneResponse') >= 0`, modeJS, bodyJS)
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("send"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, modeJS+`.indexOf('Reply') === 0`, modeJS)
	if n := eval[int](t, p, `document.querySelectorAll('#history .history__item--current').length`); n != 1 {
		t.Errorf("%d highlighted history entries after Send, want 1", n)
	}
	// The reply's CallId is the one the calls table now holds.
	id := wait[string](t, p, `(document.querySelector('#calls tbody tr[data-call-id]') || {dataset: {}}).dataset.callId || ''`)
	if b := eval[string](t, p, bodyJS); id == "" || !strings.Contains(b, id) {
		t.Errorf("reply body does not carry the call's CallId %q:\n%s", id, b)
	}
	// An edit goes back to the preview, which shows the next CallId.
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), " ")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, modeJS+`.indexOf('Preview') === 0`, modeJS)
	if b := eval[string](t, p, bodyJS); strings.Contains(b, id) {
		t.Errorf("the preview after the edit still shows the sent call's CallId %q", id)
	}
	if n := eval[int](t, p, `document.querySelectorAll('#history .history__item--current').length`); n != 0 {
		t.Errorf("%d highlighted history entries after the edit, want 0", n)
	}
}

// TestFixAllAndQuestions: Fix all repairs the pt-BR sample in one step; the
// Examples menu asks before replacing edited text; Reset asks first.
func TestFixAllAndQuestions(t *testing.T) {
	p := openPage(t)
	if err := p.SetRequest(readFile(t, "testdata", "disconnect-docs-pt-br.xml")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!document.getElementById('fix-all').disabled`, diagsJS)
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("fix-all"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	if got, want := eval[string](t, p, requestJS), readFile(t, "testdata", "disconnect-docs-en.xml"); got != want {
		t.Errorf("after Fix all the request is\n%s\nwant the English sample", got)
	}
	// Edit the request: choosing an example asks first.
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), " ")); err != nil {
		t.Fatal(err)
	}
	edited := eval[string](t, p, requestJS)
	wait[bool](t, p, `!document.getElementById('examples').disabled && document.querySelectorAll('#examples option').length > 5`)
	eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('examples'); s.value = 'fault-callid-missing.xml'; s.dispatchEvent(new Event('change')); })()`)
	wait[bool](t, p, `!document.getElementById('confirm').hidden`)
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("confirm-no"))); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, p, requestJS); got != edited {
		t.Errorf("Keep my text replaced the request")
	}
	eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('examples'); s.value = 'fault-callid-missing.xml'; s.dispatchEvent(new Event('change')); })()`)
	wait[bool](t, p, `!document.getElementById('confirm').hidden`)
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("confirm-yes"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, requestJS+`.indexOf('<CallId>') < 0 && !document.getElementById('example-note').hidden`, requestJS)
	// The note belongs to the example: an edit hides it.
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.ID("request"), " ")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `document.getElementById('example-note').hidden`)
	// Reset asks first.
	if err := chromedp.Do(p.Ctx, chromedp.Click(chromedp.ID("reset"))); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!document.getElementById('confirm').hidden && document.getElementById('confirm-text').textContent.indexOf('Reset') === 0`)
}

// readExamples reads web/examples/index.json.
var _ = readExamples

func readExamples(t *testing.T) []example {
	t.Helper()
	var exs []example
	if err := json.Unmarshal([]byte(readFile(t, "..", "..", "web", "examples", "index.json")), &exs); err != nil || len(exs) == 0 {
		t.Fatalf("web/examples/index.json: %v (%d examples)", err, len(exs))
	}
	return exs
}
