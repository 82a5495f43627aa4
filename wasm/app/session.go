//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/report"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// server is the page's stateful simulated server: real clock, the browser's crypto.getRandomValues.
// The live preview only ever calls Preview; Send calls Handle.
var server *umsim.Server

func newServer() *umsim.Server {
	return umsim.New(umsim.Config{Now: time.Now, Rand: pageRand(), Host: umsim.DefaultHost}) // pageRand: lesson.go (instructor seed)
}

// exchange is one sent request and its response, for the history.
type exchange struct {
	at       time.Time
	op       string
	endpoint string
	body     string
	head     soap.Head
	resp     umsim.Response
}

// sendCurrent sends the editor's request (the #send button, Ctrl+Enter)
// and shows the reply until the next edit.
func sendCurrent() {
	ensureFresh()
	send(live.text, live.head, live.rep)
}

// send applies a request to the server (rep is its check, or nil), records
// it in the history, refreshes the call table and shows the reply.
func send(body string, head soap.Head, rep *soap.Report) umsim.Response {
	if rep == nil {
		rep = soap.Check(body, head)
	}
	resp := server.Handle(report.RequestWith(body, head, rep))
	op := "—"
	if rep.Operation != "" {
		op = string(rep.Operation)
	}
	at := time.Now()
	li := addHistory(exchange{at: at, op: op, endpoint: state.Endpoint, body: body, head: head, resp: resp})
	renderCalls()
	showReply(resp, at, li)
	return resp
}

// rawRequest is the request as it would go over the wire (for the history).
func rawRequest(x exchange) string {
	path, host := "/EWS/UM2007Legacy.asmx", "mail.contoso.com"
	if u, ok := umsim.ParseEndpoint(strings.TrimSpace(x.endpoint)); ok {
		host, path = u.Host, u.EscapedPath
		if path == "" {
			path = "/"
		}
	}
	var b strings.Builder
	b.WriteString("POST " + path + " HTTP/1.1\nHost: " + host + "\n")
	for _, h := range report.Request(x.body, x.head).Header {
		b.WriteString(h.Name + ": " + h.Value + "\n")
	}
	b.WriteString("Content-Length: " + strconv.Itoa(len(x.body)) + "\n\n" + x.body)
	return b.String()
}

// addHistory prepends an entry to #history and returns it.
func addHistory(x exchange) js.Value {
	li := elem("li", "history__item", "")
	det := elem("details", "history__details", "")
	sum := elem("summary", "history__summary", "")
	st := elem("span", "history__status", strconv.Itoa(x.resp.Status)+" "+x.resp.StatusText)
	if x.resp.Status < 400 {
		st.Set("className", "history__status history__status--ok")
	} else {
		st.Set("className", "history__status history__status--fault")
	}
	tm := elem("time", "history__time", x.at.Format("15:04:05"))
	tm.Set("dateTime", x.at.Format(time.RFC3339))
	add(sum, tm, elem("span", "history__op", x.op), st)
	if x.resp.Fault != nil {
		add(sum, elem("span", "history__fault", x.resp.Fault.Code))
	}
	body := elem("div", "history__body", "")
	reqPre := elem("pre", "code history__request", "")
	renderHTTP(reqPre, rawRequest(x))
	respPre := elem("pre", "code history__response", "")
	renderHTTP(respPre, strings.ReplaceAll(x.resp.Raw(), "\r\n", "\n"))
	add(body, elem("p", "history__label", "Request"), reqPre, elem("p", "history__label", "Response"), respPre)
	if x.resp.Explain != "" {
		add(body, elem("p", "history__explain", x.resp.Explain))
	}
	add(det, sum, body)
	add(li, det)
	h := historyList.Underlying()
	h.Call("insertBefore", li, h.Get("firstChild"))
	setHidden(historyEmpty, true)
	return li
}

// renderHTTP writes an HTTP message: the head as text, the body coloured.
func renderHTTP(pre js.Value, raw string) {
	head, body, _ := strings.Cut(raw, "\n\n")
	add(pre, jsDoc.Call("createTextNode", head+"\n\n"))
	span := elem("span", "", "")
	renderCode(span, body, nil)
	add(pre, span)
}

// callsTicker refreshes the call table once a second while a call is
// Connecting (the browser's setInterval: a Go time.Ticker and the goroutine
// that selects on it would link the runtime's select and channel code, and
// the callback runs on the page's thread anyway); stopTicker ends it.
var (
	callsTicker js.Value // setInterval's id; the zero Value is undefined: none
	tickerFunc  js.Func
)

func stopTicker() {
	if !callsTicker.IsUndefined() {
		js.Global().Call("clearInterval", callsTicker)
		tickerFunc.Release()
		callsTicker = js.Undefined()
	}
}

func startTicker() {
	tickerFunc = js.FuncOf(func(js.Value, []js.Value) any {
		defer guard("call table refresh")
		renderCalls()
		// A GetCallInfo preview shows the new state too.
		if live.rep != nil && live.rep.Operation == soap.GetCallInfo {
			ensureFreshPreview()
		}
		return nil
	})
	callsTicker = js.Global().Call("setInterval", tickerFunc, 1000)
}

// renderCalls redraws #calls from the server.
func renderCalls() {
	calls := server.Calls()
	tb := callsBody.Underlying()
	tb.Set("textContent", "")
	connecting := false
	for _, c := range calls {
		tr := elem("tr", "calls__row", "")
		tr.Call("setAttribute", "data-call-id", c.ID)
		tr.Call("setAttribute", "data-state", c.State)
		id := elem("code", "calls__callid", c.ID)
		id.Set("title", c.ID)
		ended := ""
		if !c.Ended.IsZero() {
			ended = c.Ended.Format("15:04:05")
		}
		state := elem("td", "calls__state calls__state--"+strings.ToLower(c.State), c.State)
		acts := elem("td", "calls__actions", "")
		for _, op := range []soap.Operation{soap.GetCallInfo, soap.Disconnect} {
			b := elem("button", "button button--small calls__"+strings.ToLower(string(op)), string(op))
			b.Set("type", "button")
			b.Set("title", T("ui.calls.build", string(op)))
			b.Call("setAttribute", "aria-label", string(op)+" request for call "+c.GUID)
			b.Call("setAttribute", "data-op", string(op))
			add(acts, b)
		}
		add(tr,
			add(elem("td", "", ""), id),
			add(elem("td", "", ""), elem("code", "", c.GUID)),
			elem("td", "", c.DialString),
			state,
			elem("td", "", c.EventCause),
			elem("td", "", c.Started.Format("15:04:05")),
			elem("td", "", ended),
			acts)
		add(tb, tr)
		if c.State == umsim.StateConnecting {
			connecting = true
		}
	}
	setHidden(callsEmpty, len(calls) > 0)
	switch {
	case connecting && callsTicker.IsUndefined():
		startTicker()
	case !connecting:
		stopTicker()
	}
}

// ensureFreshPreview re-renders the response pane for the checked request
// (a call's state moved on); a reply stays until the next edit.
func ensureFreshPreview() {
	if flow.reply != nil || live.rep == nil {
		return
	}
	showPreview(server.Preview(report.RequestWith(live.text, live.head, live.rep)))
}

// callsClick handles the GetCallInfo / Disconnect buttons of a call row.
func callsClick(ev dom.Event) {
	t := target(ev)
	if t == nil {
		return
	}
	b := t.Closest("button[data-op]")
	tr := t.Closest("tr[data-call-id]")
	if b == nil || tr == nil {
		return
	}
	op, ok := soap.ParseOperation(b.GetAttribute("data-op"))
	if !ok {
		return
	}
	readBuilder()
	o := state.Builder.Options()
	o.Operation = op
	o.CallID = tr.GetAttribute("data-call-id")
	o.GUID, o.Host = "", ""
	xml, err := soap.Build(o)
	if err != nil {
		showError(err.Error())
		return
	}
	replaceRequest(T("ui.what.call", string(op)), func() {
		setProgramText(xml, op.QuotedAction(), true)
		ed.ta.Call("focus")
	}, nil)
}

// reset forgets every call, the history and the mailbox's settings, after
// asking.
func reset(dom.Event) {
	ask(T("ui.ask.reset"), T("ui.reset.yes"), T("ui.cancel"), resetNow, nil)
}

func resetNow() {
	server = newServer()
	stopTicker()
	historyList.Underlying().Set("textContent", "")
	setHidden(historyEmpty, false)
	renderCalls()
	live.gen++
	runCheck()
}
