//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/callid"
	"umplay/wasm/report"
	"umplay/wasm/soap"
	"umplay/wasm/textpos"
	"umplay/wasm/umsim"
)

// Debounce by size: doc-sized requests are checked at once, big ones when
// the typing pauses (a 1 MiB check takes ~160 ms in Chromium).
const (
	instantLimit = 20 << 10 // UTF-16 units
	maxListed    = 200      // diagnostics listed; the summary counts them all
	midLimit     = 1 << 20
	midDelay     = 150 * time.Millisecond
	bigDelay     = 400 * time.Millisecond
)

// live is the result of the last check, as rendered.
var live struct {
	text  string
	head  soap.Head
	lines *textpos.Lines
	rep   *soap.Report
	gen   int // bumped on every change; a pending check of an older gen is dropped
	timer *time.Timer
}

// changed is called when the request or its head changed: it re-checks now
// for doc-sized text; big text is checked after a pause, off the event
// loop's critical path (checkLater). It never blocks.
func changed() {
	live.gen++
	if live.timer != nil {
		live.timer.Stop()
	}
	n := ed.length()
	if n <= instantLimit {
		runCheck()
		return
	}
	ed.stale()
	checking()
	delay := midDelay
	if n > midLimit {
		delay = bigDelay
	}
	gen := live.gen
	live.timer = time.AfterFunc(delay, func() {
		defer guard("check")
		if gen == live.gen {
			go checkLater(gen)
		}
	})
}

// checking says in every pane that shows a verdict that a check is under
// way, so that none shows the verdict of an older text as current.
func checking() {
	const msg = "Checking…"
	diagSum.SetTextContent(msg)
	diagSum.Class().Set([]string{"diag-summary", "diag-summary--checking"})
	respStatus.SetTextContent(msg)
	respStatus.Class().Set([]string{"response__status", "response__status--checking"})
	cidStatus.SetTextContent(msg)
	cidStatus.Class().Set([]string{"callid__status", "callid__status--checking"})
	request.RemoveAttribute("aria-invalid")
}

// errStale aborts a check whose text changed meanwhile.
var errStale = errors.New("umplay: the text changed during the check")

// sliceTime is the most work a big check does before it lets the browser
// handle input and paint (a "long task" is one over 50 ms).
const sliceTime = 10 * time.Millisecond

// checkLater checks and renders the text of generation gen on its own
// goroutine, yielding to the browser every sliceTime: soap.CheckYield calls
// back while it reads, and time.Sleep hands the thread back to the event loop
// (a Go program in the browser runs JavaScript events only while all its
// goroutines wait). If the text changes meanwhile, the check stops and its
// result is dropped; the change has scheduled its own check.
func checkLater(gen int) {
	defer func() {
		if r := recover(); r != nil && r != errStale {
			showPanic("check", r)
		}
	}()
	last := time.Now()
	yield := func() {
		if time.Since(last) < sliceTime {
			return
		}
		time.Sleep(time.Millisecond)
		last = time.Now()
		if gen != live.gen {
			panic(errStale)
		}
	}
	if gen != live.gen {
		return
	}
	readHead()
	text, head := ed.text(), state.Head()
	rep := soap.CheckYield(text, head, yield)
	ed.tokenize(text, yield)
	yield()
	// The text cannot have changed unnoticed: events run only while this
	// goroutine waits in yield, which checks the generation after waiting.
	state.Request = text
	show(text, head, rep, yield)
}

// runCheck reads the request and head, checks them, previews the server's
// answer and renders everything, in one go.
func runCheck() {
	readHead()
	state.Request = ed.text()
	text, head := state.Request, state.Head()
	show(text, head, soap.Check(text, head), func() {})
}

// show renders the report of text: the editor, the problems, the preview,
// the CallId panel. It calls yield between the steps.
func show(text string, head soap.Head, rep *soap.Report, yield func()) {
	lines := textpos.New(text)
	live.text, live.head, live.lines, live.rep = text, head, lines, rep

	ed.render(text, lines, rep.Diagnostics)
	yield()
	renderSize(text)
	renderDiagnostics(rep)
	renderActionField(rep)
	request.SetAttribute("aria-invalid", strconv.FormatBool(rep.HasErrors()))
	yield()
	showPreview(server.Preview(report.RequestWith(text, head, rep)))
	yield()
	renderCallID(rep)
	syncBuilder(rep)
	afterCheck(text, rep)
	if onChecked != nil { // the embed's report to its host (embed.go)
		onChecked()
	}
}

// ensureFresh re-checks at once if the text changed since the last check
// (a fix or a jump must use positions of the text the user sees).
func ensureFresh() {
	if live.rep == nil || live.text != ed.text() || live.head != currentHead() {
		live.gen++
		runCheck()
	}
}

// readHead copies the HTTP head fields into the state.
func readHead() {
	state.Endpoint = endpoint.Value()
	state.SOAPAction = action.Value()
	state.SOAPActionPresent = present.Checked()
	state.ContentType = contentType.Value()
}

func currentHead() soap.Head {
	ct := contentType.Value()
	return soap.Head{SOAPActionPresent: present.Checked(), SOAPAction: action.Value(),
		ContentType: ct, NoContentType: ct == "", Lang: pageLang}
}

// renderSize explains what a big request turns off.
func renderSize(text string) {
	var msg string
	switch {
	case len(text) > soap.MaxBytes:
		msg = T("ui.size.over", float64(len(text))/(1<<20), soap.MaxBytes>>20)
	case len(text) > highlightLimit:
		msg = T("ui.size.colour", highlightLimit>>20)
	}
	editorMsg.SetTextContent(msg)
	setHidden(editorMsg, msg == "")
}

// renderDiagnostics fills #diagnostics and #diag-summary.
func renderDiagnostics(rep *soap.Report) {
	list := diagList.Underlying()
	list.Set("textContent", "")
	errs, warns, infos := 0, 0, 0
	for i, d := range rep.Diagnostics {
		switch d.Severity {
		case soap.Error:
			errs++
		case soap.Warning:
			warns++
		default:
			infos++
		}
		if i < maxListed {
			list.Call("appendChild", diagItem(i, d))
		}
	}
	if n := len(rep.Diagnostics); n > maxListed {
		list.Call("appendChild", elem("li", "diag-more", T("ui.diag.more", n-maxListed)))
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning"))
	}
	if infos > 0 {
		parts = append(parts, T("ui.n.info", infos))
	}
	sum, cls := T("ui.no-problems"), "diag-summary--ok"
	if len(parts) > 0 {
		sum = strings.Join(parts, ", ")
		cls = "diag-summary--warning"
		if errs > 0 {
			cls = "diag-summary--error"
		}
	}
	diagSum.SetTextContent(sum)
	diagSum.Class().Set([]string{"diag-summary", cls})
}

// diagItem is one li.diag.
func diagItem(i int, d soap.Diagnostic) js.Value {
	li := elem("li", "diag", "")
	li.Call("setAttribute", "data-index", strconv.Itoa(i))
	li.Call("setAttribute", "data-code", d.Code)
	li.Call("setAttribute", "data-severity", string(d.Severity))
	li.Call("setAttribute", "data-line", strconv.Itoa(d.Start.Line))
	li.Call("setAttribute", "data-column", strconv.Itoa(d.Start.Col))
	if d.Field != "" {
		li.Call("setAttribute", "data-field", d.Field)
	}
	pos := strconv.Itoa(d.Start.Line) + ":" + strconv.Itoa(d.Start.Col)
	head := add(elem("span", "diag__head", ""),
		elem("span", "diag__severity", T("ui.severity."+string(d.Severity))),
		elem("span", "diag__code", d.Code),
		elem("span", "diag__pos", pos))
	where := T("ui.diag.go", d.Start.Line, d.Start.Col)
	if d.Field == soap.FieldSOAPAction {
		add(head, elem("span", "diag__field", T("ui.diag.field")))
		where = T("ui.diag.go-action")
	}
	goBtn := add(elem("button", "diag__go", ""), head, elem("span", "diag__message", d.Message))
	goBtn.Set("type", "button")
	goBtn.Set("title", where)
	add(li, goBtn)
	acts := elem("span", "diag__actions", "")
	if d.Fix != nil {
		fix := elem("button", "button button--small diag__fix", d.Fix.Title)
		fix.Set("type", "button")
		fix.Set("title", T("ui.diag.fix", d.Fix.Title))
		add(acts, fix)
	}
	if d.SpecRef != "" {
		a := elem("a", "diag__spec", T("ui.diag.spec"))
		a.Set("href", d.SpecRef)
		a.Set("target", "_blank")
		a.Set("rel", "noopener")
		a.Set("title", T("ui.diag.spec.title"))
		add(acts, a)
	}
	add(li, acts)
	return li
}

// diagClick handles clicks in #diagnostics: a fix button applies its fix,
// anything else in an entry but the spec link moves the caret there.
func diagClick(ev dom.Event) {
	t := target(ev)
	if t == nil {
		return
	}
	if t.Closest("a") != nil {
		return
	}
	li := t.Closest("li.diag")
	if li == nil {
		return
	}
	i, err := strconv.Atoi(li.GetAttribute("data-index"))
	if err != nil || live.rep == nil || i < 0 || i >= len(live.rep.Diagnostics) {
		return
	}
	d := live.rep.Diagnostics[i]
	if t.Closest(".diag__fix") != nil && d.Fix != nil {
		applyFix(d)
		return
	}
	if d.Field == soap.FieldSOAPAction {
		action.Focus()
		action.Select()
		return
	}
	ed.goTo(d.Start)
}

// applyFix applies the quick fix of d (found again in a fresh check of the
// current text, in case it changed) and re-checks at once.
func applyFix(d soap.Diagnostic) {
	ensureFresh()
	var f *soap.Fix
	for _, x := range live.rep.Diagnostics {
		if x.Code == d.Code && x.Fix != nil && x.Fix.Title == d.Fix.Title && x.Fix.Field == d.Fix.Field {
			f = x.Fix
			break
		}
	}
	if f == nil {
		return // the problem went away meanwhile
	}
	switch f.Field {
	case soap.FieldSOAPAction:
		v := action.Value()
		if !present.Checked() {
			v = ""
			present.SetChecked(true)
		}
		nv, err := soap.Replace(v, f.Span, f.Text)
		if err != nil {
			nv = f.Text
		}
		action.SetValue(nv)
		live.gen++
		runCheck()
		action.Focus()
	default:
		text := live.text
		s, e := min(f.Start.Offset, len(text)), min(max(f.End.Offset, f.Start.Offset), len(text))
		s16 := textpos.UTF16Len(text[:s])
		ed.replace(s16, s16+textpos.UTF16Len(text[s:e]), f.Text, -1, -1)
		live.gen++
		runCheck()
	}
}

// renderActionField marks the SOAPAction input with its diagnostics.
func renderActionField(rep *soap.Report) {
	var msgs []string
	sev := ""
	for _, d := range rep.Diagnostics {
		if d.Field != soap.FieldSOAPAction {
			continue
		}
		msgs = append(msgs, d.Message)
		if d.Severity == soap.Error || sev == "" {
			sev = string(d.Severity)
		}
	}
	action.SetAttribute("aria-invalid", strconv.FormatBool(sev == string(soap.Error)))
	if sev != "" {
		action.SetAttribute("data-severity", sev)
	} else {
		action.RemoveAttribute("data-severity")
	}
	actionMsg.SetTextContent(strings.Join(msgs, " "))
	actionMsg.Class().Set([]string{"field-msg", "field-msg--" + sev})
	setClass(action, "http-head__action--absent", !present.Checked())
}

// renderResponse shows the simulated server's answer.
func renderResponse(r umsim.Response) {
	respStatus.SetTextContent("HTTP/1.1 " + strconv.Itoa(r.Status) + " " + r.StatusText)
	ok := r.Status < 400
	respStatus.Class().Set([]string{"response__status", map[bool]string{true: "response__status--ok", false: "response__status--fault"}[ok]})
	var hb strings.Builder
	for i, h := range r.Header {
		if i > 0 {
			hb.WriteByte('\n')
		}
		hb.WriteString(h.Name + ": " + h.Value)
	}
	respHeaders.SetTextContent(hb.String())
	noBody := r.Body == ""
	respBody.Get("classList").Call("toggle", "response__body--none", noBody)
	if noBody {
		// 400 and 415: ASMX writes no body (behaviour.md rows 4, 5a, 5e).
		respBody.Set("textContent", T("ui.no-body", r.Status))
	} else {
		renderCode(respBody, r.Body, nil)
	}
	respExplain.SetTextContent(r.Explain)
	f := respFault.Underlying()
	f.Set("textContent", "")
	if r.Fault == nil {
		setHidden(respFault, true)
		return
	}
	code := r.Fault.Code
	if r.Fault.Namespace != "" {
		code = "{" + r.Fault.Namespace + "}" + r.Fault.Code
	}
	add(f, elem("dt", "", "faultcode"), elem("dd", "", code))
	add(f, elem("dt", "", "faultstring"), elem("dd", "", r.Fault.String))
	if r.Fault.ExceptionType != "" {
		add(f, elem("dt", "", "ExceptionType"), elem("dd", "", r.Fault.ExceptionType))
	}
	setHidden(respFault, false)
}

// renderCallID shows the decoded CallId of the request, if it has one.
func renderCallID(rep *soap.Report) {
	v, ok := rep.Value("CallId")
	setHidden(cidEmpty, ok)
	setHidden(cidFields, !ok)
	cidProblems.Underlying().Set("textContent", "")
	if !ok {
		cidStatus.SetTextContent("")
		return
	}
	r := *v.CallID
	renderRaw(cidRaw.Underlying(), r)
	renderPreview(cidDecoded.Underlying(), r.Decoded)
	cidGUID.SetTextContent(r.GUID)
	cidVersion.SetTextContent(callid.VersionText(r, pageLang))
	cidVariant.SetTextContent(r.Variant)
	renderPreview(cidHost.Underlying(), r.Host)
	for _, p := range r.Problems { // capped by callid.Decode: at most 1,001
		li := elem("li", "callid__problem callid__problem--"+p.Severity, "")
		li.Call("setAttribute", "data-code", p.Code)
		li.Call("setAttribute", "data-offset", strconv.Itoa(p.Offset))
		add(li, elem("span", "callid__problem-code", p.Code), jsDoc.Call("createTextNode", " "+p.Text(pageLang)))
		cidProblems.Underlying().Call("appendChild", li)
	}
	status, cls := "OK", "callid__status--ok"
	switch {
	case !r.OK:
		status, cls = T("ui.cid.invalid", plural(max(r.Errors, 1), "problem")), "callid__status--problem"
	case r.Warnings > 0:
		status, cls = "OK, "+plural(r.Warnings, "warning"), "callid__status--warning"
	}
	cidStatus.SetTextContent(status)
	cidStatus.Class().Set([]string{"callid__status", cls})
}

// What the CallId panel shows of a huge CallId: the rest is counted.
const (
	rawShown     = 2 << 10 // bytes of the raw CallId
	rawLines     = 16      // line ends of the raw CallId
	decodedShown = 4 << 10 // bytes of the decoded text's preview
)

// renderRaw writes the start of the raw CallId into parent with the bytes
// each problem points at wrapped in span.callid__bad.
func renderRaw(parent js.Value, r callid.Result) {
	parent.Set("textContent", "")
	marks, more := callid.Marks(r, rawShown, rawLines)
	for _, m := range marks {
		switch {
		case m.Text == "":
			b := elem("span", "callid__bad callid__bad--empty", "")
			b.Set("title", "missing here")
			add(parent, b)
		case m.Severity == "":
			add(parent, jsDoc.Call("createTextNode", m.Text))
		case m.Severity == callid.Error:
			add(parent, elem("span", "callid__bad", m.Text))
		default:
			add(parent, elem("span", "callid__bad callid__bad--"+m.Severity, m.Text))
		}
	}
	addMore(parent, more)
}

// renderPreview writes the start of text into parent, control and format
// characters escaped (callid.Preview).
func renderPreview(parent js.Value, text string) {
	p, more := callid.Preview(text, decodedShown)
	parent.Set("textContent", p)
	addMore(parent, more)
}

// addMore appends "… N more bytes" to parent when more > 0.
func addMore(parent js.Value, more int) {
	if more > 0 {
		add(parent, elem("span", "callid__more", " … "+strconv.Itoa(more)+" more bytes"))
	}
}
