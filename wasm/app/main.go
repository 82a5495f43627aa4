//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/soap"
	"umplay/wasm/textpos"
)

// state is the page's state; handlers keep it in step with the controls.
var state = DefaultState()

func main() {
	if err := start(); err != nil {
		js.Global().Get("umplayBoot").Call("fail", "The checker could not start: "+err.Error())
		return
	}
	select {} // keep the callbacks alive
}

// start wires up the page, installs window.umplay and marks the page ready.
func start() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if isEmbed() { // web/embed.html: see embed.go
		return startEmbed()
	}
	lookup()
	initLang()
	server = newServer()
	ed.init()
	lookupFlow()
	initExport()
	initShare()
	initLessons()

	on(request, "input", func(dom.Event) { changed() })
	for _, in := range []dom.EventTarget{action, contentType, endpoint} {
		on(in, "input", func(dom.Event) { changed() })
	}
	on(present, "change", func(dom.Event) { changed() })
	on(diagList, "click", diagClick)
	on(formatBtn, "click", format)
	on(sendBtn, "click", func(dom.Event) { sendCurrent() })
	on(resetBtn, "click", reset)
	on(exampleSel, "change", exampleChosen)
	on(byID("error-close"), "click", func(dom.Event) { setHidden(errBox, true) })

	on(bOp, "change", func(dom.Event) { showOp(); readBuilder() })
	on(bGUID, "input", guidOrHostChanged)
	on(bHost, "input", guidOrHostChanged)
	on(bCallID, "input", callIDChanged)
	on(bNew, "click", newCallID)
	on(builderForm, "submit", build)
	for _, in := range []dom.EventTarget{bPrefix, bDecl, bGreeting, bStatus} {
		on(in, "change", func(dom.Event) { readBuilder() })
	}
	for _, in := range []dom.EventTarget{bEntryID, bDial, bFolder} {
		on(in, "input", func(dom.Event) { readBuilder() })
	}
	on(byID("calls"), "click", callsClick)

	readBuilder()

	for _, c := range []interface{ SetDisabled(bool) }{
		formatBtn, sendBtn, resetBtn,
		bOp, bCallID, bGUID, bHost, bNew, bPrefix, bDecl, bEntryID, bDial, bGreeting, bStatus, bFolder, bBuild,
	} {
		c.SetDisabled(false)
	}
	byID("version").SetTextContent(T("ui.version", version()))

	installAPI()
	// Ready now, with window.umplay and every control wired — after a #s=
	// share link, if the URL has one, is applied (it inflates
	// asynchronously), so that a script sees the link's state. The first
	// check of the text (the first run of most of the engine's code, which
	// the browser compiles on first use) follows in a task of its own, the
	// panels saying "Loading…" until then; then the examples menu fills (a
	// same-origin fetch that must neither delay nor, when it stalls, block
	// the page) and says so with <html data-umplay-examples="loaded" or
	// "failed"> for scripts that use the menu.
	openLink(func() {
		ready()
		later(func() {
			if live.rep == nil { // not checked yet (by an edit, a link or setState)
				runCheck()
			}
			renderCalls()
			loadExamples()
		})
	})
	return nil
}

// later runs fn in a task of its own (a zero-delay timeout), once the
// browser has had its turn.
func later(fn func()) {
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		defer f.Release()
		defer guard("starting")
		fn()
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
}

// ready tells the page and its scripts that window.umplay is installed.
func ready() {
	defer guard("ready")
	bootText.SetTextContent(T("ui.ready"))
	jsDoc.Get("documentElement").Call("setAttribute", "data-umplay", "ready")
	jsDoc.Call("dispatchEvent", js.Global().Get("Event").New("umplay-ready"))
}

// format re-indents the request (undoable).
func format(dom.Event) {
	text := ed.text()
	out, err := soap.Format(text, soap.DefaultIndent)
	if err != nil {
		editorMsg.SetTextContent(T("ui.format.error", err.Error()))
		setHidden(editorMsg, false)
		return
	}
	if out != text {
		ed.replace(0, textpos.UTF16Len(text), out, 0, 0)
		ed.ta.Set("scrollTop", 0)
	}
}
