// Package endpoint serves the simulated UM web service (package umsim) over
// real HTTP, so that SoapUI, a .NET proxy, Python's zeep or curl can call it
// like an Exchange server: POST /EWS/UM2007Legacy.asmx (Exchange 2010 and
// later) and POST /UnifiedMessaging/Service.asmx (Exchange 2007) go to one
// stateful simulator (MS-OXWUMS 3.1.4; the decision order of behaviour.md),
// and GET …?wsdl serves the service's WSDL (MS-OXWUMS section 6: SOAP 1.1,
// document/literal) with a soap:address of the URL it was asked for.
//
// The response is written from umsim.Response as it is: status code and
// reason phrase, header fields in order, body (none for a 400 or a 415).
// Bodies are capped at MaxBody bytes (413 beyond, without reading on), and
// every request gets one log line: method, path, SOAPAction, status.
package endpoint

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// The service's URL paths; they match without regard to case, as on IIS.
const (
	Path     = "/EWS/UM2007Legacy.asmx"         // Exchange 2010 and later
	Path2007 = "/UnifiedMessaging/Service.asmx" // Exchange 2007
)

// MaxBody is the largest request body read, the checker's own limit.
const MaxBody = soap.MaxBytes

//go:embed umws.wsdl
var wsdl string

// WSDL returns the service description with location as its soap:address.
func WSDL(location string) string {
	return strings.Replace(wsdl, "{{location}}", escapeAttr(location), 1)
}

func escapeAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			if r < ' ' || r == 0x7f || r == 0xfffd {
				fmt.Fprintf(&b, "%%%02X", r)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Simulator answers one request; *umsim.Server is one.
type Simulator interface {
	Handle(umsim.Request) umsim.Response
}

// Site routes the service's paths to the simulator and everything else to
// Static, and logs every request.
type Site struct {
	Sim    Simulator
	Static http.Handler // nil: 404 for other paths
	Log    io.Writer    // one line per request; nil: none

	mu sync.Mutex // serializes log lines
}

// IsService tells whether a URL path is one of the service's.
func IsService(path string) bool {
	return strings.EqualFold(path, Path) || strings.EqualFold(path, Path2007)
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	var status int
	if IsService(r.URL.Path) {
		status = s.service(w, r)
	} else {
		rec := &recorder{ResponseWriter: w}
		if s.Static != nil {
			s.Static.ServeHTTP(rec, r)
		} else {
			http.NotFound(rec, r)
		}
		status = rec.code()
	}
	s.log(r, status, time.Since(start))
}

// log writes "METHOD PATH SOAPAction=VALUE STATUS DURATION"; values that are
// not plain printable ASCII are quoted, so a client cannot forge lines.
func (s *Site) log(r *http.Request, status int, d time.Duration) {
	if s.Log == nil {
		return
	}
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	action := "-"
	if v, ok := r.Header["Soapaction"]; ok && len(v) > 0 {
		action = logValue(v[0])
	}
	line := fmt.Sprintf("umplay: %s %s SOAPAction=%s %d %s\n",
		logValue(r.Method), logValue(target), action, status, d.Round(time.Microsecond))
	s.mu.Lock()
	defer s.mu.Unlock()
	io.WriteString(s.Log, line)
}

func logValue(v string) string {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '\\' {
			return strconv.Quote(v)
		}
	}
	if v == "" {
		return `""`
	}
	return v
}

// service answers a request to the service's paths and returns the status
// sent.
func (s *Site) service(w http.ResponseWriter, r *http.Request) int {
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && wantsWSDL(r) {
		return serveWSDL(w, r)
	}
	if r.ContentLength > MaxBody {
		return tooLarge(w)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var mb *http.MaxBytesError
		switch {
		case errors.As(err, &mb):
			return tooLarge(w)
		case errors.Is(err, os.ErrDeadlineExceeded):
			// The client declared a body it did not send in time
			// (http.Server.ReadTimeout).
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusRequestTimeout)
			return http.StatusRequestTimeout
		}
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusBadRequest)
		return http.StatusBadRequest
	}
	resp := s.Sim.Handle(umsim.Request{Method: r.Method, Header: headers(r.Header), Body: requestText(body)})
	return write(w, resp)
}

// requestText is the request body as the simulator reads it. Today the
// bytes as they are; a BOM- and UTF-16-aware decoder belongs here.
//
// A byte order mark is read the way .NET's XmlReader reads it, whatever the
// charset says (behaviour.md "Encodings"): UTF-8's is dropped and UTF-16 is
// decoded. Bytes that are not text are passed on as they are, so the
// simulator's reader fails on them (400), as ASMX's does.
func requestText(b []byte) string {
	if text, err := soap.DecodeText(b); err == nil {
		return text
	}
	return string(b)
}

// headers lists h's fields, names sorted, values in the order received
// (umsim matches names without regard to case).
func headers(h http.Header) []umsim.Header {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []umsim.Header
	for _, n := range names {
		for _, v := range h[n] {
			out = append(out, umsim.Header{Name: n, Value: v})
		}
	}
	return out
}

// wantsWSDL tells whether the query is ASMX's ?wsdl (any case).
func wantsWSDL(r *http.Request) bool {
	for k := range r.URL.Query() {
		if strings.EqualFold(k, "wsdl") {
			return true
		}
	}
	return false
}

func serveWSDL(w http.ResponseWriter, r *http.Request) int {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	body := WSDL(scheme + "://" + r.Host + r.URL.EscapedPath())
	h := w.Header()
	h.Set("Content-Type", "text/xml; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.WriteString(w, body)
	}
	return http.StatusOK
}

// tooLarge answers a body over MaxBody: 413, no body, and the connection
// is closed rather than the rest read.
func tooLarge(w http.ResponseWriter) int {
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	return http.StatusRequestEntityTooLarge
}

// write sends resp as it is. net/http writes the standard reason phrase of
// a status; a response with another one is written on the hijacked
// connection instead.
func write(w http.ResponseWriter, resp umsim.Response) int {
	if resp.StatusText != http.StatusText(resp.Status) {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, buf, err := hj.Hijack(); err == nil {
				defer conn.Close()
				buf.WriteString(rawWithClose(resp))
				buf.Flush()
				return resp.Status
			}
		}
	}
	h := w.Header()
	for _, f := range resp.Header {
		h.Add(f.Name, f.Value)
	}
	if len(h.Values("Content-Length")) == 0 {
		h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	}
	w.WriteHeader(resp.Status)
	io.WriteString(w, resp.Body)
	return resp.Status
}

// rawWithClose is resp on the wire with Connection: close (the connection
// ends after it) and a Content-Length if it had none.
func rawWithClose(resp umsim.Response) string {
	hasLen := false
	for _, f := range resp.Header {
		if strings.EqualFold(f.Name, "Content-Length") {
			hasLen = true
		}
	}
	if !hasLen {
		resp.Header = append(resp.Header, umsim.Header{Name: "Content-Length", Value: strconv.Itoa(len(resp.Body))})
	}
	resp.Header = append(resp.Header, umsim.Header{Name: "Connection", Value: "close"})
	return resp.Raw()
}

// recorder remembers the status a handler sent.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

func (r *recorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
