//go:build js && wasm

package main

import (
	"errors"
	"sync"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/msg"
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
			err = errors.New(msg.Value(r))
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
	// Ready once the page is settled: every control wired, window.umplay
	// installed, the text checked (so the builder, the panes and
	// umplay.state() agree with it) and, when the URL has a #s= share link,
	// the link applied — after the examples index, which a link's "example"
	// names, and at most 3 s later if that fetch stalls. Without a link the
	// examples menu fills after ready (a same-origin fetch that must not
	// delay the page) and says so with <html data-umplay-examples="loaded"
	// or "failed"> for scripts that use the menu.
	settle := func() {
		if live.rep == nil { // not checked yet (by a link or setState)
			runCheck()
		}
		renderCalls()
		ready()
	}
	if !linkInURL() {
		settle()
		loadExamples(nil)
		return nil
	}
	var once sync.Once
	open := func() {
		once.Do(func() {
			if live.rep == nil { // the default page a broken link falls back to is checked
				runCheck()
			}
			openLink(settle)
		})
	}
	time.AfterFunc(3*time.Second, open)
	loadExamples(open)
	return nil
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
		m := T("ui.format.error", err.Error())
		if fe, ok := err.(*soap.FormatError); ok { // the place in the page's words
			m = T("ui.format.error.at", fe.Line, fe.Col, fe.Msg)
		}
		editorMsg.SetTextContent(m)
		setHidden(editorMsg, false)
		return
	}
	if out != text {
		ed.replace(0, textpos.UTF16Len(text), out, 0, 0)
		ed.ta.Set("scrollTop", 0)
	}
}
