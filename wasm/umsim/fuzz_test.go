package umsim

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"umplay/wasm/soap"
)

// fuzzMethods, fuzzTypes and fuzzActions are what the selectors of
// FuzzHandle pick from: the values the decision order tells apart.
var (
	fuzzMethods = []string{"POST", "", "GET", "post", "PUT"}
	fuzzTypes   = []string{"text/xml; charset=utf-8", "", "application/soap+xml", "text/plain", "TEXT/XML", "text/xml;charset=\"utf-16\""}
)

// FuzzHandle: Server.Handle never panics, whatever the method, media type,
// SOAPAction and body; a 400 or 415 has an empty body; any other non-empty
// body is well-formed XML read to its end (the 405's plain text excepted);
// Content-Length is the body's length in bytes.
func FuzzHandle(f *testing.F) {
	var docs []string
	for _, glob := range []string{filepath.Join("..", "..", "web", "examples", "*.xml"), filepath.Join("..", "soap", "testdata", "*.xml")} {
		names, _ := filepath.Glob(glob)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			docs = append(docs, string(b))
		}
	}
	if len(docs) == 0 {
		f.Fatal("no seed documents found")
	}
	for i, d := range docs {
		f.Add(d, uint8(0), uint8(0), uint8(i%len(soap.Operations)), "")
	}
	f.Add(docs[0], uint8(2), uint8(0), uint8(0), "")
	f.Add(docs[0], uint8(0), uint8(2), uint8(0), "")
	f.Add(docs[0], uint8(0), uint8(3), uint8(0), "")
	f.Add("", uint8(0), uint8(0), uint8(0), "")
	f.Add("<a", uint8(0), uint8(0), uint8(0), "")
	f.Add(strings.ReplaceAll(docs[0], "\n", "\r"), uint8(0), uint8(0), uint8(0), "")
	f.Add(docs[0], uint8(0), uint8(0), uint8(255), `"urn:x"`)
	f.Add(docs[0]+"\n<x", uint8(0), uint8(0), uint8(0), "")
	f.Fuzz(func(t *testing.T, body string, method, ctype, op uint8, action string) {
		if len(body) > soap.MaxBytes+1 {
			return
		}
		hdr := []Header{}
		if ct := fuzzTypes[int(ctype)%len(fuzzTypes)]; ct != "" {
			hdr = append(hdr, Header{"Content-Type", ct})
		}
		switch {
		case op == 255:
			hdr = append(hdr, Header{"SOAPAction", action})
		case int(op) < len(soap.Operations):
			hdr = append(hdr, Header{"SOAPAction", soap.Operations[op].QuotedAction()})
		case op == 254: // no SOAPAction
		default:
			hdr = append(hdr, Header{"SOAPAction", action})
		}
		s, _ := newTestServer()
		req := Request{Method: fuzzMethods[int(method)%len(fuzzMethods)], Header: hdr, Body: body}
		// The request on a fresh server, then again once a call is under way.
		for _, r := range []Request{req, post(soap.PlayOnPhone, fuzzPlayOnPhone()), req} {
			checkResponse(t, r, s.Handle(r))
		}
	})
}

// checkResponse holds one response to the promises of FuzzHandle.
func checkResponse(t *testing.T, req Request, r Response) {
	t.Helper()
	if r.Status < 200 || r.Status > 599 || r.StatusText == "" {
		t.Fatalf("status %d %q for %q", r.Status, r.StatusText, fuzzClip(req.Body))
	}
	h := r.HeaderMap()
	if cl := h["Content-Length"]; cl != strconv.Itoa(len(r.Body)) {
		t.Fatalf("%d: Content-Length %q, body is %d bytes, for %q", r.Status, cl, len(r.Body), fuzzClip(req.Body))
	}
	switch r.Status {
	case 400, 415:
		if r.Body != "" {
			t.Fatalf("%d with body %q for %q", r.Status, fuzzClip(r.Body), fuzzClip(req.Body))
		}
		return
	case 405:
		if !strings.HasPrefix(h["Content-Type"], "text/plain") {
			t.Fatalf("405 with Content-Type %q", h["Content-Type"])
		}
		return
	}
	if r.Body == "" {
		return
	}
	if !strings.HasPrefix(h["Content-Type"], "text/xml") {
		t.Fatalf("%d: body with Content-Type %q", r.Status, h["Content-Type"])
	}
	d := xml.NewDecoder(strings.NewReader(r.Body))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%d: body is not well-formed XML (%v) for %q:\n%s", r.Status, err, fuzzClip(req.Body), fuzzClip(r.Body))
		}
	}
}

// fuzzPlayOnPhone is a correct PlayOnPhone request.
func fuzzPlayOnPhone() string {
	return envelope(`<PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><entryId>QUJD</entryId><DialString>+1 425 555 0100</DialString></PlayOnPhone>`)
}

func fuzzClip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
