//go:build !js

package export_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"umplay/wasm/export"
	"umplay/wasm/export/exporttest"
)

// echo answers every request with what arrived: the request URI, the
// Content-Type, the SOAPAction fields, the body's length and SHA-256.
func echo(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	sum := sha256.Sum256(b)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusTeapot) // not 200: the snippets must print any status
	fmt.Fprintf(w, "%s %s\ncontent-type %q\nsoapaction %q\nlength %d\nsha256 %s\n",
		r.Method, r.URL.RequestURI(), r.Header.Values("Content-Type"), r.Header.Values("SOAPAction"), len(b), hex.EncodeToString(sum[:]))
}

func want(r export.Request, uri string) string {
	sum := sha256.Sum256([]byte(r.Body))
	var actions []string
	if r.SOAPActionPresent {
		actions = []string{r.SOAPAction}
	}
	return fmt.Sprintf("POST %s\ncontent-type %q\nsoapaction %q\nlength %d\nsha256 %s\n",
		uri, []string{export.ContentType}, actions, len(r.Body), hex.EncodeToString(sum[:]))
}

// TestSnippetsSendExactly runs the curl, Go and Python snippets of the
// golden cases against a server that echoes what it got: the body's bytes
// (by length and hash), the SOAPAction as given, the URL, and the printed
// status and body are checked.
func TestSnippetsSendExactly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs curl, go and python3")
	}
	srv := httptest.NewServer(http.HandlerFunc(echo))
	defer srv.Close()
	uris := map[string]string{
		"docs":       "/EWS/UM2007Legacy.asmx",
		"nasty-lf":   "/EWS/UM2007Legacy.asmx?x=%271%27&y=$z",
		"nasty-crlf": "/UnifiedMessaging/Service.asmx",
		"utf16":      "/EWS/UM2007Legacy.asmx",
		"empty":      "/",
	}
	for _, c := range cases() {
		uri := uris[c.name]
		r := c.req
		r.Endpoint = srv.URL + uri
		for _, lang := range exporttest.Languages {
			code, err := export.Snippet(lang, r)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, lang, err)
			}
			got, err := exporttest.Run(context.Background(), t.TempDir(), lang, code)
			if errors.Is(err, exporttest.ErrUnavailable) && lang == "python-requests" {
				t.Logf("%s %s: %v", c.name, lang, err)
				continue
			}
			if err != nil {
				t.Errorf("%s %s: %v\n%s", c.name, lang, err, code)
				continue
			}
			if w := want(r, uri); got.Status != http.StatusTeapot || got.Body != w {
				t.Errorf("%s %s printed status %d and\n%s\nwant %d and\n%s", c.name, lang, got.Status, got.Body, http.StatusTeapot, w)
			}
		}
	}
}

type namedReq struct {
	name string
	req  export.Request
}

// cases are the golden cases of export_test.go, rebuilt here (this is the
// external test package).
func cases() []namedReq {
	docs := strings.Join([]string{
		`<?xml version="1.0" encoding="utf-8"?>`,
		`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">`,
		`  <soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>x</CallId></Disconnect></soap:Body>`,
		`</soap:Envelope>`, ""}, "\n")
	nasty := "<!-- $HOME ${PATH} $(id) `id` %s %n \\n \\\\ 'single' \"double\" @' \"@ {0} -->\n" +
		"\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\n<x/>"
	crlf := strings.ReplaceAll(nasty+"\n'@\n  ’@\nend\n", "\n", "\r\n")
	utf16 := "\xff\xfe<\x00?\x00x\x00\n\x00\x00\x00\xff"
	return []namedReq{
		{"docs", export.Request{SOAPActionPresent: true, SOAPAction: `"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`, Body: docs}},
		{"nasty-lf", export.Request{Body: nasty}},
		{"nasty-crlf", export.Request{SOAPActionPresent: true, SOAPAction: "http://x/Disconnect 'q' $y", Body: crlf}},
		{"utf16", export.Request{SOAPActionPresent: true, SOAPAction: "", Body: utf16}},
		{"empty", export.Request{SOAPActionPresent: true, SOAPAction: `"it's $x"`, Body: ""}},
	}
}
