package umsim

import (
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"umplay/wasm/soap"
)

// clock is a fake clock the tests advance by hand.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// epoch is the fake clock's start.
var epoch = time.Date(2024, 6, 20, 12, 0, 0, 0, time.UTC)

// randBytes is a fixed, non-repeating byte stream standing in for
// crypto/rand (ChaCha8's output for a seed is specified, so it is stable).
func randBytes() io.Reader {
	return rand.NewChaCha8([32]byte{'u', 'm', 'p', 'l', 'a', 'y'})
}

// newTestServer returns a server on a fake clock with fixed randomness.
func newTestServer() (*Server, *clock) {
	c := &clock{t: epoch}
	return New(Config{Now: c.Now, Rand: randBytes()}), c
}

// post is a POST with the usual Content-Type and the SOAPAction of op.
func post(op soap.Operation, body string) Request {
	return Request{
		Method: "POST",
		Header: []Header{
			{"Content-Type", "text/xml; charset=utf-8"},
			{"SOAPAction", op.QuotedAction()},
		},
		Body: body,
	}
}

// envelope wraps an operation element in a SOAP 1.1 envelope.
func envelope(inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    ` + inner + `
  </soap:Body>
</soap:Envelope>
`
}

func disconnectReq(id string) Request {
	return post(soap.Disconnect, envelope(`<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>`+id+`</CallId></Disconnect>`))
}

func getCallInfoReq(id string) Request {
	return post(soap.GetCallInfo, envelope(`<GetCallInfo xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>`+id+`</CallId></GetCallInfo>`))
}

func playOnPhoneReq(entryID, dial string) Request {
	return post(soap.PlayOnPhone, envelope(`<PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><entryId>`+entryID+`</entryId><DialString>`+dial+`</DialString></PlayOnPhone>`))
}

func greetingReq(kind, dial string) Request {
	return post(soap.PlayOnPhoneGreeting, envelope(`<PlayOnPhoneGreeting xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><GreetingType>`+kind+`</GreetingType><DialString>`+dial+`</DialString></PlayOnPhoneGreeting>`))
}

// docsCallID is the CallId of the documentation's Disconnect example.
const docsCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

// checkWire checks what every response must satisfy, whatever it says:
// the status line matches the status, Content-Length counts the body's
// bytes, Raw is head + body, and a SOAP body is well-formed XML whose
// faultcode, faultstring and ExceptionType agree with r.Fault.
func checkWire(t *testing.T, r Response) {
	t.Helper()
	wantText := map[int]string{200: "OK", 400: "Bad Request", 405: "Method Not Allowed", 415: "Unsupported Media Type", 500: "Internal Server Error"}[r.Status]
	if wantText == "" || r.StatusText != wantText {
		t.Errorf("status %d %q: not one the server sends", r.Status, r.StatusText)
	}
	h := r.HeaderMap()
	if got, want := h["Content-Length"], strconv.Itoa(len(r.Body)); got != want {
		t.Errorf("Content-Length = %q, want %q", got, want)
	}
	if h["Cache-Control"] != "private" {
		t.Errorf("Cache-Control = %q, want private", h["Cache-Control"])
	}
	head, body, ok := strings.Cut(r.Raw(), "\r\n\r\n")
	if !ok || body != r.Body || !strings.HasPrefix(head, fmt.Sprintf("HTTP/1.1 %d %s\r\n", r.Status, r.StatusText)) {
		t.Errorf("Raw() = %q: not status line, CRLF header fields, blank line, body", r.Raw())
	}
	if strings.TrimSpace(r.Explain) == "" {
		t.Errorf("Explain is empty")
	}
	if r.Status == 405 {
		if h["Allow"] != "POST" || r.Fault != nil {
			t.Errorf("405: Allow = %q, Fault = %v; want POST, nil", h["Allow"], r.Fault)
		}
		return
	}
	if h["Content-Type"] != "text/xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", h["Content-Type"])
	}
	if r.Status == 400 || r.Status == 415 {
		// ASMX writes no body for a status other than 500.
		if r.Body != "" || r.Fault != nil {
			t.Errorf("%d: body %q, Fault %v; want no body", r.Status, r.Body, r.Fault)
		}
		return
	}
	got := readFault(t, r.Body)
	switch {
	case r.Status == 200 && (got != nil || r.Fault != nil):
		t.Errorf("200 with a fault: body %v, Fault %v", got, r.Fault)
	case r.Status == 500 && (got == nil || r.Fault == nil):
		t.Errorf("500 without a fault: body %v, Fault %v", got, r.Fault)
	case got != nil && *got != *r.Fault:
		t.Errorf("body's fault %+v, Fault field %+v", *got, *r.Fault)
	}
}

// readFault parses a SOAP body and returns its fault, nil if it has none.
// The faultcode QName is resolved against the namespace declarations in
// scope, and ExceptionType is found whatever its namespace.
func readFault(t *testing.T, body string) *Fault {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	var scopes []map[string]string
	lookup := func(prefix string) string {
		for i := len(scopes) - 1; i >= 0; i-- {
			if ns, ok := scopes[i][prefix]; ok {
				return ns
			}
		}
		return ""
	}
	var f *Fault
	var path []string
	var text strings.Builder
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("body is not well-formed XML: %v\n%s", err, body)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			m := map[string]string{}
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" {
					m[a.Name.Local] = a.Value
				} else if a.Name.Space == "" && a.Name.Local == "xmlns" {
					m[""] = a.Value
				}
			}
			scopes = append(scopes, m)
			path = append(path, tok.Name.Space+":"+tok.Name.Local)
			if tok.Name.Local == "Fault" && lookup(tok.Name.Space) == soap.NSEnvelope {
				f = &Fault{}
			}
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if len(path) == 0 || path[len(path)-1] != tok.Name.Space+":"+tok.Name.Local {
				t.Fatalf("body has a stray end tag </%s:%s>\n%s", tok.Name.Space, tok.Name.Local, body)
			}
			if f != nil {
				switch tok.Name.Local {
				case "faultcode":
					pre, local, ok := strings.Cut(text.String(), ":")
					if !ok {
						pre, local = "", pre
					}
					f.Code, f.Namespace = local, lookup(pre)
				case "faultstring":
					f.String = text.String()
				case "ExceptionType":
					f.ExceptionType = text.String()
				}
			}
			scopes = scopes[:len(scopes)-1]
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	if len(path) != 0 {
		t.Fatalf("body ends inside <%s>", strings.Join(path, "/"))
	}
	return f
}
