package webserve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site writes a small web/ tree: index.html, main.wasm with .br and .gz
// copies (the .br content is a marker, not real brotli: the handler must not
// care), style.css with a stale .gz, examples/ without an index, a dot file,
// and a secret next to the root.
func site(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "web")
	old := time.Now().Add(-time.Hour)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("WASM-RAW"))
	zw.Close()
	files := []struct {
		name    string
		content string
		mtime   time.Time
	}{
		{"index.html", "<!doctype html><title>umplay</title>", old},
		{"embed.html", "<!doctype html><title>embed</title>", old},
		{"main.wasm", "WASM-RAW", old},
		{"main.wasm.br", "WASM-BROTLI", time.Now()},
		{"main.wasm.gz", gz.String(), time.Now()},
		{"style.css", "body{color:red}", time.Now()},
		{"style.css.gz", "STALE", old},
		{"boot.js", "console.log(1)", old},
		{"examples/a.xml", "<a/>", old},
		{"docs/index.html", "<p>docs</p>", old},
		{".git/config", "secret", old},
		{"../secret.txt", "outside", old},
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mtime, f.mtime); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(top, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://umplay.test"+target, nil)
	if strings.Contains(target, "..") || strings.Contains(target, "%") {
		// NewRequest parses the target; keep the raw path as a client sent it.
		r.URL.Path = mustUnescape(t, target)
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func mustUnescape(t *testing.T, p string) string {
	t.Helper()
	r, err := http.NewRequest("GET", "http://x"+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.URL.Path
}

func checkSecurityHeaders(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	}
	for k, v := range want {
		got := w.Header().Get(k)
		if k == "Content-Security-Policy" {
			// HTML documents add their frame-ancestors (TestFrameAncestors).
			got, _, _ = strings.Cut(got, "; frame-ancestors ")
		}
		if got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
		t.Errorf("CSP relaxes more than wasm-unsafe-eval: %q", csp)
	}
}

func TestEncodingNegotiation(t *testing.T) {
	h := Handler(site(t))
	tests := []struct {
		name, path, accept string
		wantEncoding       string
		wantBody           string
		wantType           string
		wantVary           bool
	}{
		{"br preferred", "/main.wasm", "gzip, deflate, br, zstd", "br", "WASM-BROTLI", "application/wasm", true},
		{"gzip only", "/main.wasm", "gzip", "gzip", "", "application/wasm", true},
		{"br refused", "/main.wasm", "br;q=0, gzip;q=0.5", "gzip", "", "application/wasm", true},
		{"star", "/main.wasm", "*", "br", "WASM-BROTLI", "application/wasm", true},
		{"star but not br", "/main.wasm", "br;q=0, *;q=0.1", "gzip", "", "application/wasm", true},
		{"none", "/main.wasm", "", "", "WASM-RAW", "application/wasm", true},
		{"identity", "/main.wasm", "identity", "", "WASM-RAW", "application/wasm", true},
		{"stale gz ignored", "/style.css", "gzip", "", "body{color:red}", "text/css; charset=utf-8", false},
		{"no variants", "/boot.js", "br, gzip", "", "console.log(1)", "text/javascript; charset=utf-8", false},
		{"index", "/", "br", "", "<!doctype html><title>umplay</title>", "text/html; charset=utf-8", false},
		{"xml", "/examples/a.xml", "", "", "<a/>", "text/xml; charset=utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, "GET", tt.path, map[string]string{"Accept-Encoding": tt.accept})
			if w.Code != 200 {
				t.Fatalf("GET %s: status %d, want 200", tt.path, w.Code)
			}
			checkSecurityHeaders(t, w)
			if got := w.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.wantEncoding)
			}
			if got := w.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
			if got := w.Header().Get("Vary") == "Accept-Encoding"; got != tt.wantVary {
				t.Errorf("Vary = %q, want Accept-Encoding: %v", w.Header().Get("Vary"), tt.wantVary)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control = %q, want no-cache", got)
			}
			if w.Header().Get("ETag") == "" || w.Header().Get("Last-Modified") == "" {
				t.Errorf("ETag = %q, Last-Modified = %q, want both set", w.Header().Get("ETag"), w.Header().Get("Last-Modified"))
			}
			body := w.Body.String()
			if tt.wantEncoding == "gzip" {
				zr, err := gzip.NewReader(w.Body)
				if err != nil {
					t.Fatalf("gzip body: %v", err)
				}
				b, _ := io.ReadAll(zr)
				body = string(b)
				if body != "WASM-RAW" {
					t.Errorf("gunzipped body = %q, want WASM-RAW", body)
				}
			} else if body != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
		})
	}
}

func TestRevalidation(t *testing.T) {
	h := Handler(site(t))
	for _, enc := range []string{"", "br", "gzip"} {
		w := do(t, h, "GET", "/main.wasm", map[string]string{"Accept-Encoding": enc})
		tag := w.Header().Get("ETag")
		w2 := do(t, h, "GET", "/main.wasm", map[string]string{"Accept-Encoding": enc, "If-None-Match": tag})
		if w2.Code != http.StatusNotModified {
			t.Errorf("If-None-Match %s (encoding %q): status %d, want 304", tag, enc, w2.Code)
		}
	}
	br := do(t, h, "GET", "/main.wasm", map[string]string{"Accept-Encoding": "br"}).Header().Get("ETag")
	gz := do(t, h, "GET", "/main.wasm", map[string]string{"Accept-Encoding": "gzip"}).Header().Get("ETag")
	raw := do(t, h, "GET", "/main.wasm", nil).Header().Get("ETag")
	if br == gz || br == raw || gz == raw {
		t.Errorf("ETags br=%s gzip=%s identity=%s, want three different ones", br, gz, raw)
	}
}

func TestHead(t *testing.T) {
	h := Handler(site(t))
	w := do(t, h, "HEAD", "/main.wasm", map[string]string{"Accept-Encoding": "br"})
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Fatalf("HEAD: status %d, body %d bytes, want 200 and none", w.Code, w.Body.Len())
	}
	if got := w.Header().Get("Content-Length"); got != "11" {
		t.Errorf("HEAD Content-Length = %q, want 11 (the .br copy)", got)
	}
	checkSecurityHeaders(t, w)
}

func TestNotFound(t *testing.T) {
	h := Handler(site(t))
	for _, p := range []string{
		"/missing.html",
		"/examples/",     // a directory without index.html: no listing
		"/examples",      // the same without the slash
		"/.git/config",   // dot files
		"/../secret.txt", // traversal
		"/examples/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/link.txt",        // a symlink out of the root
		"/examples\\a.xml", // backslash
		"/index.html/",
	} {
		w := do(t, h, "GET", p, nil)
		if w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404; body %q", p, w.Code, w.Body.String())
		}
		if strings.Contains(w.Body.String(), "outside") || strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "a.xml") {
			t.Errorf("GET %s leaked %q", p, w.Body.String())
		}
		checkSecurityHeaders(t, w)
	}
}

func TestDirectoryIndex(t *testing.T) {
	h := Handler(site(t))
	w := do(t, h, "GET", "/docs", nil)
	if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/docs/" {
		t.Errorf("GET /docs: %d Location %q, want 301 to /docs/", w.Code, w.Header().Get("Location"))
	}
	w = do(t, h, "GET", "/docs/", nil)
	if w.Code != 200 || w.Body.String() != "<p>docs</p>" {
		t.Errorf("GET /docs/: %d %q, want 200 <p>docs</p>", w.Code, w.Body.String())
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := Handler(site(t))
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		w := do(t, h, m, "/index.html", nil)
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, w.Code)
		}
		if got := w.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow = %q, want GET, HEAD", m, got)
		}
		checkSecurityHeaders(t, w)
	}
}

// TestServer goes through a real HTTP server and client: Go's transport asks
// for gzip by itself and decodes it, so the client sees the original bytes.
func TestServer(t *testing.T) {
	srv := httptest.NewServer(Handler(site(t)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/main.wasm")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "WASM-RAW" || !resp.Uncompressed {
		t.Errorf("GET /main.wasm = %d %q (uncompressed by transport: %v), want 200 WASM-RAW via gzip", resp.StatusCode, b, resp.Uncompressed)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/../secret.txt", nil)
	req.URL.Opaque = "/../secret.txt"
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusNotFound {
		t.Errorf("raw GET /../secret.txt: status %d, want 404", resp2.StatusCode)
	}
}

func TestContentType(t *testing.T) {
	tests := []struct{ in, want string }{
		{"main.wasm", "application/wasm"},
		{"index.html", "text/html; charset=utf-8"},
		{"a/B.JS", "text/javascript; charset=utf-8"},
		{"x.json", "application/json; charset=utf-8"},
		{"screenshot.png", "image/png"},
		{"noext", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := ContentType(tt.in); got != tt.want {
			t.Errorf("ContentType(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckBuilt(t *testing.T) {
	dir := site(t)
	if err := CheckBuilt(dir); err != nil {
		t.Errorf("CheckBuilt(site) = %v, want nil", err)
	}
	err := CheckBuilt(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "run scripts/build.sh first") {
		t.Errorf("CheckBuilt(empty) = %v, want a hint to run scripts/build.sh", err)
	}
}

func TestRange(t *testing.T) {
	h := Handler(site(t))
	w := do(t, h, "GET", "/main.wasm", map[string]string{"Range": "bytes=0-3"})
	if w.Code != http.StatusPartialContent || w.Body.String() != "WASM" {
		t.Errorf("identity Range: %d %q, want 206 WASM", w.Code, w.Body.String())
	}
	w = do(t, h, "GET", "/main.wasm", map[string]string{"Range": "bytes=0-3", "Accept-Encoding": "br"})
	if w.Code != 200 || w.Body.String() != "WASM-BROTLI" || w.Header().Get("Content-Length") != "11" {
		t.Errorf("br Range: %d %q Content-Length %q, want the whole copy: 200 WASM-BROTLI 11", w.Code, w.Body.String(), w.Header().Get("Content-Length"))
	}
}

// The embed page may be framed by the configured ancestors (any by
// default); every other document by no one.
func TestFrameAncestors(t *testing.T) {
	dir := site(t)
	custom, err := HandlerWith(dir, Options{FrameAncestors: "'self'  https://docs.example.com *.example.org:8443"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		h        http.Handler
		path     string
		wantFA   string // "" for no frame-ancestors
		wantXFO  string
		wantCode int
	}{
		{"embed, default", Handler(dir), "/embed.html", "*", "", 200},
		{"embed, custom", custom, "/embed.html", "'self' https://docs.example.com *.example.org:8443", "", 200},
		{"full page", Handler(dir), "/", "'none'", "DENY", 200},
		{"full page by name", custom, "/index.html", "'none'", "DENY", 200},
		{"another document", Handler(dir), "/docs/index.html", "'none'", "DENY", 200},
		{"a script", Handler(dir), "/boot.js", "", "", 200},
		{"the module", custom, "/main.wasm", "", "", 200},
	} {
		w := do(t, tc.h, "GET", tc.path, nil)
		if w.Code != tc.wantCode {
			t.Errorf("%s: GET %s = %d, want %d", tc.name, tc.path, w.Code, tc.wantCode)
		}
		_, fa, _ := strings.Cut(w.Header().Get("Content-Security-Policy"), "; frame-ancestors ")
		if fa != tc.wantFA {
			t.Errorf("%s: GET %s: frame-ancestors %q, want %q", tc.name, tc.path, fa, tc.wantFA)
		}
		if got := w.Header().Get("X-Frame-Options"); got != tc.wantXFO {
			t.Errorf("%s: GET %s: X-Frame-Options %q, want %q", tc.name, tc.path, got, tc.wantXFO)
		}
	}
}

func TestCheckFrameAncestors(t *testing.T) {
	for _, ok := range []string{"*", "'self'", "'none'", "https:", "https://docs.example.com", "http://127.0.0.1:*",
		"*.example.com", "https://docs.example.com:8443/path/", "'self' https://a.example b.example"} {
		if err := CheckFrameAncestors(ok); err != nil {
			t.Errorf("CheckFrameAncestors(%q) = %v, want ok", ok, err)
		}
		if _, err := HandlerWith(".", Options{FrameAncestors: ok}); err != nil {
			t.Errorf("HandlerWith(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "  ", "'none' 'self'", "*; script-src *", "a.example, b.example", "'unsafe-inline'",
		"https://a.example\r\nX-Evil: 1", "https://exämple.com", "https://a.example:99999", "https://", "javascript:alert(1)//x;",
		"https://a..example", "\"https://a.example\"", "https://a.example/p;q"} {
		if err := CheckFrameAncestors(bad); err == nil {
			t.Errorf("CheckFrameAncestors(%q) = nil, want an error", bad)
		}
	}
}
