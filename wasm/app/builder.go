//go:build js && wasm

package main

import (
	"strings"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/callid"
	"umplay/wasm/soap"
)

// readBuilder copies the builder form into the state.
func readBuilder() {
	b := &state.Builder
	b.Operation = soap.Operation(bOp.Value())
	b.CallID = bCallID.Value()
	b.GUID = bGUID.Value()
	b.Host = bHost.Value()
	b.Prefix = bPrefix.Checked()
	b.Decl = bDecl.Checked()
	b.EntryID = bEntryID.Value()
	b.DialString = bDial.Value()
	b.GreetingType = bGreeting.Value()
	b.Status = bStatus.Value()
	b.FolderID = bFolder.Value()
}

// showOp shows the builder rows the operation uses.
func showOp() {
	builderForm.SetAttribute("data-op", bOp.Value())
}

// setIfIdle sets an input's value unless the user is typing in it.
func setIfIdle(in *dom.HTMLInputElement, v string) {
	if !focused(in) && in.Value() != v {
		in.SetValue(v)
	}
}

// syncBuilder updates the builder from the checked request (the XML → form
// direction): operation, prefix style, CallId and what it decodes to, and
// the other operations' fields. It leaves alone the field being edited.
func syncBuilder(rep *soap.Report) {
	if rep.Op == nil {
		return
	}
	if op, ok := soap.ParseOperation(rep.Op.Tag); ok && !focused(bOp) && bOp.Value() != string(op) {
		bOp.SetValue(string(op))
		showOp()
	}
	if !focused(bPrefix) {
		bPrefix.SetChecked(rep.Op.Space != "")
	}
	if !focused(bDecl) {
		bDecl.SetChecked(hasDecl())
	}
	if v, ok := rep.Value("CallId"); ok {
		setIfIdle(bCallID, strings.TrimSpace(v.Text))
		if r := v.CallID; r.OK {
			setIfIdle(bGUID, r.GUID)
			setIfIdle(bHost, r.Host)
		}
	}
	if v, ok := rep.Value("entryId"); ok {
		setIfIdle(bEntryID, v.Text)
	}
	if v, ok := rep.Value("DialString"); ok {
		setIfIdle(bDial, v.Text)
	}
	if v, ok := rep.Value("dialString"); ok {
		setIfIdle(bDial, v.Text)
	}
	if v, ok := rep.Value("base64FolderID"); ok {
		setIfIdle(bFolder, strings.TrimSpace(v.Text))
	}
	if v, ok := rep.Value("status"); ok && !focused(bStatus) {
		switch t := strings.TrimSpace(v.Text); t {
		case "true", "false":
			bStatus.SetValue(t)
		}
	}
	if v, ok := rep.Value("GreetingType"); ok && !focused(bGreeting) {
		switch t := strings.TrimSpace(v.Text); t {
		case "NormalCustom", "OofCustom":
			bGreeting.SetValue(t)
		}
	}
	readBuilder()
}

// hasDecl tells whether the checked text starts with an XML declaration.
func hasDecl() bool {
	t := strings.TrimPrefix(live.text, "\ufeff")
	return strings.HasPrefix(t, "<?xml ") || strings.HasPrefix(t, "<?xml\t") || strings.HasPrefix(t, "<?xml\n") || strings.HasPrefix(t, "<?xml?")
}

// guidOrHostChanged re-encodes the CallId from GUID and host (form → form).
func guidOrHostChanged(dom.Event) {
	id, err := callid.Encode(strings.TrimSpace(bGUID.Value()), strings.TrimSpace(bHost.Value()))
	if err != nil {
		bMsg.SetTextContent(encodeErrorText(err))
		return
	}
	bMsg.SetTextContent("")
	bCallID.SetValue(id)
	readBuilder()
}

// encodeErrorText is why the builder could not encode a CallId, in the
// page's language when callid worded it.
func encodeErrorText(err error) string {
	if e, ok := err.(*callid.EncodeError); ok {
		return "CallId: " + e.M.In(pageLang)
	}
	return err.Error()
}

// callIDChanged decodes a typed CallId into GUID and host.
func callIDChanged(dom.Event) {
	r := callid.Decode(bCallID.Value())
	if r.OK {
		bGUID.SetValue(r.GUID)
		bHost.SetValue(r.Host)
		bMsg.SetTextContent("")
	} else if len(r.Problems) > 0 {
		bMsg.SetTextContent("CallId: " + r.Problems[0].Text(pageLang))
	}
	readBuilder()
}

// newCallID draws a fresh CallId: a random v4 GUID @ the host field.
func newCallID(dom.Event) {
	host := strings.TrimSpace(bHost.Value())
	if host == "" {
		host = DefaultState().Builder.Host
		bHost.SetValue(host)
	}
	id, err := callid.New(host, webRandom{})
	if err != nil {
		bMsg.SetTextContent(encodeErrorText(err))
		return
	}
	bMsg.SetTextContent("")
	bCallID.SetValue(id)
	if r := callid.Decode(id); r.OK {
		bGUID.SetValue(r.GUID)
	}
	readBuilder()
}

// build writes the builder's envelope into the editor and sets the
// SOAPAction to the operation's.
func build(ev dom.Event) {
	ev.PreventDefault()
	readBuilder()
	xml, err := soap.Build(state.Builder.Options())
	if err != nil {
		bMsg.SetTextContent(err.Error())
		return
	}
	bMsg.SetTextContent("")
	op := state.Builder.Operation
	replaceRequest(T("ui.what.built", string(op)), func() { setProgramText(xml, op.QuotedAction(), true) }, nil)
}

// loadRequest puts a whole request into the editor and the head fields,
// and checks it.
func loadRequest(xml, soapAction string, present_ bool) {
	action.SetValue(soapAction)
	present.SetChecked(present_)
	ed.setText(xml) // fires input, which checks
	ensureFresh()
}
