//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/msg"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// The page's flow around the one State: which answer the response pane
// shows (Preview or Reply), whether the editor holds what the program put
// there (so replacing it needs no question), the example whose note is
// shown, and apply, which rebuilds the page from any State.

var (
	respMode    *element
	fixAllBtn   *dom.HTMLButtonElement
	endpointMsg *element
	confirmBox  *element
	confirmText *element
	confirmYes  *dom.HTMLButtonElement
	confirmNo   *dom.HTMLButtonElement
)

// flow is the part of the page's state that is not the user's choice.
var flow struct {
	// pristine is the text the program last put into the editor (the
	// initial sample, an example, Build, apply); the user has edited the
	// request when the editor holds something else.
	pristine string
	// example is the example loaded last, while the editor still holds
	// its text; nil otherwise.
	example *example
	// reply is the exchange Send made last, shown until the next edit;
	// nil in preview mode.
	reply   *umsim.Response
	replyAt time.Time
	replyLi js.Value
	// onConfirm runs when the user accepts the question on #confirm.
	onConfirm func()
	onRefuse  func()
}

func lookupFlow() {
	respMode = in("response", `[data-field="mode"]`)
	fixAllBtn = buttonByID("fix-all")
	endpointMsg = byID("endpoint-msg")
	confirmBox = byID("confirm")
	confirmText = byID("confirm-text")
	confirmYes = buttonByID("confirm-yes")
	confirmNo = buttonByID("confirm-no")
	on(fixAllBtn, "click", func(dom.Event) { fixAll() })
	on(confirmYes, "click", func(dom.Event) { answer(true) })
	on(confirmNo, "click", func(dom.Event) { answer(false) })
	on(confirmBox, "keydown", func(ev dom.Event) {
		if ev.Underlying().Get("key").String() == "Escape" {
			answer(false)
		}
	})
	flow.pristine = ed.text()
	watchInputs()
}

// edited tells whether the user changed the request since the program last
// set it.
func edited() bool { return ed.text() != flow.pristine }

// ask shows a question on #confirm with two answers; yes runs on the first.
// Only one question at a time: a new one replaces the old (refusing it).
func ask(question, yesLabel, noLabel string, yes, no func()) {
	if flow.onRefuse != nil {
		flow.onRefuse()
	}
	flow.onConfirm, flow.onRefuse = yes, no
	confirmText.SetTextContent(question)
	confirmYes.SetTextContent(yesLabel)
	confirmNo.SetTextContent(noLabel)
	setHidden(confirmBox, false)
	confirmNo.Focus()
}

func answer(yes bool) {
	f := flow.onRefuse
	if yes {
		f = flow.onConfirm
	}
	flow.onConfirm, flow.onRefuse = nil, nil
	setHidden(confirmBox, true)
	if f != nil {
		f()
	}
}

// replaceRequest puts text into the editor as the program's (one undo
// step), asking first when the user's edits would be lost. what names the
// replacement in the question.
func replaceRequest(what string, do func(), refused func()) {
	if !edited() {
		do()
		return
	}
	ask(T("ui.ask.replace", what), T("ui.replace"), T("ui.keep"), do, refused)
}

// setProgramText loads text into the editor as the program's text.
func setProgramText(text, soapAction string, present_ bool) {
	flow.pristine = text
	loadRequest(text, soapAction, present_)
}

// afterCheck updates what depends on the text just checked: the example
// note (it belongs to the example's text), the Fix all button, the endpoint
// warning, and the response pane's mode (any change ends the reply).
func afterCheck(text string, rep *soap.Report) {
	if ex := flow.example; ex != nil {
		// Not cached: apply showed it before its text came (verifyExample
		// decides then).
		if t, ok := cachedExample(ex.File); ok && t != text {
			clearExample()
		}
	}
	n := 0
	for _, d := range rep.Diagnostics {
		if soap.SafeFix(d) {
			n++
		}
	}
	fixAllBtn.SetDisabled(n == 0)
	fixAllBtn.SetTitle(T("ui.fix-all.n", n))
	if n == 1 {
		fixAllBtn.SetTitle(T("ui.fix-all.one"))
	}
	msg := umsim.EndpointProblem(state.Endpoint, pageLang)
	endpointMsg.SetTextContent(msg)
	endpointMsg.Class().Set([]string{"field-msg", "field-msg--warning"})
	setHidden(endpointMsg, msg == "")
}

// showPreview marks the response pane as the preview of Send.
func showPreview(r umsim.Response) {
	endReply()
	respMode.SetTextContent(T("ui.mode.preview"))
	respMode.Class().Set([]string{"response__mode"})
	renderResponse(r)
}

// showReply shows the answer Send just got, until the next edit.
func showReply(r umsim.Response, at time.Time, li js.Value) {
	endReply()
	flow.reply, flow.replyAt, flow.replyLi = &r, at, li
	respMode.SetTextContent(T("ui.mode.reply", at.Format("15:04:05")))
	respMode.Class().Set([]string{"response__mode", "response__mode--reply"})
	if !li.IsUndefined() && !li.IsNull() {
		li.Get("classList").Call("add", "history__item--current")
	}
	renderResponse(r)
}

func endReply() {
	if !flow.replyLi.IsUndefined() && !flow.replyLi.IsNull() {
		flow.replyLi.Get("classList").Call("remove", "history__item--current")
	}
	flow.reply, flow.replyLi = nil, js.Undefined()
}

// fixAll applies every safe fix, body and SOAPAction, as one edit.
func fixAll() {
	ensureFresh()
	body, head, n := soap.FixAll(live.text, live.head)
	if n == 0 {
		return
	}
	if head.SOAPActionPresent != live.head.SOAPActionPresent || head.SOAPAction != live.head.SOAPAction {
		action.SetValue(head.SOAPAction)
		present.SetChecked(head.SOAPActionPresent)
	}
	if body != live.text {
		ed.setText(body) // one replacement: one undo step
	}
	changed()
	ensureFresh()
	bMsg.SetTextContent("")
	diagSum.SetTextContent(diagSum.TextContent() + T("ui.fixed", n))
}

// currentState is the page's State. Every input updates state as it
// happens (the listeners of watchInputs), so nothing is read back here but
// the editor's text, which a large request checks only after a pause.
func currentState() State {
	state.Request = ed.text()
	return state
}

// watchInputs keeps state in step with every control the user can change,
// at the event, before the page's own handler runs: the head fields and
// every builder field. (Programmatic changes go through readHead or
// readBuilder themselves.)
func watchInputs() {
	for _, in := range []dom.EventTarget{action, contentType, endpoint} {
		on(in, "input", func(dom.Event) { readHead() })
	}
	on(present, "change", func(dom.Event) { readHead() })
	for _, in := range []dom.EventTarget{bCallID, bGUID, bHost, bEntryID, bDial, bFolder} {
		on(in, "input", func(dom.Event) { readBuilder() })
	}
	for _, in := range []dom.EventTarget{bOp, bPrefix, bDecl, bGreeting, bStatus} {
		on(in, "change", func(dom.Event) { readBuilder() })
	}
}

// renderBuilder shows b in the builder form.
func renderBuilder(b Builder) {
	bOp.SetValue(string(b.Operation))
	showOp()
	bCallID.SetValue(b.CallID)
	bGUID.SetValue(b.GUID)
	bHost.SetValue(b.Host)
	bPrefix.SetChecked(b.Prefix)
	bDecl.SetChecked(b.Decl)
	bEntryID.SetValue(b.EntryID)
	bDial.SetValue(b.DialString)
	bGreeting.SetValue(b.GreetingType)
	bStatus.SetValue(b.Status)
	bFolder.SetValue(b.FolderID)
}

// showExample marks ex as the example the editor holds and shows its note.
func showExample(ex *example) {
	flow.example = ex
	state.Example = ex.File
	exampleSel.SetValue(ex.File)
	exampleTip.SetTextContent(exampleNote(*ex))
	setHidden(exampleTip, ex.Note == "")
}

// clearExample forgets the example: the editor holds other text.
func clearExample() {
	flow.example = nil
	state.Example = ""
	setHidden(exampleTip, true)
	exampleSel.SetValue("")
}

// apply rebuilds the page from s: every control renders from it (what a
// share link, an embed's setState and a lesson call). The builder renders
// after the check, whose sync from the request would otherwise overwrite
// it: the state's builder wins.
func apply(s State) {
	state = s
	langOfState()
	action.SetValue(s.SOAPAction)
	present.SetChecked(s.SOAPActionPresent)
	contentType.SetValue(s.ContentType)
	endpoint.SetValue(s.Endpoint)
	renderBuilder(s.Builder)
	flow.pristine = s.Request
	ed.setText(s.Request)
	live.gen++
	runCheck()
	renderBuilder(s.Builder)
	state.Builder = s.Builder
	clearExample()
	if ex := findExample(s.Example); ex != nil {
		// The example is the state's when the text is the example's. A
		// page just loaded may not have fetched the example's text yet:
		// it is shown at once and checked when the text arrives.
		t, cached := cachedExample(ex.File)
		if !cached || t == s.Request {
			showExample(ex)
		}
		if !cached {
			go verifyExample(ex.File)
		}
	}
}

// verifyExample fetches an example applied before its text was cached and
// forgets it if the editor does not hold that text (or it cannot be had).
func verifyExample(file string) {
	defer guard("checking an example")
	t, err := exampleBody(file)
	if ex := flow.example; ex != nil && ex.File == file && (err != nil || t != ed.text()) {
		clearExample()
	}
}

// stateFromJS reads a State from a plain JS object: it is data from a URL
// or a host page, so it goes through JSON.stringify and the same strict,
// capped state.Parse as any other serialized state. Missing fields keep
// their DefaultState values.
func stateFromJS(v js.Value) (s State, err error) {
	if v.Type() != js.TypeObject {
		return DefaultState(), errors.New("state must be an object")
	}
	defer func() {
		if r := recover(); r != nil { // JSON.stringify threw (a cycle, a BigInt)
			s, err = DefaultState(), errors.New("state cannot be serialized: "+msg.Value(r))
		}
	}()
	text := jsJSON.Call("stringify", v)
	if text.Type() != js.TypeString {
		return DefaultState(), errors.New("state cannot be serialized")
	}
	return ParseState([]byte(text.String()))
}

// apiSetState is window.umplay.setState(state): apply a State (fields
// missing keep their defaults) and return the state the page then holds.
func apiSetState(args []js.Value) (any, error) {
	if len(args) == 0 {
		return nil, errors.New("umplay.setState: give the state object")
	}
	s, err := stateFromJS(args[0])
	if err != nil {
		return nil, errors.New("umplay.setState: " + err.Error())
	}
	apply(s)
	return apiState(nil)
}
