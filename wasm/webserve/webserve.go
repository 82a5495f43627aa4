// Package webserve serves the playground's static files (web/) the way the
// page needs them: precompressed .br/.gz copies chosen by Accept-Encoding
// (RFC 9110 §12.5.3), application/wasm for the module, revalidation on every
// load so a rebuild is seen at once, and a strict Content-Security-Policy in
// which 'wasm-unsafe-eval' is the only relaxation.
//
// It knows nothing about SOAP or the page: any directory of static files works.
package webserve

import (
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// CSP is the Content-Security-Policy sent with every response. Go's
// WebAssembly needs 'wasm-unsafe-eval' (WebAssembly.instantiate); nothing
// else is relaxed. Who may frame a page is added per document (see
// Options.FrameAncestors): documentation pages frame embed.html, and no one
// frames the full page.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

// contentTypes fixes the types of the files the playground serves, so that
// they do not depend on the machine's /etc/mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".xml":  "text/xml; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".md":   "text/markdown; charset=utf-8",
	".svg":  "image/svg+xml; charset=utf-8",
	".wasm": "application/wasm",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".webp": "image/webp",
	".br":   "application/octet-stream",
	".gz":   "application/gzip",
}

// encodings are the precompressed variants, in order of preference.
var encodings = []struct{ name, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// ContentType returns the Content-Type served for a file name.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves the files under dir. GET and HEAD only (405 otherwise);
// "/" and "dir/" serve index.html; directories without an index, dot files,
// and paths that would leave dir give 404. Every response carries the
// security headers; every file is served with Cache-Control: no-cache and an
// ETag/Last-Modified pair, so browsers revalidate and see a rebuild at once.
func Handler(dir string) http.Handler {
	return &handler{dir: dir, embedCSP: CSP + "; frame-ancestors *"}
}

// EmbedPage is the file documentation pages frame (web/embed.html).
const EmbedPage = "embed.html"

// Options changes what Handler does.
type Options struct {
	// FrameAncestors is the frame-ancestors source list of the embed page
	// ("" means "*": any page may embed the playground). Every other HTML
	// document gets frame-ancestors 'none' and X-Frame-Options: DENY.
	FrameAncestors string
}

// HandlerWith is Handler with options; the source list is checked by
// CheckFrameAncestors.
func HandlerWith(dir string, o Options) (http.Handler, error) {
	fa := o.FrameAncestors
	if fa == "" {
		fa = "*"
	}
	if err := CheckFrameAncestors(fa); err != nil {
		return nil, err
	}
	return &handler{dir: dir, embedCSP: CSP + "; frame-ancestors " + strings.Join(strings.Fields(fa), " ")}, nil
}

// CheckFrameAncestors reports an error when v is not a CSP source list fit
// for frame-ancestors: 'none' alone, or sources among *, 'self', a scheme
// ("https:") and hosts ("https://docs.example.com", "*.example.com:8443",
// "http://127.0.0.1:*"). Anything else — another directive after a ";", a
// comma, quotes, non-ASCII or control characters — is refused, so that the
// value can never change the rest of the policy.
func CheckFrameAncestors(v string) error {
	for _, c := range v {
		if c < ' ' && c != '\t' || c == 0x7f {
			return fmt.Errorf("webserve: frame-ancestors: control character %q in %q", c, v)
		}
	}
	srcs := strings.Fields(v)
	if len(srcs) == 0 {
		return fmt.Errorf("webserve: frame-ancestors: empty source list (use 'none' to forbid framing)")
	}
	for _, s := range srcs {
		if s == "'none'" && len(srcs) > 1 {
			return fmt.Errorf("webserve: frame-ancestors: 'none' must be the only source, got %q", v)
		}
		if !validSource(s) {
			return fmt.Errorf("webserve: frame-ancestors: %q is not a source (want *, 'self', 'none', a scheme like https: or a host like https://docs.example.com)", s)
		}
	}
	return nil
}

func validSource(s string) bool {
	switch s {
	case "*", "'self'", "'none'":
		return true
	}
	if len(s) > 256 {
		return false
	}
	scheme, rest, hasScheme := strings.Cut(s, "://")
	if !hasScheme {
		rest = s
		// a scheme-source: "https:"
		if n := len(s); n > 1 && s[n-1] == ':' && isScheme(s[:n-1]) {
			return true
		}
	} else if !isScheme(scheme) {
		return false
	}
	host, tail := rest, ""
	if i := strings.IndexAny(rest, ":/"); i >= 0 {
		host, tail = rest[:i], rest[i:]
	}
	host = strings.TrimPrefix(host, "*.")
	if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
		return false
	}
	for _, c := range host {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	if strings.HasPrefix(tail, ":") {
		port := tail[1:]
		if i := strings.IndexByte(port, '/'); i >= 0 {
			port, tail = port[:i], port[i:]
		} else {
			tail = ""
		}
		if port != "*" {
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '+' {
				return false
			}
		}
	}
	for _, c := range tail { // a path: RFC 3986 path characters, no ';' or ','
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-._~/%!$&'()*+=:@", c)) {
			return false
		}
	}
	return true
}

func isScheme(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

type handler struct {
	dir      string
	embedCSP string // the policy of the embed page
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", CSP)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		httpError(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		notFound(w)
		return
	}
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	f, info, err := h.open(name)
	if err != nil {
		notFound(w)
		return
	}
	if info.IsDir() {
		f.Close()
		// A directory with an index gets its canonical slash; no listings.
		if idx, iinfo, err := h.open(path.Join(name, "index.html")); err == nil {
			idx.Close()
			if iinfo.Mode().IsRegular() {
				http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
				return
			}
		}
		notFound(w)
		return
	}
	defer f.Close()
	if !info.Mode().IsRegular() {
		notFound(w)
		return
	}

	hdr.Set("Content-Type", ContentType(name))
	hdr.Set("Cache-Control", "no-cache")
	if strings.EqualFold(path.Ext(name), ".html") {
		if name == EmbedPage {
			hdr.Set("Content-Security-Policy", h.embedCSP)
		} else {
			hdr.Set("Content-Security-Policy", CSP+"; frame-ancestors 'none'")
			hdr.Set("X-Frame-Options", "DENY")
		}
	}

	// Pick a precompressed variant that is at least as new as the file.
	var variants []string
	served, sinfo, encoding := f, info, ""
	for _, e := range encodings {
		vf, vinfo, err := h.open(name + e.ext)
		if err != nil {
			continue
		}
		if !vinfo.Mode().IsRegular() || vinfo.ModTime().Before(info.ModTime()) {
			vf.Close()
			continue
		}
		variants = append(variants, e.name)
		if encoding == "" && accepts(r.Header.Get("Accept-Encoding"), e.name) {
			served, sinfo, encoding = vf, vinfo, e.name
			defer vf.Close()
			continue
		}
		vf.Close()
	}
	if len(variants) > 0 {
		hdr.Add("Vary", "Accept-Encoding")
	}
	if encoding != "" {
		// ServeContent leaves out Content-Length for an encoded body, and
		// the page's load progress needs it. Byte ranges of a compressed
		// copy are of no use to anyone, so the full copy is always sent.
		hdr.Set("Content-Encoding", encoding)
		hdr.Set("Content-Length", strconv.FormatInt(sinfo.Size(), 10))
		r = r.Clone(r.Context())
		r.Header.Del("Range")
		r.Header.Del("If-Range")
	}
	hdr.Set("ETag", etag(sinfo, encoding))
	http.ServeContent(w, r, name, sinfo.ModTime(), served)
}

// open opens name (slash-separated, relative) inside h.dir; os.OpenInRoot
// refuses anything that would leave it, symbolic links included.
func (h *handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(h.dir, filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// cleanPath turns a URL path into a relative file name. It refuses ".."
// segments, dot files, backslashes and NUL bytes instead of cleaning them
// away, so that a path meaning something else is never served.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	name := strings.Trim(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	return name, true
}

// accepts reports whether an Accept-Encoding header value allows coding:
// listed with q > 0, or covered by "*" with q > 0 and not listed with q=0.
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q = f
			}
		}
		switch name {
		case coding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

// etag is a strong validator of one representation: its size, its
// modification time and its content coding.
func etag(info fs.FileInfo, encoding string) string {
	tag := strconv.FormatInt(info.ModTime().UnixNano(), 36) + "-" + strconv.FormatInt(info.Size(), 36)
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
}

func notFound(w http.ResponseWriter) {
	httpError(w, "404 page not found", http.StatusNotFound)
}

func httpError(w http.ResponseWriter, msg string, code int) {
	h := w.Header()
	h.Del("Content-Encoding")
	h.Del("ETag")
	h.Del("Vary")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

// CheckBuilt reports an error when dir has no main.wasm, the output of
// scripts/build.sh, so that a server is not started in front of a page that
// cannot load.
func CheckBuilt(dir string) error {
	p := filepath.Join(dir, "main.wasm")
	info, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("webserve: %s is missing: run scripts/build.sh first", p)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("webserve: %s is not a regular file: run scripts/build.sh first", p)
	}
	return nil
}
