//go:build !js

package e2e

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The embed tests put the host page on a DIFFERENT origin than the
// playground: env.srv serves web/ (embed.html, embed.js, the module), and a
// second server on another port serves the host page, which loads embed.js
// from the first. A third origin plays a foreign frame.

// hostPage is a documentation page on its own origin. It records every
// message it gets in window.msgs; ?spacer=N puts N pixels above the slot.
const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<script src="%s/embed.js"></script></head><body>
<script>
window.msgs = [];
function msgsOf(t) {
  return window.msgs.filter(function (m) { return m.origin === '%s' && m.data && m.data.type === t; }).map(function (m) { return m.data; });
}
addEventListener('message', function (e) { window.msgs.push({origin: e.origin, data: e.data}); });
var sp = +new URLSearchParams(location.search).get('spacer') || 0;
document.write('<div id="spacer" style="height:' + sp + 'px">docs text</div>');
</script>
<div id="slot"></div><div id="slot2"></div><div id="foreign"></div>
</body></html>`

// foreignPage posts to the embed (its sibling frame) from a third origin.
const foreignPage = `<!doctype html><meta charset="utf-8"><script>
var embed = parent.frames[0];
embed.postMessage({umplay: 1, type: 'hello'}, '*');
embed.postMessage({umplay: 1, type: 'setState', state: {request: 'FOREIGN'}, id: 'f1'}, '*');
embed.postMessage({umplay: 1, type: 'setTheme', theme: 'light'}, '*');
document.title = 'posted';
</script>`

type hosts struct {
	host, foreign *httptest.Server
}

func startHosts(t *testing.T) hosts {
	t.Helper()
	page := fmt.Sprintf(hostPage, env.srv.URL, env.srv.URL)
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	f := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(foreignPage))
	}))
	t.Cleanup(func() { h.Close(); f.Close() })
	return hosts{h, f}
}

// openHost opens the host page (no readiness to wait for: it is not umplay).
func openHost(t *testing.T, u string) *Page {
	t.Helper()
	statOnce.Do(func() { statInputs(env.root) })
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, m := range p.Errors() {
			t.Errorf("console: %s", m)
		}
		if t.Failed() {
			for _, m := range p.Messages() {
				t.Logf("page log: %s", m)
			}
		}
		p.Close()
	})
	if err := chromedp.Do(p.Ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	return p
}

// frameEval evaluates expr in the embed's frame (the frame whose URL
// starts with env.srv.URL), in an isolated world: same DOM, none of the
// page's scripts.
func frameEval[T any](t *testing.T, p *Page, expr string) T {
	t.Helper()
	v, err := frameTry[T](p, expr)
	if err != nil {
		t.Fatalf("frame eval %s: %v", short(expr), err)
	}
	return v
}

// frameTry is frameEval returning its error.
func frameTry[T any](p *Page, expr string) (T, error) {
	var v T
	err := func() error {
		tree, err := Call(p, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		var id cdp.FrameID
		var walk func(ft *page.FrameTree)
		walk = func(ft *page.FrameTree) {
			if id == "" && strings.HasPrefix(ft.Frame.URL, env.srv.URL+"/embed.html") {
				id = ft.Frame.ID
			}
			for _, c := range ft.ChildFrames {
				walk(c)
			}
		}
		walk(tree.FrameTree)
		if id == "" {
			return fmt.Errorf("no embed frame")
		}
		world, err := Call(p, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: id, WorldName: "e2e"})
		if err != nil {
			return err
		}
		byValue := true
		res, err := Call(p, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ContextID: world.ExecutionContextID, ReturnByValue: &byValue})
		if err != nil {
			return err
		}
		if res.ExceptionDetails != nil {
			return fmt.Errorf("exception: %s", res.ExceptionDetails.Text)
		}
		return json.Unmarshal(res.Result.Value, &v)
	}()
	return v, err
}

// msgsOf returns the messages of a type the host got from the embed's origin.
func msgsOf(t *testing.T, p *Page, typ string) []map[string]any {
	t.Helper()
	var all []struct {
		Origin string         `json:"origin"`
		Data   map[string]any `json:"data"`
	}
	raw := eval[string](t, p, `JSON.stringify(window.msgs)`)
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, m := range all {
		if m.Data["type"] == typ && m.Origin == env.srv.URL {
			out = append(out, m.Data)
		}
	}
	return out
}

// TestEmbedProtocol: handshake, setState → report, getState round trip,
// resize, theme, errors for bad messages, and a foreign frame ignored.
func TestEmbedProtocol(t *testing.T) {
	hs := startHosts(t)
	p := openHost(t, hs.host.URL+"/")
	mistake := readFile(t, env.root, "web", "examples", "disconnect-docs-pt-br.xml")
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")

	if ok := eval[bool](t, p, `umplay.embed(document.getElementById('slot'), {state: {request: `+JS(mistake)+`}, theme: 'dark'})
		.then(function (h) { window.h = h; h.on('report', function (r) { (window.reports = window.reports || []).push(r); }); return true; })`); !ok {
		t.Fatal("embed() did not resolve")
	}
	// The handshake: one ready to '*' with nothing but its type, then the
	// state and a report for the fragment's request (the https:// typo).
	ready := msgsOf(t, p, "ready")
	if len(ready) != 1 || len(ready[0]) != 2 || ready[0]["umplay"] != 1.0 {
		t.Errorf("ready messages = %v, want one {umplay:1, type:ready}", ready)
	}
	reps := msgsOf(t, p, "report")
	if len(reps) == 0 {
		t.Fatal("no report after the handshake")
	}
	first := reps[0]
	if first["status"] != 500.0 || first["faultCode"] != "ErrorInvalidRequest" || first["diagnostics"].(map[string]any)["error"].(float64) < 1 {
		t.Errorf("first report = %v, want 500 ErrorInvalidRequest with an error", first)
	}

	// setState → the state back (by id) and a report of the fixed request.
	st := eval[map[string]any](t, p, `h.setState({request: `+JS(fixed)+`, builder: {dialString: '+15551234567'}})`)
	if st["request"] != fixed || st["builder"].(map[string]any)["dialString"] != "+15551234567" {
		t.Errorf("setState answered %v", st)
	}
	wait[bool](t, p, `window.reports && window.reports.some(function (r) { return r.status === 200 && r.faultCode === null && r.diagnostics.error === 0; })`, `JSON.stringify(window.reports)`)
	rep := eval[map[string]any](t, p, `h.check()`)
	if rep["status"] != 200.0 || rep["faultCode"] != nil {
		t.Errorf("check() = %v, want 200 and no fault", rep)
	}
	// getState round trip: what setState gave, every field.
	got := eval[map[string]any](t, p, `h.getState()`)
	if got["request"] != fixed || got["soapActionPresent"] != true || got["builder"].(map[string]any)["dialString"] != "+15551234567" ||
		got["builder"].(map[string]any)["operation"] != "Disconnect" {
		t.Errorf("getState() = %v", got)
	}
	if back := eval[map[string]any](t, p, `h.setState(`+mustJSON(t, got)+`).then(function () { return h.getState(); })`); !jsonEqual(back, got) {
		t.Errorf("setState(getState()) then getState() = %v, want %v", back, got)
	}

	// resize: the iframe follows the content; a longer request grows it.
	h1 := wait[float64](t, p, `(function () { var r = msgsOf('resize'); return r.length && parseFloat(h.iframe.style.height) === r[r.length - 1].height && r[r.length - 1].height; })()`,
		`JSON.stringify(window.msgs.filter(function (m) { return m.data.type === 'resize'; }))`)
	long := strings.Replace(fixed, "</soap:Envelope>", strings.Repeat("<!-- line -->\n", 12)+"</soap:Envelope>", 1)
	eval[map[string]any](t, p, `h.setState({request: `+JS(long)+`})`)
	h2 := wait[float64](t, p, `(function () { var r = msgsOf('resize'); var x = r[r.length - 1].height; return x > `+fmt.Sprint(h1)+` && parseFloat(h.iframe.style.height) === x && x; })()`)
	if h2-h1 < 12*18 {
		t.Errorf("12 more lines grew the embed by %v px (%v → %v), want about 12 × 20", h2-h1, h1, h2)
	}

	// theme: dark from the option, light by setTheme.
	if bg := frameEval[string](t, p, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(13, 17, 23)" {
		t.Errorf("theme=dark: body background %s, want rgb(13, 17, 23)", bg)
	}
	eval[bool](t, p, `h.setTheme('light').then(function () { return true; })`)
	waitFrame(t, p, `getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)'`)

	// Bad messages get an error reply (with their id), never an effect.
	eval[bool](t, p, `(function () {
		var w = h.iframe.contentWindow, o = `+JS(env.srv.URL)+`;
		w.postMessage({umplay: 1, type: 'eval', id: 'x1', code: 'alert(1)'}, o);
		w.postMessage({umplay: 1, type: 'setState', state: {request: 42}, id: 'x2'}, o);
		w.postMessage({umplay: 1, type: 'setState', state: {request: 'a'.repeat(7 << 20)}}, o);
		w.postMessage({umplay: 2, type: 'getState', id: 'x4'}, o);
		w.postMessage('not a umplay message', o);
		return true; })()`)
	errs := wait[[]map[string]any](t, p, `(function () { var e = msgsOf('error'); return e.length >= 4 && e; })()`, `JSON.stringify(msgsOf('error'))`)
	want := map[string]string{"x1": `unknown message type "eval"`, "x2": `"request": want a string`, "": "the limit is 6291456", "x4": "umplay: 1"}
	for _, e := range errs {
		id, _ := e["id"].(string)
		if w, ok := want[id]; ok {
			if !strings.Contains(e["message"].(string), w) {
				t.Errorf("error %s = %q, want %q", id, e["message"], w)
			}
			delete(want, id)
		} else {
			t.Errorf("unexpected error message %v", e)
		}
	}
	for id := range want {
		t.Errorf("no error reply for %s", id)
	}
	if d := p.Dialogs(); len(d) > 0 {
		t.Errorf("a message opened a dialog: %v", d)
	}

	// A frame of a third origin posts hello, setState and setTheme to the
	// embed: all ignored, nothing answered to it.
	before := len(eval[[]any](t, p, `window.msgs`))
	eval[bool](t, p, `(function () { var f = document.createElement('iframe'); f.src = `+JS(hs.foreign.URL+"/")+`; document.getElementById('foreign').appendChild(f); return true; })()`)
	wait[bool](t, p, `document.querySelector('#foreign iframe').contentDocument === null`) // cross-origin: loaded
	time.Sleep(500 * time.Millisecond)
	if got := eval[map[string]any](t, p, `h.getState()`); got["request"] != long {
		t.Errorf("after the foreign frame's setState, the request is %q", short(fmt.Sprint(got["request"])))
	}
	if bg := frameEval[string](t, p, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(255, 255, 255)" {
		t.Errorf("background %s after the foreign frame", bg)
	}
	for _, m := range eval[[]map[string]any](t, p, `window.msgs.slice(`+fmt.Sprint(before)+`)`) {
		if m["data"].(map[string]any)["id"] == "f1" {
			t.Errorf("the embed answered the foreign frame: %v", m)
		}
	}
	// Only the embed's own origin ever posted to the host.
	for _, m := range eval[[]map[string]any](t, p, `window.msgs`) {
		if m["origin"] != env.srv.URL {
			t.Errorf("message from %v: %v", m["origin"], m["data"])
		}
	}
	eval[bool](t, p, `h.destroy(), !document.querySelector('#slot iframe')`)
}

func waitFrame(t *testing.T, p *Page, expr string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		ok, err := frameTry[bool](p, expr)
		if ok && err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("frame: waiting for %s: %v", expr, err)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestEmbedLazy: below the fold, an embed shows its request at once,
// highlighted, and fetches no module until it is scrolled into view.
func TestEmbedLazy(t *testing.T) {
	hs := startHosts(t)
	p := openHost(t, hs.host.URL+"/?spacer=4000")
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")
	eval[bool](t, p, `umplay.embed(document.getElementById('slot'), {state: {request: `+JS(fixed)+`}}).then(function (h) { window.h = h; }), true`)
	waitFrame(t, p, `document.querySelectorAll('#highlight .tok--tag').length > 5`)
	if got := frameEval[string](t, p, `document.getElementById('highlight').textContent`); got != fixed {
		t.Errorf("static view shows %q, want the request", short(got))
	}
	time.Sleep(1500 * time.Millisecond)
	wasm := func() bool {
		for _, r := range p.Requests() {
			if strings.Contains(r, "main.wasm") || strings.Contains(r, "wasm_exec.js") {
				return true
			}
		}
		return false
	}
	if wasm() {
		t.Fatalf("the module was fetched before the embed was visible: %v", p.Requests())
	}
	if eval[bool](t, p, `!!window.h`) {
		t.Fatal("embed() resolved before the embed loaded")
	}
	eval[bool](t, p, `window.scrollTo(0, document.body.scrollHeight), true`)
	wait[bool](t, p, `!!window.h`)
	if !wasm() {
		t.Errorf("ready without a module request? %v", p.Requests())
	}
	if rep := eval[map[string]any](t, p, `h.check()`); rep["status"] != 200.0 {
		t.Errorf("check() = %v", rep)
	}
}

// TestEmbedReadonlyHostile: a state with markup in every field, shown
// read-only: everything is text, nothing runs, the editor cannot be typed in.
func TestEmbedReadonlyHostile(t *testing.T) {
	hs := startHosts(t)
	p := openHost(t, hs.host.URL+"/")
	const x = `"><img src=x onerror="parent.__pwned=1;window.__pwned=1"><script>window.__pwned=1</script>&lt;b&gt;`
	hostile := map[string]any{
		"request":    "<soap:Envelope " + x + "\n<!-- " + x + " -->\n<![CDATA[" + x + "]]>",
		"soapAction": x, "soapActionPresent": true, "contentType": "text/xml; " + x, "endpoint": "https://" + x,
		"example": x,
		"builder": map[string]any{"operation": "GetCallInfo", "callId": x, "guid": x, "host": x, "prefix": true, "decl": false,
			"entryId": x, "dialString": x, "greetingType": "OofCustom", "status": "false", "folderId": x},
	}
	eval[bool](t, p, `umplay.embed(document.getElementById('slot'), {state: `+mustJSON(t, hostile)+`, readonly: true})
		.then(function (h) { window.h = h; return true; })`)
	if n := frameEval[float64](t, p, `document.querySelectorAll('#embed-content img, script:not([src]), #embed-content b').length`); n != 0 {
		t.Errorf("the hostile state made %v elements", n)
	}
	if frameEval[bool](t, p, `!!window.__pwned`) || eval[bool](t, p, `!!window.__pwned`) {
		t.Error("script from the state ran")
	}
	if got := frameEval[string](t, p, `document.getElementById('request').value`); got != hostile["request"] {
		t.Errorf("editor holds %q", short(got))
	}
	if got := frameEval[string](t, p, `document.getElementById('highlight').textContent`); got != hostile["request"] {
		t.Errorf("highlight shows %q", short(got))
	}
	if !frameEval[bool](t, p, `document.getElementById('diagnostics').textContent.length > 0 && document.querySelectorAll('#diagnostics li').length > 0`) {
		t.Error("no diagnostics for the hostile request")
	}
	// read-only: the textarea refuses typing and the fixes are not offered.
	if !frameEval[bool](t, p, `document.getElementById('request').readOnly`) {
		t.Error("readonly embed has an editable textarea")
	}
	if n := frameEval[float64](t, p, `Array.prototype.filter.call(document.querySelectorAll('.diag__fix, #fix-all'), function (b) { return b.offsetParent !== null; }).length`); n != 0 {
		t.Errorf("%v quick-fix buttons visible in a read-only embed", n)
	}
	got := eval[map[string]any](t, p, `h.getState()`)
	delete(hostile, "example") // not an example's text: the page drops it
	if got["request"] != hostile["request"] || got["soapAction"] != x || got["endpoint"] != hostile["endpoint"] ||
		got["builder"].(map[string]any)["folderId"] != x || got["builder"].(map[string]any)["dialString"] != x {
		t.Errorf("getState() = %v", got)
	}
}

// TestEmbedPageElements: embed.html has every element the page's Go code
// looks up by id, so a new id in index.html's lookups cannot break the
// embed unnoticed.
func TestEmbedPageElements(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	html := readFile(t, root, "web", "embed.html")
	re := regexp.MustCompile(`(?:byID|ByID|\bin)\("([a-z0-9-]+)"`)
	for _, f := range []string{"dom.go", "flow.go", "embed.go"} {
		src := readFile(t, filepath.Join(root, "wasm", "app", f))
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			if !strings.Contains(html, `id="`+m[1]+`"`) {
				t.Errorf("web/embed.html has no id=%q (looked up in wasm/app/%s)", m[1], f)
			}
		}
	}
}

// TestEmbedDemoCost measures the demo's cost: the bytes fetched (encoded,
// as on the wire) and the time until the embeds are ready, for one embed and
// for two, cold (cache off). It reports; the numbers go in the notes.
func TestEmbedDemoCost(t *testing.T) {
	hs := startHosts(t)
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")
	for _, n := range []int{1, 2} {
		p := openHost(t, "about:blank")
		var mu sync.Mutex
		bytesBy := map[string]float64{}
		urls := map[network.RequestID]string{}
		chromedp.Listen(p.Ctx, func(ev any) {
			mu.Lock()
			defer mu.Unlock()
			switch ev := ev.(type) {
			case *network.EventRequestWillBeSent:
				urls[ev.RequestID] = ev.Request.URL
			case *network.EventLoadingFinished:
				bytesBy[urls[ev.RequestID]] += ev.EncodedDataLength
			}
		})
		if err := p.DisableCache(true); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := chromedp.Do(p.Ctx, chromedp.Navigate(hs.host.URL+"/")); err != nil {
			t.Fatal(err)
		}
		js := `Promise.all([`
		for i := 0; i < n; i++ {
			js += `umplay.embed(document.getElementById('slot` + []string{"", "2"}[i] + `'), {state: {request: ` + JS(fixed) + `}}),`
		}
		js += `]).then(function () { return true; })`
		eval[bool](t, p, js)
		elapsed := time.Since(start)
		time.Sleep(300 * time.Millisecond)
		mu.Lock()
		var total float64
		var lines []string
		for u, b := range bytesBy {
			if strings.HasPrefix(u, env.srv.URL) {
				total += b
				lines = append(lines, fmt.Sprintf("%s %.0f", strings.TrimPrefix(u, env.srv.URL), b))
			}
		}
		mu.Unlock()
		sort.Strings(lines)
		t.Logf("%d embed(s): %.0f bytes from the playground's origin, ready in %v (navigation to every embed ready)\n  %s",
			n, total, elapsed.Round(time.Millisecond), strings.Join(lines, "\n  "))
		if total < 100_000 {
			t.Errorf("%d embeds fetched only %.0f bytes: the module was not counted", n, total)
		}
	}
}

// base64url(deflate-raw(JSON)), the embed's fragment format.
func fragmentOf(t *testing.T, state any) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(mustJSON(t, state)))
	w.Close()
	return "#s=1." + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// TestEmbedFragment: the embed opened with a state in its fragment, a
// tampered one, a version it does not know and an inflating bomb.
func TestEmbedFragment(t *testing.T) {
	statOnce.Do(func() { statInputs(env.root) })
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")
	bomb := strings.Repeat("a", 7<<20)
	for _, tc := range []struct {
		name, frag, wantMsg string
		wantRequest         string
	}{
		{"state", fragmentOf(t, map[string]any{"request": fixed}), "", fixed},
		{"tampered", "#s=1.AAAA%%%", "not base64url", ""},
		{"not deflate", "#s=1." + base64.RawURLEncoding.EncodeToString([]byte("plain text")), "damaged", ""},
		{"version", "#s=9.abc", "version 9", ""},
		{"bomb", fragmentOf(t, map[string]any{"request": bomb}), "6 MiB", ""},
		{"wrong type", fragmentOf(t, map[string]any{"request": fixed, "soapActionPresent": "yes"}), "soapActionPresent", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := env.browser.NewPage()
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if err := chromedp.Do(p.Ctx, chromedp.Navigate(env.srv.URL+"/embed.html?load=click"+tc.frag)); err != nil {
				t.Fatal(err)
			}
			wait[bool](t, p, `!document.getElementById('embed-load').hidden`)
			time.Sleep(300 * time.Millisecond)
			if st := eval[string](t, p, `document.documentElement.getAttribute('data-umplay')`); st != "loading" {
				t.Errorf("load=click: data-umplay=%q before the click", st)
			}
			eval[bool](t, p, `document.getElementById('embed-load').click(), true`)
			wait[bool](t, p, `document.documentElement.getAttribute('data-umplay') === 'ready'`, `document.getElementById('boot-text').textContent`)
			msg := eval[string](t, p, `document.getElementById('embed-msg').hidden ? '' : document.getElementById('embed-msg').textContent`)
			req := eval[string](t, p, `document.getElementById('request').value`)
			if tc.wantMsg == "" {
				if msg != "" || req != tc.wantRequest {
					t.Errorf("message %q, request %q; want none and the state's request", msg, short(req))
				}
				if s := eval[string](t, p, `umplay.state().request`); s != tc.wantRequest {
					t.Errorf("umplay.state().request = %q", short(s))
				}
				return
			}
			if !strings.Contains(msg, tc.wantMsg) || !strings.Contains(req, "<soap:Envelope") {
				t.Errorf("message %q, request %q; want %q and the default request", msg, short(req), tc.wantMsg)
			}
		})
	}
}

// TestEmbedDemo: the sample docs page's button drives the first embed
// through the API: setState with the fixed request, then its report.
func TestEmbedDemo(t *testing.T) {
	p := openHost(t, env.srv.URL+"/embed-demo.html")
	wait[bool](t, p, `document.querySelectorAll('iframe').length === 2 && /HTTP 500 \(fault ErrorInvalidRequest\)/.test(document.getElementById('drive-report').textContent) && !document.getElementById('drive').disabled`,
		`document.getElementById('drive-report').textContent`)
	eval[bool](t, p, `document.getElementById('drive').click(), true`)
	wait[bool](t, p, `/HTTP 200, 0 errors.*after setState/.test(document.getElementById('drive-report').textContent)`, `document.getElementById('drive-report').textContent`)
	for _, r := range p.Foreign(env.srv.URL) {
		t.Errorf("the demo left the origin: %s", r)
	}
}

// TestEmbedOpenLink: "Open in umplay" opens the full page with the embed's
// state, as the embed holds it after an edit (a share link of index.html).
func TestEmbedOpenLink(t *testing.T) {
	statOnce.Do(func() { statInputs(env.root) })
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Open(env.srv.URL+"/embed.html?load=click"+fragmentOf(t, map[string]any{"request": fixed, "soapActionPresent": false}), 5*time.Second); err == nil {
		t.Fatal("load=click: ready without a click")
	}
	if rel := eval[string](t, p, `document.getElementById('embed-open').rel + ' ' + document.getElementById('embed-open').target`); rel != "noopener _blank" {
		t.Errorf("Open in umplay: rel/target %q", rel)
	}
	eval[bool](t, p, `document.getElementById('embed-load').click(), true`)
	wait[bool](t, p, `document.documentElement.getAttribute('data-umplay') === 'ready'`)
	edited := strings.Replace(fixed, "<soap:Body>", "<soap:Body><!-- edited in the embed -->", 1)
	if err := p.SetRequest(edited); err != nil {
		t.Fatal(err)
	}
	href := wait[string](t, p, `(function () { var h = document.getElementById('embed-open').href; return h !== window.__last && /#s=1\./.test(h) && h; })()`)
	wait[bool](t, p, `(function () { var a = document.getElementById('embed-open').href; var ok = a === window.__seen; window.__seen = a; return ok; })()`)
	href = eval[string](t, p, `document.getElementById('embed-open').href`)
	if !strings.HasPrefix(href, env.srv.URL+"/index.html#s=1.") {
		t.Fatalf("Open in umplay: %s", href)
	}
	if err := p.Open(href, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	st := eval[map[string]any](t, p, `umplay.state()`)
	if st["request"] != edited || st["soapActionPresent"] != false {
		t.Errorf("the full page opened with %v, want the embed's edited request without SOAPAction", st)
	}
}

// TestEmbedBigState: a state too big for a link goes by setState, not in
// the iframe's URL.
func TestEmbedBigState(t *testing.T) {
	hs := startHosts(t)
	p := openHost(t, hs.host.URL+"/")
	fixed := readFile(t, env.root, "web", "examples", "disconnect-docs-en.xml")
	eval[bool](t, p, `(function () {
		var r = crypto.getRandomValues(new Uint8Array(65536)), a = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', noise = '';
		for (var k = 0; k < 3; k++) {
			crypto.getRandomValues(r);
			for (var i = 0; i < r.length; i++) { noise += a.charAt(r[i] % 62); }
		}
		window.big = `+JS(fixed)+` + '<!-- ' + noise + ' -->';
		return true; })()`)
	eval[bool](t, p, `umplay.embed(document.getElementById('slot'), {state: {request: window.big}}).then(function (h) { window.h = h; return true; })`)
	if src := eval[string](t, p, `h.iframe.src`); strings.Contains(src, "#") {
		t.Errorf("a big state went into the URL: %d characters", len(src))
	}
	if ok := eval[bool](t, p, `h.getState().then(function (s) { return s.request === window.big; })`); !ok {
		t.Error("the big state did not reach the embed")
	}
}
