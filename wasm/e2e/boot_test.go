//go:build !js

package e2e

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"umplay/wasm/webserve"
)

// TestFailedWasmLoad: when main.wasm cannot be fetched, the page says so in
// plain words and keeps showing the request — never a blank page.
func TestFailedWasmLoad(t *testing.T) {
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	srv, p := servedWith(t, "/main.wasm", func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		http.NotFound(w, r)
	})
	err := p.Open(srv.URL+"/", 30*time.Second)
	if err == nil {
		t.Fatal("the page says it is ready without main.wasm")
	}
	state := eval[string](t, p, `document.documentElement.getAttribute('data-umplay')`)
	msg := eval[string](t, p, `document.getElementById('boot-status').textContent`)
	visible := eval[bool](t, p, `(function () { var r = document.getElementById('boot-status').getBoundingClientRect(); return r.width > 0 && r.height > 0; })()`)
	req := eval[string](t, p, `document.getElementById('request').value`)
	if state != "error" || !visible || !strings.Contains(msg, "main.wasm") {
		t.Errorf("data-umplay=%q, #boot-status visible %v, text %q; want error and a message naming main.wasm", state, visible, msg)
	}
	if !strings.Contains(req, "<soap:Envelope") {
		t.Errorf("the editor lost the sample request: %q", req)
	}
	for _, r := range p.Foreign(srv.URL) {
		t.Errorf("request left the origin: %s", r)
	}
}

// TestWasmWithoutMIME: a static host that serves main.wasm as
// application/octet-stream (streaming compilation refuses it) still gets a
// working page: boot.js fetches the module again and instantiates its bytes.
func TestWasmWithoutMIME(t *testing.T) {
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	var wasmGets atomic.Int32
	srv, p := servedWith(t, "/main.wasm", func(w http.ResponseWriter, r *http.Request, files http.Handler) {
		wasmGets.Add(1)
		r.Header.Del("Accept-Encoding") // the plain file: its type is ours to set
		files.ServeHTTP(&typeOverride{ResponseWriter: w, typ: "application/octet-stream"}, r)
	})
	if err := p.Open(srv.URL+"/", 60*time.Second); err != nil {
		t.Fatalf("the page is not ready when main.wasm is application/octet-stream: %v", err)
	}
	if got := eval[string](t, p, `window.umplay.check(document.getElementById('request').value).response.status + ''`); got != "200" {
		t.Errorf("umplay.check on the sample: status %s, want 200", got)
	}
	if n := wasmGets.Load(); n < 2 {
		t.Errorf("main.wasm was fetched %d times; want the fallback's second fetch", n)
	}
	for _, m := range p.Errors() {
		t.Errorf("console: %s", m)
	}
	for _, r := range p.Foreign(srv.URL) {
		t.Errorf("request left the origin: %s", r)
	}
}

// servedWith serves web/ on a test server with the requests whose path
// ends in suffix answered by h instead (files is the normal handler), and
// opens a page for it; both close when the test ends.
func servedWith(t *testing.T, suffix string, h func(w http.ResponseWriter, r *http.Request, files http.Handler)) (*httptest.Server, *Page) {
	t.Helper()
	files := webserve.Handler(filepath.Join(env.root, "web"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, suffix) {
			h(w, r, files)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return srv, p
}

// typeOverride sets the Content-Type a handler writes.
type typeOverride struct {
	http.ResponseWriter
	typ string
}

func (w *typeOverride) WriteHeader(code int) {
	w.Header().Set("Content-Type", w.typ)
	w.ResponseWriter.WriteHeader(code)
}

func (w *typeOverride) Write(b []byte) (int, error) {
	if w.Header().Get("Content-Type") != w.typ {
		w.Header().Set("Content-Type", w.typ)
	}
	return w.ResponseWriter.Write(b)
}

// TestExamplesOffline: once the page has loaded, the Examples menu works
// with the server gone (the examples are fetched once, in the background).
func TestExamplesOffline(t *testing.T) {
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	srv := httptest.NewServer(webserve.Handler(filepath.Join(env.root, "web")))
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Open(srv.URL+"/", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	files := eval[[]string](t, p, `Array.from(document.querySelectorAll('#examples option[value]')).map(function (o) { return o.value; }).filter(Boolean)`)
	if len(files) < 10 {
		t.Fatalf("only %d examples in the menu", len(files))
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		seen := map[string]bool{}
		for _, r := range p.Requests() {
			seen[r] = true
		}
		missing := 0
		for _, f := range files {
			if !seen[srv.URL+"/examples/"+f] {
				missing++
			}
		}
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d examples were never fetched", missing, len(files))
		}
		time.Sleep(50 * time.Millisecond)
	}
	srv.Close() // offline from here on
	want := readFile(t, "testdata", "disconnect-docs-pt-br.xml")
	eval[bool](t, p, `(function () { var s = document.getElementById('examples'); s.value = 'disconnect-docs-pt-br.xml';
		s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	wait[bool](t, p, requestJS+` === `+JS(want), requestJS, bannerJS)
	wait[bool](t, p, `!!document.querySelector('#diagnostics li.diag[data-code="operation-namespace"]')`, diagsJS)
}
