//go:build js && wasm

package main

import (
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/soap"
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
	lookup()
	server = newServer()
	ed.init()
	lookupFlow()
	initExport()
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
	runCheck()
	renderCalls()

	for _, c := range []interface{ SetDisabled(bool) }{
		formatBtn, sendBtn, resetBtn,
		bOp, bCallID, bGUID, bHost, bNew, bPrefix, bDecl, bEntryID, bDial, bGreeting, bStatus, bFolder, bBuild,
	} {
		c.SetDisabled(false)
	}
	byID("version").SetTextContent("Version " + version() + ".")

	installAPI()
	// Ready once the examples menu is filled too (a same-origin fetch of a
	// small file), so that a script can use every control at once.
	// A stalled fetch must not keep the page from being ready.
	var once sync.Once
	markReady := func() { once.Do(ready) }
	time.AfterFunc(3*time.Second, markReady)
	loadExamples(markReady)
	return nil
}

// ready tells the page and its scripts that window.umplay is installed.
func ready() {
	defer guard("ready")
	bootText.SetTextContent("Checker ready.")
	jsDoc.Get("documentElement").Call("setAttribute", "data-umplay", "ready")
	jsDoc.Call("dispatchEvent", js.Global().Get("Event").New("umplay-ready"))
}

// format re-indents the request (undoable).
func format(dom.Event) {
	text := ed.text()
	out, err := soap.Format(text, soap.DefaultIndent)
	if err != nil {
		editorMsg.SetTextContent("Format: " + err.Error())
		setHidden(editorMsg, false)
		return
	}
	if out != text {
		ed.replace(0, utf16Len(text), out, 0, 0)
		ed.ta.Set("scrollTop", 0)
	}
}
