//go:build js && wasm

package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The page's elements, looked up once by id in lookup.
var (
	jsDoc    js.Value // document
	document dom.Document

	bootText    dom.Element
	errBox      dom.Element
	errText     dom.Element
	editorBox   dom.Element
	request     *dom.HTMLTextAreaElement
	highlight   js.Value // code element behind the textarea
	gutter      js.Value // gutter's inner element
	editorMsg   dom.Element
	exampleSel  *dom.HTMLSelectElement
	exampleTip  dom.Element
	formatBtn   *dom.HTMLButtonElement
	sendBtn     *dom.HTMLButtonElement
	resetBtn    *dom.HTMLButtonElement
	endpoint    *dom.HTMLInputElement
	action      *dom.HTMLInputElement
	contentType *dom.HTMLInputElement
	present     *dom.HTMLInputElement
	actionMsg   dom.Element
	diagList    dom.Element
	diagSum     dom.Element

	respStatus  dom.Element
	respHeaders dom.Element
	respBody    js.Value
	respExplain dom.Element
	respFault   dom.Element

	cidStatus   dom.Element
	cidEmpty    dom.Element
	cidFields   dom.Element
	cidRaw      dom.Element
	cidDecoded  dom.Element
	cidGUID     dom.Element
	cidVersion  dom.Element
	cidVariant  dom.Element
	cidHost     dom.Element
	cidProblems dom.Element

	builderForm *dom.HTMLFormElement
	bOp         *dom.HTMLSelectElement
	bCallID     *dom.HTMLInputElement
	bGUID       *dom.HTMLInputElement
	bHost       *dom.HTMLInputElement
	bNew        *dom.HTMLButtonElement
	bPrefix     *dom.HTMLInputElement
	bDecl       *dom.HTMLInputElement
	bEntryID    *dom.HTMLInputElement
	bDial       *dom.HTMLInputElement
	bGreeting   *dom.HTMLSelectElement
	bStatus     *dom.HTMLSelectElement
	bFolder     *dom.HTMLInputElement
	bBuild      *dom.HTMLButtonElement
	bMsg        dom.Element

	callsBody    dom.Element
	callsEmpty   dom.Element
	historyList  dom.Element
	historyEmpty dom.Element
)

// byID returns the element with the given id; a missing one is a bug in
// index.html, reported by the panic.
func byID(id string) dom.Element {
	e := document.GetElementByID(id)
	if e == nil {
		panic(fmt.Sprintf("app: index.html has no element #%s", id))
	}
	return e
}

// in returns the element matching sel inside the element with the given id.
func in(id, sel string) dom.Element {
	e := byID(id).QuerySelector(sel)
	if e == nil {
		panic(fmt.Sprintf("app: index.html has no %s in #%s", sel, id))
	}
	return e
}

func lookup() {
	jsDoc = js.Global().Get("document")
	document = dom.GetWindow().Document()

	bootText = byID("boot-text")
	errBox = byID("error")
	errText = byID("error-text")
	editorBox = byID("editor")
	request = byID("request").(*dom.HTMLTextAreaElement)
	highlight = byID("highlight").Underlying()
	gutter = byID("gutter").Underlying()
	editorMsg = byID("editor-msg")
	exampleSel = byID("examples").(*dom.HTMLSelectElement)
	exampleTip = byID("example-note")
	formatBtn = byID("format").(*dom.HTMLButtonElement)
	sendBtn = byID("send").(*dom.HTMLButtonElement)
	resetBtn = byID("reset").(*dom.HTMLButtonElement)
	endpoint = byID("endpoint").(*dom.HTMLInputElement)
	action = byID("soapaction").(*dom.HTMLInputElement)
	contentType = byID("content-type").(*dom.HTMLInputElement)
	present = byID("soapaction-present").(*dom.HTMLInputElement)
	actionMsg = byID("soapaction-msg")
	diagList = byID("diagnostics")
	diagSum = byID("diag-summary")

	respStatus = in("response", `[data-field="status"]`)
	respHeaders = in("response", `[data-field="headers"]`)
	respBody = in("response", `[data-field="body"]`).Underlying()
	respExplain = in("response", `[data-field="explain"]`)
	respFault = in("response", `[data-field="fault"]`)

	cidStatus = in("callid", `[data-field="status"]`)
	cidEmpty = byID("callid-empty")
	cidFields = byID("callid-fields")
	cidRaw = in("callid", `[data-field="raw"]`)
	cidDecoded = in("callid", `[data-field="decoded"]`)
	cidGUID = in("callid", `[data-field="guid"]`)
	cidVersion = in("callid", `[data-field="version"]`)
	cidVariant = in("callid", `[data-field="variant"]`)
	cidHost = in("callid", `[data-field="host"]`)
	cidProblems = byID("callid-problems")

	builderForm = byID("builder").(*dom.HTMLFormElement)
	bOp = byID("b-op").(*dom.HTMLSelectElement)
	bCallID = byID("b-callid").(*dom.HTMLInputElement)
	bGUID = byID("b-guid").(*dom.HTMLInputElement)
	bHost = byID("b-host").(*dom.HTMLInputElement)
	bNew = byID("b-new").(*dom.HTMLButtonElement)
	bPrefix = byID("b-prefix").(*dom.HTMLInputElement)
	bDecl = byID("b-decl").(*dom.HTMLInputElement)
	bEntryID = byID("b-entryid").(*dom.HTMLInputElement)
	bDial = byID("b-dial").(*dom.HTMLInputElement)
	bGreeting = byID("b-greeting").(*dom.HTMLSelectElement)
	bStatus = byID("b-status").(*dom.HTMLSelectElement)
	bFolder = byID("b-folder").(*dom.HTMLInputElement)
	bBuild = byID("b-build").(*dom.HTMLButtonElement)
	bMsg = byID("b-msg")

	callsBody = in("calls", "tbody")
	callsEmpty = byID("calls-empty")
	historyList = byID("history")
	historyEmpty = byID("history-empty")
}

// guard recovers a panic at a callback boundary and shows it, so that the
// program keeps running. Use it as `defer guard("what")`.
func guard(where string) {
	if r := recover(); r != nil {
		showPanic(where, r)
	}
}

// showPanic reports a recovered panic in the #error banner and the console.
func showPanic(where string, r any) {
	msg := fmt.Sprintf("umplay: internal error in %s: %v", where, r)
	func() {
		defer func() { recover() }() // the page itself may be what failed
		showError(msg + "\nThe page keeps working; please report this with the request that caused it.")
		js.Global().Get("console").Call("warn", msg+"\n"+string(debug.Stack()))
	}()
}

// showError shows msg in the #error banner (role=alert).
func showError(msg string) {
	if errBox == nil {
		return
	}
	errText.SetTextContent(msg)
	errBox.RemoveAttribute("hidden")
}

// on adds a listener whose body recovers panics.
func on(t dom.EventTarget, typ string, fn func(dom.Event)) {
	t.AddEventListener(typ, false, func(ev dom.Event) {
		defer guard(typ + " handler")
		fn(ev)
	})
}

// onJS adds a listener without dom/v2's event wrapping (cheaper, for events
// that fire often, like scroll).
func onJS(v js.Value, typ string, fn func(ev js.Value)) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer guard(typ + " handler")
		var ev js.Value
		if len(args) > 0 {
			ev = args[0]
		}
		fn(ev)
		return nil
	})
	v.Call("addEventListener", typ, f)
}

// elem creates a <tag class=class> holding text as a text node.
func elem(tag, class, text string) js.Value {
	e := jsDoc.Call("createElement", tag)
	if class != "" {
		e.Set("className", class)
	}
	if text != "" {
		e.Call("appendChild", jsDoc.Call("createTextNode", text))
	}
	return e
}

// add appends children to parent and returns parent.
func add(parent js.Value, children ...js.Value) js.Value {
	for _, c := range children {
		parent.Call("appendChild", c)
	}
	return parent
}

// setHidden shows or hides e.
func setHidden(e dom.Element, hidden bool) {
	if hidden {
		e.SetAttribute("hidden", "")
	} else {
		e.RemoveAttribute("hidden")
	}
}

// setClass turns the class c of e on or off.
func setClass(e dom.Element, c string, on bool) {
	if on {
		e.Class().Add(c)
	} else {
		e.Class().Remove(c)
	}
}

// focused tells whether e has the keyboard focus.
func focused(e dom.Element) bool {
	return jsDoc.Get("activeElement").Equal(e.Underlying())
}

// plural says "1 error" / "2 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
