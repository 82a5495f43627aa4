//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	code "umplay/wasm/export"
)

// localPath is where `umplay serve` answers like Exchange (endpoint.Path;
// package endpoint is not linked here: it brings net/http).
const localPath = "/EWS/UM2007Legacy.asmx"

// The "Copy as…" dialog's elements.
var (
	exportBtn    *dom.HTMLButtonElement
	exportDialog js.Value
	exportLang   *dom.HTMLSelectElement
	exportTarget *dom.HTMLSelectElement
	exportCode   *element
	exportCopy   *dom.HTMLButtonElement
	exportMsg    *element
)

// initExport wires the "Copy as…" dialog: the button opens it (a modal
// <dialog>, so Escape closes it and focus stays inside), the language and
// target menus regenerate the snippet for the request as shown, Copy puts
// it on the clipboard. Its button is enabled with the other controls.
func initExport() {
	exportBtn = buttonByID("export")
	exportDialog = byID("export-dialog").Underlying()
	exportLang = selectByID("export-lang")
	exportTarget = selectByID("export-target")
	exportCode = byID("export-code")
	exportCopy = buttonByID("export-copy")
	exportMsg = byID("export-msg")

	sel := exportLang.Underlying()
	for _, l := range code.Languages {
		o := elem("option", "", l.Label)
		o.Set("value", l.ID)
		sel.Call("appendChild", o)
	}

	on(exportBtn, "click", func(dom.Event) { openExport() })
	on(exportLang, "change", func(dom.Event) { renderExport() })
	on(exportTarget, "change", func(dom.Event) { renderExport() })
	on(exportCopy, "click", func(dom.Event) { copyExport() })
	on(byID("export-close"), "click", func(dom.Event) { exportDialog.Call("close") })
	onJS(exportDialog, "close", func(js.Value) { exportBtn.Focus() })
	exportBtn.SetDisabled(false)
}

// openExport shows the dialog with the snippet of the request as it is now.
func openExport() {
	renderExport()
	if !exportDialog.Get("open").Bool() {
		exportDialog.Call("showModal")
	}
	exportLang.Focus()
}

// exportRequest is the page's state as a request, to the chosen target.
func exportRequest() code.Request {
	s := currentState()
	url := s.Endpoint
	if exportTarget.Value() == "local" {
		url = js.Global().Get("location").Get("origin").String() + localPath
	}
	return code.Request{
		Endpoint:          url,
		SOAPActionPresent: s.SOAPActionPresent,
		SOAPAction:        s.SOAPAction,
		Body:              s.Request,
	}
}

// renderExport shows the snippet, as text, or what keeps it from being made.
func renderExport() {
	snippet, err := code.Snippet(exportLang.Value(), exportRequest())
	if err != nil {
		exportCode.SetTextContent("")
		exportMsg.SetTextContent(strings.TrimPrefix(err.Error(), "export: "))
		exportCopy.SetDisabled(true)
		return
	}
	exportCode.SetTextContent(snippet)
	exportMsg.SetTextContent("")
	exportCopy.SetDisabled(false)
}

// copyExport writes the snippet to the clipboard; where the browser refuses
// (no permission, an insecure origin), it selects the code for Ctrl+C.
func copyExport() {
	text := exportCode.TextContent()
	clip := js.Global().Get("navigator").Get("clipboard")
	if clip.IsUndefined() || clip.IsNull() || clip.Get("writeText").Type() != js.TypeFunction {
		selectExport("This browser gives the page no clipboard: the code is selected, press Ctrl+C (⌘+C) to copy it.")
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		defer guard("clipboard")
		defer release()
		exportMsg.SetTextContent("Copied to the clipboard.")
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		defer guard("clipboard")
		defer release()
		selectExport("The browser did not allow copying: the code is selected, press Ctrl+C (⌘+C) to copy it.")
		return nil
	})
	clip.Call("writeText", text).Call("then", ok, fail)
}

// selectExport selects the whole snippet and says why.
func selectExport(msg string) {
	pre := exportCode.Underlying()
	pre.Call("focus")
	js.Global().Call("getSelection").Call("selectAllChildren", pre)
	exportMsg.SetTextContent(msg)
}
