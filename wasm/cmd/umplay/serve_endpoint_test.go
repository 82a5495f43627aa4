package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"umplay/wasm/endpoint"
	"umplay/wasm/export"
	"umplay/wasm/export/exporttest"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// startServe runs `umplay serve --port 0` in-process on a stub page with
// the simulator configuration sim and returns its base URL (no final
// slash) and its standard error. The server stops when the test ends.
func startServe(t *testing.T, sim umsim.Config, args ...string) (string, *syncBuffer) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"main.wasm": "\x00asm", "index.html": "<!doctype html>"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- serveWith(ctx, append([]string{"--port", "0", "--dir", dir}, args...), &out, &errb, sim)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`umplay: serving .* on (http://127\.0\.0\.1:\d+)/\n`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], &errb
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d: %s%s", code, out.String(), errb.String())
		default:
		}
	}
	t.Fatalf("serve printed no URL: %q %q", out.String(), errb.String())
	return "", nil
}

const playOnPhoneBody = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <entryId>AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQg==</entryId>
      <DialString>+14255550100</DialString>
    </PlayOnPhone>
  </soap:Body>
</soap:Envelope>
`

func callIDBody(op soap.Operation, id string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <` + string(op) + ` xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>` + id + `</CallId>
    </` + string(op) + `>
  </soap:Body>
</soap:Envelope>
`
}

var playResponse = regexp.MustCompile(`<PlayOnPhoneResponse>([^<]*)</PlayOnPhoneResponse>`)

// TestServeSnippets is the "done when": the generated curl, Go and
// Python (standard library) snippets, run for real against `umplay serve`,
// get what a fresh in-process simulator answers for the same sequence of
// requests — a valid Disconnect (200), the pt-BR doc sample (500, the
// fault), and PlayOnPhone → GetCallInfo → Disconnect with the CallId the
// PlayOnPhone answer gave.
func TestServeSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs curl, go and python3")
	}
	// A call rings for an hour, so that GetCallInfo says Connecting however
	// slowly `go run` starts.
	cfg := umsim.Config{RingTime: time.Hour}
	base, logs := startServe(t, cfg)
	ref := umsim.New(cfg)
	url := base + endpoint.Path
	en := readTestdata(t, "disconnect-docs-en.xml")
	ptBR := readTestdata(t, "disconnect-docs-pt-br.xml")
	disconnect := soap.Disconnect.QuotedAction()
	requests := 0

	// send runs the snippet of lang for body, and the same request through
	// ref; it returns both answers.
	send := func(lang, action, body string) (exporttest.Result, umsim.Response) {
		t.Helper()
		code, err := export.Snippet(lang, export.Request{Endpoint: url, SOAPActionPresent: true, SOAPAction: action, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		got, err := exporttest.Run(context.Background(), t.TempDir(), lang, code)
		if err != nil {
			t.Fatalf("%v\n%s", err, code)
		}
		requests++
		want := ref.Handle(umsim.Request{Method: "POST", Header: []umsim.Header{
			{Name: "Content-Type", Value: export.ContentType}, {Name: "SOAPAction", Value: action}}, Body: body})
		return got, want
	}
	check := func(what, lang string, got exporttest.Result, want umsim.Response, status int) {
		t.Helper()
		if got.Status != want.Status || got.Body != want.Body {
			t.Errorf("%s with %s: got %d\n%s\nthe simulator answers %d\n%s", what, lang, got.Status, got.Body, want.Status, want.Body)
		}
		if got.Status != status {
			t.Errorf("%s with %s: status %d, want %d", what, lang, got.Status, status)
		}
	}

	for _, lang := range []string{"curl", "go", "python"} {
		got, want := send(lang, disconnect, en)
		check("the valid Disconnect", lang, got, want, 200)
		if !strings.Contains(got.Body, "<DisconnectResponse ") {
			t.Errorf("the valid Disconnect with %s: no DisconnectResponse in\n%s", lang, got.Body)
		}

		got, want = send(lang, disconnect, ptBR)
		check("the pt-BR sample", lang, got, want, 500)
		// Contract v2: the skipped element leaves Disconnect without a
		// CallId, and MS-OXWUMS 2.2.2.1 answers F2.
		if !strings.Contains(got.Body, "a:ErrorInvalidRequest</faultcode>") {
			t.Errorf("the pt-BR sample with %s: not the F2 fault in\n%s", lang, got.Body)
		}

		got, want = send(lang, soap.PlayOnPhone.QuotedAction(), playOnPhoneBody)
		m, wm := playResponse.FindStringSubmatch(got.Body), playResponse.FindStringSubmatch(want.Body)
		if got.Status != 200 || m == nil || wm == nil {
			t.Fatalf("PlayOnPhone with %s: %d\n%s", lang, got.Status, got.Body)
		}
		// The CallIds are random; the rest is the simulator's.
		if strings.Replace(got.Body, m[1], "ID", 1) != strings.Replace(want.Body, wm[1], "ID", 1) {
			t.Errorf("PlayOnPhone with %s:\n%s\nthe simulator answers\n%s", lang, got.Body, want.Body)
		}
		id, refID := m[1], wm[1]

		got, _ = send(lang, soap.GetCallInfo.QuotedAction(), callIDBody(soap.GetCallInfo, id))
		want = ref.Handle(umsim.Request{Method: "POST", Header: []umsim.Header{{Name: "Content-Type", Value: export.ContentType}, {Name: "SOAPAction", Value: soap.GetCallInfo.QuotedAction()}},
			Body: callIDBody(soap.GetCallInfo, refID)})
		check("GetCallInfo of the new call", lang, got, want, 200)
		if !strings.Contains(got.Body, "<CallState>Connecting</CallState>") {
			t.Errorf("GetCallInfo with %s: not Connecting:\n%s", lang, got.Body)
		}

		got, want = send(lang, disconnect, callIDBody(soap.Disconnect, id))
		ref.Handle(umsim.Request{Method: "POST", Header: []umsim.Header{{Name: "Content-Type", Value: export.ContentType}, {Name: "SOAPAction", Value: disconnect}},
			Body: callIDBody(soap.Disconnect, refID)})
		check("Disconnect of the new call", lang, got, want, 200)

		// The server kept the call: it is Disconnected now.
		hr, _ := http.NewRequest("POST", url, strings.NewReader(callIDBody(soap.GetCallInfo, id)))
		hr.Header.Set("Content-Type", export.ContentType)
		hr.Header["SOAPAction"] = []string{soap.GetCallInfo.QuotedAction()}
		resp, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		requests++
		if !strings.Contains(string(b), "<CallState>Disconnected</CallState>") {
			t.Errorf("after Disconnect with %s, GetCallInfo says\n%s", lang, b)
		}
	}

	// One log line per request on standard error.
	n := 0
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.HasPrefix(l, "umplay: POST /EWS/UM2007Legacy.asmx SOAPAction=") {
			n++
		}
	}
	if n != requests {
		t.Errorf("%d request log lines for %d requests:\n%s", n, requests, logs.String())
	}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// debianPython is the interpreter Debian's python3-zeep installs for
// (the python3 first on PATH may be another one).
const debianPython = "/usr/bin/python3"

const zeepScript = `import sys
import zeep
from zeep.exceptions import Fault

client = zeep.Client(sys.argv[1])
print('disconnect', repr(client.service.Disconnect(CallId=sys.argv[2])))
call = client.service.PlayOnPhone(entryId=sys.argv[3], DialString='+14255550100')
print('play', call)
info = client.service.GetCallInfo(CallId=call)
print('info', info.CallState, info.EventCause)
print('hangup', repr(client.service.Disconnect(CallId=call)))
info = client.service.GetCallInfo(CallId=call)
print('after', info.CallState, info.EventCause)
try:
    client.service.Disconnect(CallId='not a call id')
    print('no fault')
except Fault as f:
    print('fault', f.code, '|', f.message)
`

// TestServeZeep imports the served WSDL with a real SOAP client, Python's
// zeep (Debian's python3-zeep, which scripts/test.sh installs), and calls
// the service through it: Disconnect's empty response is None, a call's
// lifecycle goes through, a bad CallId raises zeep.exceptions.Fault.
func TestServeZeep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs python3 with zeep")
	}
	if err := exec.Command(debianPython, "-c", "import zeep").Run(); err != nil {
		t.Fatalf("%s cannot import zeep (%v): apt-get install python3-zeep (scripts/test.sh does it)", debianPython, err)
	}
	base, _ := startServe(t, umsim.Config{RingTime: time.Hour})
	script := filepath.Join(t.TempDir(), "zeep_client.py")
	if err := os.WriteFile(script, []byte(zeepScript), 0o644); err != nil {
		t.Fatal(err)
	}
	const entryID = "AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQg=="
	for _, path := range []string{endpoint.Path, endpoint.Path2007} {
		cmd := exec.Command(debianPython, script, base+path+"?wsdl", docsCallID, entryID)
		cmd.Env = append(os.Environ(), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("zeep client on %s: %v\n%s", path, err, out)
		}
		got := string(out)
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^disconnect None$`),
			regexp.MustCompile(`(?m)^play [A-Za-z0-9+/]+=*$`),
			regexp.MustCompile(`(?m)^info Connecting None$`),
			regexp.MustCompile(`(?m)^hangup None$`),
			regexp.MustCompile(`(?m)^after Disconnected None$`),
			regexp.MustCompile(`(?m)^fault \S*InvalidCallIdException \| The call identifier isn't valid\.$`),
		} {
			if !want.MatchString(got) {
				t.Errorf("zeep client on %s: no line matching %s in\n%s", path, want, got)
			}
		}
	}
}

const docsCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

// TestServeDropsSilentClient (issue 7): a client that declares a body and
// never sends it, or never finishes its header, is dropped once the read
// timeout has passed, on the service's path and on the page's.
func TestServeDropsSilentClient(t *testing.T) {
	const timeout = 300 * time.Millisecond
	base, _ := startServe(t, umsim.Config{}, "--read-timeout", timeout.String())
	addr := strings.TrimPrefix(base, "http://")
	for _, c := range []struct{ name, head string }{
		{"POST to the service, no body", "POST " + endpoint.Path + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nSOAPAction: \"x\"\r\nContent-Length: 100\r\n\r\n"},
		{"POST to the page, no body", "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"},
		{"GET with a body never sent", "GET /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"},
		{"header never finished", "POST " + endpoint.Path + " HTTP/1.1\r\nHost: x\r\n"},
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		io.WriteString(conn, c.head)
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		got, err := io.ReadAll(bufio.NewReader(conn))
		took := time.Since(start)
		conn.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%s: the server still held the connection after 10s (read %q)", c.name, got)
			continue
		}
		if took > 5*time.Second {
			t.Errorf("%s: the server closed after %v, want about %v", c.name, took, timeout)
		}
		t.Logf("%s: closed after %v; read %q", c.name, took.Round(time.Millisecond), statusLine(got))
	}
}

func statusLine(b []byte) string {
	l, _, _ := strings.Cut(string(b), "\r\n")
	return l
}

func TestServeReadTimeoutFlag(t *testing.T) {
	for _, args := range [][]string{{"--read-timeout", "0s"}, {"--read-timeout", "soon"}} {
		var out, errb syncBuffer
		if code := serve(context.Background(), append(args, "--port", "0"), &out, &errb); code != 2 {
			t.Errorf("serve %q = %d, want 2; stderr %q", args, code, errb.String())
		}
	}
}
