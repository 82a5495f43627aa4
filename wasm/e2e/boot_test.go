//go:build !js

package e2e

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
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
	files := webserve.Handler(filepath.Join(env.root, "web"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/main.wasm") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	err = p.Open(srv.URL+"/", 30*time.Second)
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
