//go:build !js

package e2e

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"umplay/wasm/share"
	"umplay/wasm/share/payload"
	"umplay/wasm/state"
)

const (
	shareLinkJS    = `document.getElementById('share-link').value`
	sharePreviewJS = `document.getElementById('share-preview').textContent`
	shareRedsJS    = `document.getElementById('share-redactions').textContent`
	errorShownJS   = `(document.getElementById('error').hidden ? '' : document.getElementById('error-text').textContent)`
)

// openAt opens u in a new tab, waits until the page is ready, and checks
// at the end what openPage checks.
func openAt(t *testing.T, u string) *Page {
	t.Helper()
	p := newTab(t)
	if err := p.Open(u, 90*time.Second); err != nil {
		t.Fatal(err)
	}
	return p
}

func newTab(t *testing.T) *Page {
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
		checkClean(t, p)
		p.Close()
	})
	return p
}

// reopen loads u in p as a new document: a link differing from the page's
// URL only in its fragment would be a hashchange, not a page load, so the
// path alternates between / and /index.html.
func reopen(t *testing.T, p *Page, u string) {
	t.Helper()
	cur, _ := Eval[string](p, `location.pathname`)
	if cur == "/" {
		u = strings.Replace(u, "/#", "/index.html#", 1)
	}
	if err := p.Open(u, 90*time.Second); err != nil {
		t.Fatal(err)
	}
}

// copyLink opens the "Copy link" dialog as a person does, waits for the
// link, and returns it (the dialog stays open).
func copyLink(t *testing.T, p *Page) string {
	t.Helper()
	eval[bool](t, p, `(document.getElementById('share-link').value = '', true)`)
	tap(t, p, "#share")
	return wait[string](t, p, `document.getElementById('share-dialog').open && `+shareLinkJS,
		`document.getElementById('share-msg').textContent`)
}

// tap clicks sel as a person does, failing (not hanging) when it is not
// there to click within 20 s.
func tap(t *testing.T, p *Page, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

func closeShare(t *testing.T, p *Page) {
	t.Helper()
	tap(t, p, "#share-close")
	wait[bool](t, p, `!document.getElementById('share-dialog').open`)
}

// pageVerdict is what redaction must keep: status, fault code, diagnostic
// codes of the page's own check of its request.
func pageVerdict(t *testing.T, p *Page) string {
	t.Helper()
	return eval[string](t, p, `(function () {
		var a = document.getElementById('soapaction-present').checked ? document.getElementById('soapaction').value : null;
		var r = umplay.check(document.getElementById('request').value, {soapAction: a});
		return JSON.stringify([r.response.status, r.response.fault && r.response.fault.code, r.diagnostics.map(function (d) { return d.code; })]);
	})()`)
}

func cliShare(t *testing.T, args ...string) string {
	t.Helper()
	if env.cliErr != nil {
		t.Fatalf("the CLI did not build: %v", env.cliErr)
	}
	cmd := exec.Command(env.cli, append([]string{"share"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("umplay share %q: %v\n%s", args, err, stderr.String())
	}
	return string(out)
}

// TestShareLinkEveryExample: for every example, chosen in the menu, "Copy
// link" gives a link that opens, in a new page, the same state (the one
// example whose CallId's host is no documentation name: redacted, with the
// same verdict); the CLI reads each link the browser made (Go's inflate of
// CompressionStream's deflate) and the page opens links the CLI made (the
// browser's inflate of compress/flate). It logs the links' lengths.
func TestShareLinkEveryExample(t *testing.T) {
	p := openPage(t)
	wait[bool](t, p, `!document.getElementById('examples').disabled && document.querySelectorAll('#examples option').length > 5`)
	q := newTab(t)
	var lengths []int
	exs := readExamples(t)
	for i, ex := range exs {
		chooseExample(t, p, ex.File)
		chosen := readState(t, p, stateJS)
		wantVerdict := pageVerdict(t, p)
		// What the link should open: the state redacted as package payload
		// does (only the example whose CallId's host is no documentation
		// name changes, and loses its example name).
		st, err := state.Parse([]byte(eval[string](t, p, stateJS)))
		if err != nil {
			t.Fatal(err)
		}
		red, _ := payload.Redact(st)
		var want pageState
		if err := json.Unmarshal(red.JSON(), &want); err != nil {
			t.Fatal(err)
		}
		link := copyLink(t, p)
		if !strings.HasPrefix(link, env.srv.URL+"/#s=1.") {
			t.Fatalf("%s: link %.80q… does not start with %s/#s=1.", ex.File, link, env.srv.URL)
		}
		if n := eval[string](t, p, `document.getElementById('share-length').textContent`); !strings.HasPrefix(n, itoa(len(link))+" characters") {
			t.Errorf("%s: the dialog says %q, the link has %d characters", ex.File, n, len(link))
		}
		if long := !eval[bool](t, p, `document.getElementById('share-long').hidden`); long != (len(link) > 2000) {
			t.Errorf("%s: link of %d characters, long-link notice shown = %v", ex.File, len(link), long)
		}
		lengths = append(lengths, len(link))
		preview := eval[string](t, p, sharePreviewJS)
		if !strings.Contains(preview, want.Request) {
			t.Errorf("%s: the preview does not show the request:\n%s", ex.File, preview)
		}
		closeShare(t, p)

		reopen(t, q, link)
		got := readState(t, q, stateJS)
		if (ex.File == "warning-host-not-fqdn.xml") != (want.Request != chosen.Request) {
			t.Errorf("%s: redaction changed the request: %v, want it changed only for warning-host-not-fqdn.xml", ex.File, want.Request != chosen.Request)
		}
		if v := pageVerdict(t, q); v != wantVerdict {
			t.Errorf("%s: the linked page's verdict is %s, want %s", ex.File, v, wantVerdict)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the link opens a different state: %s", ex.File, diffState(got, want))
		}
		if shown := readState(t, q, shownJS); !reflect.DeepEqual(shown, readState(t, q, stateJS)) {
			t.Errorf("%s: the linked page's controls differ from its state", ex.File)
		}
		if msg := eval[string](t, q, errorShownJS); msg != "" {
			t.Errorf("%s: the linked page shows an error: %s", ex.File, msg)
		}
		if out := cliShare(t, "--decode", link); out != readState(t, q, stateJS).Request {
			t.Errorf("%s: umplay share --decode of the browser's link gives another request:\n%s", ex.File, out)
		}
		if i%8 == 0 { // the other way: the CLI's deflate, the browser's inflate
			args := []string{"--no-redact"}
			if ex.SOAPAction == nil {
				args = append(args, "--no-soapaction")
			} else {
				args = append(args, "--soapaction", *ex.SOAPAction)
			}
			args = append(args, "--url", env.srv.URL+"/", filepath.Join(env.root, "web", "examples", ex.File))
			reopen(t, q, strings.TrimSpace(cliShare(t, args...)))
			if got := readState(t, q, stateJS); got.Request != chosen.Request || got.SOAPActionPresent != chosen.SOAPActionPresent || got.SOAPAction != chosen.SOAPAction {
				t.Errorf("%s: the CLI's link opens another request or SOAPAction: %s", ex.File, diffState(got, chosen))
			}
		}
	}
	s := slices.Clone(lengths)
	slices.Sort(s)
	t.Logf("share link lengths for %d examples (with %s/): median %d, max %d, min %d", len(s), env.srv.URL, s[len(s)/2], s[len(s)-1], s[0])
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestShareHashChange: a page already open follows a link pasted into the
// address bar (hashchange); a fragment without s= changes nothing, nor does
// a broken link (which says what is wrong).
func TestShareHashChange(t *testing.T) {
	p := openPage(t)
	s := state.Default()
	s.Request = readFile(t, "..", "..", "web", "examples", "op-resetpin.xml")
	s.SOAPAction = `"http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN"`
	l, err := share.Encode(s, share.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := eval[string](t, p, requestJS)
	eval[bool](t, p, `(location.hash = 'other=1', true)`)
	time.Sleep(300 * time.Millisecond)
	if got := eval[string](t, p, requestJS); got != before {
		t.Errorf("a fragment without s= changed the request")
	}
	eval[bool](t, p, `(location.hash = `+JS(l.Fragment)+`, true)`)
	wait[bool](t, p, requestJS+` === `+JS(s.Request)+` && document.getElementById('soapaction').value === `+JS(s.SOAPAction))
	if eval[int](t, p, `document.querySelectorAll('#history li').length`) != 0 {
		t.Errorf("opening a link sent a request")
	}
	// A broken link pasted into an open page says so and changes nothing.
	eval[bool](t, p, `(location.hash = 's=1.bm90IGRlZmxhdGU', true)`)
	msg := wait[string](t, p, errorShownJS)
	if !strings.HasPrefix(msg, "This link could not be opened: share: the link's state is not deflate data") || !strings.HasSuffix(msg, "Nothing was changed.") {
		t.Errorf("a broken link by hashchange: the page says %q", msg)
	}
	if got := eval[string](t, p, requestJS); got != s.Request {
		t.Errorf("a broken link by hashchange changed the request")
	}
}

// TestShareRedaction: the dialog redacts by default and says what it did;
// the link's state keeps the simulated server's verdict; a CallId that
// cannot be decoded is flagged "not redacted"; unticking the box gives a
// link with everything as it is.
func TestShareRedaction(t *testing.T) {
	p := openPage(t)
	const realHost = "exch1.corp.fabrikam-real.net" // 65 bytes decoded: one '=' of padding
	id := base64.StdEncoding.EncodeToString([]byte("3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b@" + realHost))
	id = "\n        " + strings.TrimRight(id, "=") + "\n      " // whitespace and no padding: a fault, kept as it is
	req := strings.Replace(readFile(t, "..", "..", "web", "examples", "disconnect-docs-en.xml"),
		"MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=", id, 1)
	if err := p.SetRequest(req); err != nil {
		t.Fatal(err)
	}
	setInput(t, p, "endpoint", "https://"+realHost+"/EWS/UM2007Legacy.asmx")
	verdict := pageVerdict(t, p)
	if !strings.Contains(verdict, "InvalidCallIdException") {
		t.Fatalf("the test request should get InvalidCallIdException: %s", verdict)
	}

	link := copyLink(t, p)
	if !eval[bool](t, p, `document.getElementById('share-redact').checked`) {
		t.Errorf("redaction is not on by default")
	}
	preview, reds := eval[string](t, p, sharePreviewJS), eval[string](t, p, shareRedsJS)
	// The redacted endpoint is the default one, so the link does not carry it.
	if strings.Contains(preview, "fabrikam-real") || strings.Contains(preview, strings.TrimSpace(id)) || strings.Contains(preview, "\nendpoint:") {
		t.Errorf("the preview shows what redaction should hide:\n%s", preview)
	}
	if !strings.Contains(reds, "endpoint: host replaced by mail.contoso.com") || !strings.Contains(reds, "re-encoded with the sample GUID and host") {
		t.Errorf("the dialog does not say what redaction did: %q", reds)
	}
	q := openAt(t, link)
	got := readState(t, q, stateJS)
	if got.Endpoint != "https://mail.contoso.com/EWS/UM2007Legacy.asmx" || strings.Contains(got.Request, strings.TrimSpace(id)) {
		t.Errorf("the redacted link holds endpoint %q and request\n%s", got.Endpoint, got.Request)
	}
	if v := pageVerdict(t, q); v != verdict {
		t.Errorf("redaction changed the verdict: %s, want %s", v, verdict)
	}

	// Redaction off: the link carries everything as it is.
	tap(t, p, "#share-redact")
	link = wait[string](t, p, shareLinkJS+` !== `+JS(link)+` && `+shareLinkJS)
	if reds := eval[string](t, p, shareRedsJS); !strings.Contains(reds, "Redaction is off") {
		t.Errorf("redaction off: the dialog says %q", reds)
	}
	reopen(t, q, link)
	if got := readState(t, q, stateJS); got.Request != req || got.Endpoint != "https://"+realHost+"/EWS/UM2007Legacy.asmx" {
		t.Errorf("the unredacted link changed the state: %s", diffState(got, readState(t, p, stateJS)))
	}
	closeShare(t, p)

	// A CallId that cannot be decoded is kept and flagged.
	if err := p.SetRequest(strings.Replace(req, id, "not a CallId!", 1)); err != nil {
		t.Fatal(err)
	}
	link = copyLink(t, p)
	tap(t, p, "#share-redact") // back on
	wait[string](t, p, shareLinkJS+` !== `+JS(link)+` && `+shareLinkJS)
	kept := eval[string](t, p, `Array.prototype.map.call(document.querySelectorAll('#share-redactions .share__red--kept'), function (li) { return li.textContent; }).join('\n')`)
	if !strings.Contains(kept, "request line 5, column 15: not redacted") {
		t.Errorf("the undecodable CallId is not flagged: %q (all: %q)", kept, eval[string](t, p, shareRedsJS))
	}
}

func deflateRaw(t *testing.T, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// TestShareBrokenLinks: a tampered, oversized, inflating-forever, unknown
// or ill-typed link gives the default page and a message saying what is
// wrong, and the page keeps working.
func TestShareBrokenLinks(t *testing.T) {
	def := openPage(t)
	defState := readState(t, def, stateJS)
	s := state.Default()
	s.Request = readFile(t, "..", "..", "web", "examples", "disconnect-docs-pt-br.xml")
	good, err := share.Encode(s, share.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data := good.Fragment[len("s=1."):]
	// Tampered: the first block's type set to 3, which RFC 1951 reserves
	// (other changes may well inflate to another valid state: deflate-raw
	// has no checksum).
	raw, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	raw[0] |= 0x06
	tampered := "s=1." + base64.RawURLEncoding.EncodeToString(raw)
	tests := []struct{ name, frag, want string }{
		{"tampered", tampered, "share: the link's state is not deflate data"},
		{"cut", good.Fragment[:len(good.Fragment)/2], "share: the link's state is not deflate data"},
		{"oversized", "s=1." + strings.Repeat("A", payload.MaxFragment), "characters long, the limit is 65536"},
		{"deflate bomb", "s=1." + deflateRaw(t, make([]byte, 16<<20)), "inflates to more than 5308416 bytes"},
		{"bad base64", "s=1.abc*def", "not base64url"},
		{"unknown version", "s=2." + data, "the link is version 2"},
		{"wrong type", "s=1." + deflateRaw(t, []byte(`{"request":["<b>x</b>"]}`)), `"request": want a string`},
		{"not a state", "s=1." + deflateRaw(t, []byte(`<script>alert(1)</script>`)), "not valid JSON"},
	}
	p := newTab(t)
	for _, tt := range tests {
		start := time.Now()
		reopen(t, p, env.srv.URL+"/#"+tt.frag)
		msg := wait[string](t, p, errorShownJS, `location.href.slice(0, 80)`)
		if !strings.HasPrefix(msg, "This link could not be opened: share: ") || !strings.Contains(msg, tt.want) ||
			!strings.HasSuffix(msg, "The page shows the default request instead.") {
			t.Errorf("%s: the page says %q, want a message with %q", tt.name, msg, tt.want)
		}
		if got := readState(t, p, stateJS); !reflect.DeepEqual(got, defState) {
			t.Errorf("%s: the page does not show the default state: %s", tt.name, diffState(got, defState))
		}
		stillReady(t, p)
		t.Logf("%s: %d characters, handled in %v", tt.name, len(tt.frag), time.Since(start).Round(time.Millisecond))
	}
}

// TestShareHostileState: a link whose every field is markup shows it as
// text, runs nothing (no dialog: checkClean), adds no element, sends
// nothing; the dialog previews it as text too.
func TestShareHostileState(t *testing.T) {
	m := func(n string) string {
		return `"><img src=x onerror=alert('` + n + `')><script>alert('` + n + `')</script>`
	}
	s := state.Default()
	s.Request = "<x>" + m("request") + "</x>"
	s.SOAPAction, s.ContentType, s.Endpoint = m("action"), m("type"), "javascript:alert(1)//"+m("endpoint")
	b := &s.Builder
	b.CallID, b.GUID, b.Host, b.EntryID, b.DialString, b.FolderID = m("callid"), m("guid"), m("host"), m("entry"), m("dial"), m("folder")
	s.Example = m("example")
	l, err := share.Encode(s, share.Options{NoRedact: true})
	if err != nil {
		t.Fatal(err)
	}
	p := openAt(t, env.srv.URL+"/#"+l.Fragment)
	got := readState(t, p, stateJS)
	if got.Request != s.Request || got.SOAPAction != s.SOAPAction || got.Endpoint != s.Endpoint || got.Builder.Host != b.Host {
		t.Errorf("the hostile state did not arrive as text: %+v", got)
	}
	if n := eval[int](t, p, `document.querySelectorAll('img, script:not([src]), [onerror]').length`); n != 0 {
		t.Errorf("the hostile link added %d img/script/onerror elements", n)
	}
	if eval[int](t, p, `document.querySelectorAll('#history li').length`) != 0 {
		t.Errorf("opening a link sent a request")
	}
	copyLink(t, p)
	if preview := eval[string](t, p, sharePreviewJS); !strings.Contains(preview, m("request")) || !strings.Contains(preview, m("folder")) {
		t.Errorf("the preview does not show the markup as text:\n%s", preview)
	}
	if n := eval[int](t, p, `document.querySelectorAll('#share-preview *, #share-redactions img, #share-redactions script').length`); n != 0 {
		t.Errorf("the preview holds %d elements, want text only", n)
	}
}

// TestShareLongLinkAndStateFile: a state too big for chat gets the notice
// and a state file; the file opens with "Open state file…" and by drop; a
// file that is no state is refused with a message and changes nothing.
func TestShareLongLinkAndStateFile(t *testing.T) {
	p := openPage(t)
	noise := make([]byte, 3000)
	for i := range noise {
		noise[i] = byte(i*7919 + i*i*31 + i>>3)
	}
	req := readFile(t, "..", "..", "web", "examples", "disconnect-docs-en.xml") + "<!-- " + base64.StdEncoding.EncodeToString(noise) + " -->\n"
	if err := p.SetRequest(req); err != nil {
		t.Fatal(err)
	}
	link := copyLink(t, p)
	if len(link) <= 2000 || eval[bool](t, p, `document.getElementById('share-long').hidden`) {
		t.Fatalf("a %d-character link: the long-link notice is hidden", len(link))
	}
	if txt := eval[string](t, p, `document.getElementById('share-long').textContent`); !strings.Contains(txt, "cut links longer than 2,000 characters") {
		t.Errorf("long-link notice: %q", txt)
	}
	tap(t, p, "#share-download")
	wait[bool](t, p, `document.getElementById('share-msg').textContent.indexOf('Saved umplay-state.json') === 0`)
	closeShare(t, p)

	st := readState(t, p, stateJS)
	want, err := state.Parse([]byte(eval[string](t, p, stateJS)))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := payload.Make(want, payload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "umplay-state.json")
	if err := os.WriteFile(file, pl.File(), 0o644); err != nil {
		t.Fatal(err)
	}

	q := openPage(t)
	if err := chromedp.Do(q.Ctx, chromedp.SetUploadFiles(chromedp.CSS("#state-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, q, requestJS+` === `+JS(st.Request))
	if got := readState(t, q, stateJS); !reflect.DeepEqual(got, st) {
		t.Errorf("the state file opens another state: %s", diffState(got, st))
	}

	drop := func(p *Page, name, text string) {
		eval[bool](t, p, `(function () {
			var dt = new DataTransfer();
			dt.items.add(new File([`+JS(text)+`], `+JS(name)+`, {type: 'application/json'}));
			document.getElementById('editor').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
			return true;
		})()`)
	}
	r := openPage(t)
	drop(r, "umplay-state.json", string(pl.File()))
	wait[bool](t, r, requestJS+` === `+JS(st.Request))

	before := eval[string](t, r, stateJS)
	drop(r, "notes.json", `{"umplay":"state","version":1,"state":{"request":7}}`)
	msg := wait[string](t, r, errorShownJS)
	if !strings.Contains(msg, `"notes.json" is no umplay state`) || !strings.Contains(msg, `"request": want a string`) {
		t.Errorf("a bad state file: the page says %q", msg)
	}
	if after := eval[string](t, r, stateJS); after != before {
		t.Errorf("a refused state file changed the page")
	}
}
