package endpoint

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

const docsCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

func envelope(op soap.Operation, inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <` + string(op) + ` xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">` + inner + `</` + string(op) + `>
  </soap:Body>
</soap:Envelope>
`
}

func fixedConfig() umsim.Config {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return umsim.Config{Now: func() time.Time { return t0 }, Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 4096))}
}

func newSite(t *testing.T, log io.Writer) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(&Site{Sim: umsim.New(fixedConfig()), Log: log,
		Static: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "static "+r.URL.Path) })})
	t.Cleanup(srv.Close)
	return srv
}

type req struct {
	method, path string
	header       []umsim.Header
	body         string
}

func (r req) do(t *testing.T, base string) *http.Response {
	t.Helper()
	hr, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range r.header {
		hr.Header[h.Name] = append(hr.Header[h.Name], h.Value)
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func xmlPost(op soap.Operation, body string) req {
	return req{"POST", Path, []umsim.Header{hdr("Content-Type", "text/xml; charset=utf-8"), hdr("SOAPAction", op.QuotedAction())}, body}
}

// TestAnswersLikeTheSimulator: over HTTP, each request of a sequence gets
// what a fresh umsim.Server answers for the same sequence: status, reason,
// header fields, body.
func TestAnswersLikeTheSimulator(t *testing.T) {
	srv := newSite(t, nil)
	ref := umsim.New(fixedConfig())
	play := xmlPost(soap.PlayOnPhone, "<entryId>AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==</entryId><DialString>+14255550100</DialString>")
	seq := []req{
		xmlPost(soap.Disconnect, envelope(soap.Disconnect, "<CallId>"+docsCallID+"</CallId>")),
		xmlPost(soap.Disconnect, strings.Replace(envelope(soap.Disconnect, "<CallId>"+docsCallID+"</CallId>"), "http://schemas.microsoft.com", "https://schemas.microsoft.com", 1)),
		xmlPost(soap.Disconnect, envelope(soap.Disconnect, "<CallId>not base64!</CallId>")),
		{"POST", Path2007, []umsim.Header{hdr("Content-Type", "text/xml")}, envelope(soap.Disconnect, "<CallId>x</CallId>")},
		{"POST", strings.ToLower(Path), []umsim.Header{hdr("Content-Type", "application/json"), hdr("SOAPAction", soap.Disconnect.QuotedAction())}, "{}"},
		xmlPost(soap.Disconnect, "<soap:Envelope"),
		{"GET", Path, nil, ""},
		{"PUT", Path, nil, "x"},
		{play.method, play.path, play.header, envelope(soap.PlayOnPhone, play.body)},
	}
	for i, r := range seq {
		want := ref.Handle(umsim.Request{Method: r.method, Header: r.header, Body: r.body})
		resp := r.do(t, srv.URL)
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Status != fmt.Sprintf("%d %s", want.Status, want.StatusText) || string(got) != want.Body {
			t.Errorf("request %d (%s %s): got %s\n%s\nwant %d %s\n%s", i, r.method, r.path, resp.Status, got, want.Status, want.StatusText, want.Body)
		}
		for _, h := range want.Header {
			if v := resp.Header.Values(h.Name); !slices.Contains(v, h.Value) {
				t.Errorf("request %d: header %s = %q, want %q", i, h.Name, v, h.Value)
			}
		}
		if want.Body == "" && resp.Header.Get("Content-Type") != "" && !slices.ContainsFunc(want.Header, func(h umsim.Header) bool { return h.Name == "Content-Type" }) {
			t.Errorf("request %d: an empty answer got a Content-Type %q", i, resp.Header.Get("Content-Type"))
		}
	}
	// The PlayOnPhone started a call on the endpoint's server, which the
	// next request sees: one server for all requests.
	id := ref.Calls()[0].ID // the same fixed randomness: the same CallId
	info := xmlPost(soap.GetCallInfo, envelope(soap.GetCallInfo, "<CallId>"+id+"</CallId>"))
	resp := info.do(t, srv.URL)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<CallState>") {
		t.Errorf("GetCallInfo of the call the endpoint started = %s\n%s", resp.Status, body)
	}
}

// wsdlDoc is the part of a WSDL the tests look at.
type wsdlDoc struct {
	Target   string `xml:"targetNamespace,attr"`
	Elements []struct {
		Name     string `xml:"name,attr"`
		Children []struct {
			Name string `xml:"name,attr"`
			Type string `xml:"type,attr"`
		} `xml:"complexType>sequence>element"`
	} `xml:"types>schema>element"`
	PortOps []struct {
		Name string `xml:"name,attr"`
	} `xml:"portType>operation"`
	BindingOps []struct {
		Name   string `xml:"name,attr"`
		Action struct {
			SOAPAction string `xml:"soapAction,attr"`
			Style      string `xml:"style,attr"`
		} `xml:"operation"`
	} `xml:"binding>operation"`
	Address struct {
		Location string `xml:"location,attr"`
	} `xml:"service>port>address"`
}

// TestWSDL: ?wsdl (any case, both paths) serves a WSDL whose operations,
// request children and SOAPActions are soap.Operations', with the
// requested URL as its address.
func TestWSDL(t *testing.T) {
	srv := newSite(t, nil)
	for _, p := range []string{Path + "?wsdl", Path2007 + "?WSDL", strings.ToUpper(Path) + "?Wsdl"} {
		resp := req{"GET", p, nil, ""}.do(t, srv.URL)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/xml; charset=utf-8" {
			t.Fatalf("GET %s = %s %q", p, resp.Status, resp.Header.Get("Content-Type"))
		}
		var d wsdlDoc
		if err := xml.Unmarshal(b, &d); err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		path, _, _ := strings.Cut(p, "?")
		if d.Address.Location != srv.URL+path {
			t.Errorf("GET %s: soap:address %q, want %q", p, d.Address.Location, srv.URL+path)
		}
		if d.Target != soap.NSMessages {
			t.Errorf("targetNamespace %q", d.Target)
		}
		var port, bound []string
		for _, o := range d.PortOps {
			port = append(port, o.Name)
		}
		for _, o := range d.BindingOps {
			bound = append(bound, o.Name)
			op, _ := soap.ParseOperation(o.Name)
			if o.Action.SOAPAction != op.Action() || o.Action.Style != "document" {
				t.Errorf("binding %s: soapAction %q style %q, want %q document", o.Name, o.Action.SOAPAction, o.Action.Style, op.Action())
			}
		}
		var ops []string
		for _, op := range soap.Operations {
			ops = append(ops, string(op))
		}
		if !slices.Equal(port, ops) || !slices.Equal(bound, ops) {
			t.Errorf("portType %v, binding %v; want %v", port, bound, ops)
		}
		elements := map[string][]string{}
		for _, e := range d.Elements {
			var kids []string
			for _, c := range e.Children {
				kids = append(kids, c.Name+" "+c.Type)
			}
			elements[e.Name] = kids
		}
		for _, op := range soap.Operations {
			var want []string
			for _, c := range op.Children() {
				typ := strings.Replace(op.ChildType(c), "xs:", "s:", 1)
				if c == "GreetingType" {
					typ = "tns:UMGreetingType"
				}
				want = append(want, c+" "+typ)
			}
			if got, ok := elements[string(op)]; !ok || !slices.Equal(got, want) {
				t.Errorf("element %s has children %v, want %v", op, got, want)
			}
			if _, ok := elements[op.Response()]; !ok {
				t.Errorf("no element %s", op.Response())
			}
		}
	}
}

func TestWSDLAddressEscaped(t *testing.T) {
	got := WSDL(`http://a"><x y='1'>&/`)
	var d wsdlDoc
	if err := xml.Unmarshal([]byte(got), &d); err != nil {
		t.Fatal(err)
	}
	if d.Address.Location != `http://a"><x y='1'>&/` {
		t.Errorf("location = %q", d.Address.Location)
	}
}

// TestBodyCap: a body over MaxBody gets 413 and no more is read, whether
// its length is declared or not.
func TestBodyCap(t *testing.T) {
	srv := newSite(t, nil)
	big := strings.Repeat("x", MaxBody+1)
	for _, chunked := range []bool{false, true} {
		hr, _ := http.NewRequest("POST", srv.URL+Path, strings.NewReader(big))
		if chunked {
			hr.Body = io.NopCloser(strings.NewReader(big)) // unknown length: chunked
			hr.ContentLength = -1
		}
		hr.Header.Set("SOAPAction", soap.Disconnect.QuotedAction())
		resp, err := http.DefaultClient.Do(hr)
		if err != nil {
			// The server may close before the client finished sending.
			t.Logf("chunked=%v: %v", chunked, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || len(b) != 0 {
			t.Errorf("chunked=%v: %d-byte body = %s %q, want 413 and no body", chunked, len(big), resp.Status, b)
		}
	}
	// MaxBody itself is read and handed on.
	resp := xmlPost(soap.Disconnect, strings.Repeat(" ", MaxBody)).do(t, srv.URL)
	resp.Body.Close()
	if resp.StatusCode == http.StatusRequestEntityTooLarge {
		t.Errorf("a %d-byte body got 413", MaxBody)
	}
}

// oddSim answers with a reason phrase net/http would not write.
type oddSim struct{}

func (oddSim) Handle(umsim.Request) umsim.Response {
	return umsim.Response{Status: 500, StatusText: "Server Fell Over", Header: []umsim.Header{hdr("Content-Type", "text/xml; charset=utf-8")}, Body: "<x/>"}
}

func TestReasonPhraseKept(t *testing.T) {
	srv := httptest.NewServer(&Site{Sim: oddSim{}})
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", Path)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	all, _ := io.ReadAll(bufio.NewReader(conn))
	want := "HTTP/1.1 500 Server Fell Over\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 4\r\nConnection: close\r\n\r\n<x/>"
	if string(all) != want {
		t.Errorf("raw answer = %q, want %q", all, want)
	}
}

// TestLog: one line per request, the service's and the static files',
// with method, path, SOAPAction (quoted when needed, - when absent) and
// status; a value cannot start a line of its own.
func TestLog(t *testing.T) {
	var log syncBuf
	srv := newSite(t, &log)
	xmlPost(soap.Disconnect, envelope(soap.Disconnect, "<CallId>"+docsCallID+"</CallId>")).do(t, srv.URL).Body.Close()
	req{"GET", Path + "?wsdl", nil, ""}.do(t, srv.URL).Body.Close()
	req{"GET", "/index.html", nil, ""}.do(t, srv.URL).Body.Close()
	req{"POST", Path, []umsim.Header{hdr("SOAPAction", "evil\tumplay: GET / 200")}, ""}.do(t, srv.URL).Body.Close()
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	want := []string{
		`umplay: POST /EWS/UM2007Legacy.asmx SOAPAction="\"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect\"" 200 `,
		`umplay: GET /EWS/UM2007Legacy.asmx?wsdl SOAPAction=- 200 `,
		`umplay: GET /index.html SOAPAction=- 200 `,
		`umplay: POST /EWS/UM2007Legacy.asmx SOAPAction="evil\tumplay: GET / 200" `,
	}
	if len(lines) != len(want) {
		t.Fatalf("log has %d lines, want %d:\n%s", len(lines), len(want), log.String())
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("log line %d = %q, want it to start %q", i, lines[i], want[i])
		}
	}
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func hdr(name, value string) umsim.Header { return umsim.Header{Name: name, Value: value} }
