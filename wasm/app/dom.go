//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/msg"
)

// The page's elements, looked up once by id in lookup.
var (
	jsDoc js.Value // document

	bootText    *element
	errBox      *element
	errText     *element
	editorBox   *element
	request     *dom.HTMLTextAreaElement
	highlight   js.Value // code element behind the textarea
	gutter      js.Value // gutter's inner element
	editorMsg   *element
	exampleSel  *dom.HTMLSelectElement
	exampleTip  *element
	formatBtn   *dom.HTMLButtonElement
	sendBtn     *dom.HTMLButtonElement
	resetBtn    *dom.HTMLButtonElement
	endpoint    *dom.HTMLInputElement
	action      *dom.HTMLInputElement
	contentType *dom.HTMLInputElement
	present     *dom.HTMLInputElement
	actionMsg   *element
	diagList    *element
	diagSum     *element

	respStatus  *element
	respHeaders *element
	respBody    js.Value
	respExplain *element
	respFault   *element

	cidStatus   *element
	cidEmpty    *element
	cidFields   *element
	cidRaw      *element
	cidDecoded  *element
	cidGUID     *element
	cidVersion  *element
	cidVariant  *element
	cidHost     *element
	cidProblems *element

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
	bMsg        *element

	callsBody    *element
	callsEmpty   *element
	historyList  *element
	historyEmpty *element
)

// The elements are dom/v2's concrete types, made from their js.Value
// without dom/v2's wrapElement/wrapEvent: those switch over every element
// and event type, and a call through the dom.Element interface keeps that
// method of every one of them (about 550 KB of the module). Calls on
// concrete types keep only what is called.

// element is an HTML element whose Closest and QuerySelector return
// *element (nil when nothing matches) instead of a wrapped dom.Element.
type element struct{ *dom.BasicHTMLElement }

// wrap makes v (an element, or null) an *element; nil for null.
func wrap(v js.Value) *element {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return &element{basic(v)}
}

func basic(v js.Value) *dom.BasicHTMLElement {
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// Closest is the nearest ancestor-or-self matching sel, or nil.
func (e *element) Closest(sel string) *element { return wrap(e.Call("closest", sel)) }

// QuerySelector is the first descendant matching sel, or nil.
func (e *element) QuerySelector(sel string) *element { return wrap(e.Call("querySelector", sel)) }

// target is the element an event was sent to, or nil (a text node's
// parent element when the target is a text node).
func target(ev dom.Event) *element {
	t := ev.Underlying().Get("target")
	if t.IsNull() || t.IsUndefined() {
		return nil
	}
	if t.Get("nodeType").Int() != 1 {
		t = t.Get("parentElement")
	}
	return wrap(t)
}

// byID returns the element with the given id; a missing one is a bug in
// index.html, reported by the panic.
func byID(id string) *element {
	e := wrap(jsDoc.Call("getElementById", id))
	if e == nil {
		panic("app: index.html has no element #" + id)
	}
	return e
}

// in returns the element matching sel inside the element with the given id.
func in(id, sel string) *element {
	e := byID(id).QuerySelector(sel)
	if e == nil {
		panic("app: index.html has no " + sel + " in #" + id)
	}
	return e
}

func textAreaByID(id string) *dom.HTMLTextAreaElement {
	return &dom.HTMLTextAreaElement{BasicHTMLElement: byID(id).BasicHTMLElement}
}

func selectByID(id string) *dom.HTMLSelectElement {
	return &dom.HTMLSelectElement{BasicHTMLElement: byID(id).BasicHTMLElement}
}

func buttonByID(id string) *dom.HTMLButtonElement {
	return &dom.HTMLButtonElement{BasicHTMLElement: byID(id).BasicHTMLElement}
}

func inputByID(id string) *dom.HTMLInputElement {
	return &dom.HTMLInputElement{BasicHTMLElement: byID(id).BasicHTMLElement}
}

func formByID(id string) *dom.HTMLFormElement {
	return &dom.HTMLFormElement{BasicHTMLElement: byID(id).BasicHTMLElement}
}

func lookup() {
	jsDoc = js.Global().Get("document")

	bootText = byID("boot-text")
	errBox = byID("error")
	errText = byID("error-text")
	editorBox = byID("editor")
	request = textAreaByID("request")
	highlight = byID("highlight").Underlying()
	gutter = byID("gutter").Underlying()
	editorMsg = byID("editor-msg")
	exampleSel = selectByID("examples")
	exampleTip = byID("example-note")
	formatBtn = buttonByID("format")
	sendBtn = buttonByID("send")
	resetBtn = buttonByID("reset")
	endpoint = inputByID("endpoint")
	action = inputByID("soapaction")
	contentType = inputByID("content-type")
	present = inputByID("soapaction-present")
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

	builderForm = formByID("builder")
	bOp = selectByID("b-op")
	bCallID = inputByID("b-callid")
	bGUID = inputByID("b-guid")
	bHost = inputByID("b-host")
	bNew = buttonByID("b-new")
	bPrefix = inputByID("b-prefix")
	bDecl = inputByID("b-decl")
	bEntryID = inputByID("b-entryid")
	bDial = inputByID("b-dial")
	bGreeting = selectByID("b-greeting")
	bStatus = selectByID("b-status")
	bFolder = inputByID("b-folder")
	bBuild = buttonByID("b-build")
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
	text := "umplay: internal error in " + where + ": " + msg.Value(r)
	func() {
		defer func() { recover() }() // the page itself may be what failed
		showError(text + "\nThe page keeps working; please report this with the request that caused it.")
		js.Global().Get("console").Call("warn", text+"\n"+stack())
	}()
}

// stack is the calling goroutine's stack trace (runtime.Stack: the
// runtime/debug package would cost more code than it does here).
func stack() string {
	buf := make([]byte, 16<<10)
	return string(buf[:runtime.Stack(buf, false)])
}

// showError shows msg in the #error banner (role=alert).
func showError(msg string) {
	if errBox == nil {
		return
	}
	errText.SetTextContent(msg)
	errBox.RemoveAttribute("hidden")
}

// on adds a listener whose body recovers panics. The event is a
// *dom.KeyboardEvent for key events and a *dom.BasicEvent otherwise, made
// here rather than by dom/v2's wrapEvent (see element).
func on(t dom.EventTarget, typ string, fn func(dom.Event)) {
	key := typ == "keydown" || typ == "keyup" || typ == "keypress"
	onJS(t.(interface{ Underlying() js.Value }).Underlying(), typ, func(v js.Value) {
		ev := &dom.BasicEvent{Value: v}
		if key {
			fn(&dom.KeyboardEvent{BasicEvent: ev})
			return
		}
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

// node is any of the page's elements (a concrete dom/v2 type or *element).
type node interface{ Underlying() js.Value }

// setHidden shows or hides e.
func setHidden(e node, hidden bool) {
	if hidden {
		e.Underlying().Call("setAttribute", "hidden", "")
	} else {
		e.Underlying().Call("removeAttribute", "hidden")
	}
}

// setClass turns the class c of e on or off.
func setClass(e node, c string, on bool) {
	e.Underlying().Get("classList").Call("toggle", c, on)
}

// focused tells whether e has the keyboard focus.
func focused(e node) bool {
	return jsDoc.Get("activeElement").Equal(e.Underlying())
}

// plural says "1 error" / "2 errors" in the page's language (word is
// error, warning or problem).
func plural(n int, word string) string {
	if n == 1 {
		return T("ui.n." + word + ".one")
	}
	return T("ui.n."+word+".many", n)
}
