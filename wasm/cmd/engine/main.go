//go:build js && wasm

// Command engine is the engine baseline of the browser benchmark
// (scripts/bench-browser.sh): the playground's engine without its page — the
// checker, the simulated server, the CallId decoder, the builder, Format and
// "fix all", in both catalogs' languages — called from JavaScript, with no
// DOM wiring, no editor, no share links, lessons, export or embedding. Its
// brotli size against the floor's says how much of the module budget the
// engine alone takes. It is built with the flags of scripts/build.sh and
// never shipped.
//
// It installs window.umplayEngine and then says it is ready the way the
// playground does (<html data-umplay="ready">):
//
//	summary(xml, lang) → "valid, 0 diagnostics, HTTP 200", as the benchmark
//	                     summarises window.umplay.check (lang "en" or "pt-BR")
//	decode(callId)     → the decoded text, or the decoder's first problem
//	                     (in Portuguese, so that both catalogs are linked)
//	build(callId)      → a Disconnect envelope for callId
//	format(xml)        → xml re-indented, or the error
//	fixAll(xml)        → xml with every safe fix applied
//	send(xml)          → the simulated server's status line, changing its calls
package main

import (
	"crypto/rand"
	"strconv"
	"syscall/js"
	"time"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
	"umplay/wasm/report"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

func main() {
	server := umsim.New(umsim.Config{Now: time.Now, Rand: rand.Reader, Host: umsim.DefaultHost})
	head := func(lang string) soap.Head {
		h := soap.DefaultHead()
		h.Lang, _ = msg.Parse(lang)
		return h
	}
	api := map[string]any{
		"summary": fn(func(a []js.Value) string {
			r := report.Check("", a[0].String(), head(a[1].String()))
			s := "INVALID"
			if r.Valid {
				s = "valid"
			}
			return s + ", " + strconv.Itoa(len(r.Diagnostics)) + " diagnostics, HTTP " + strconv.Itoa(r.Response.Status)
		}),
		"decode": fn(func(a []js.Value) string {
			r := callid.Decode(a[0].String())
			if !r.OK {
				return r.Problems[0].Text(msg.PTBR)
			}
			return r.Decoded
		}),
		"build": fn(func(a []js.Value) string {
			s, err := soap.Build(soap.BuildOptions{Operation: soap.Disconnect, Indent: soap.DefaultIndent, CallID: a[0].String()})
			if err != nil {
				return err.Error()
			}
			return s
		}),
		"format": fn(func(a []js.Value) string {
			s, err := soap.Format(a[0].String(), soap.DefaultIndent)
			if err != nil {
				return err.Error()
			}
			return s
		}),
		"fixAll": fn(func(a []js.Value) string {
			s, _, _ := soap.FixAll(a[0].String(), soap.DefaultHead())
			return s
		}),
		"send": fn(func(a []js.Value) string {
			text := a[0].String()
			rep := soap.Check(text, soap.DefaultHead())
			r := server.Handle(report.RequestWith(text, soap.DefaultHead(), rep))
			return strconv.Itoa(r.Status) + " " + r.StatusText + ", " + strconv.Itoa(len(server.Calls())) + " calls"
		}),
	}
	js.Global().Set("umplayEngine", js.ValueOf(api))
	doc := js.Global().Get("document")
	doc.Get("documentElement").Call("setAttribute", "data-umplay", "ready")
	doc.Call("dispatchEvent", js.Global().Get("Event").New("umplay-ready"))
	select {}
}

// fn wraps f for JavaScript; every argument it reads must be given.
func fn(f func([]js.Value) string) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
}
