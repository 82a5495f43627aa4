//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/embedmsg"
	"umplay/wasm/msg"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

// The embedded playground (web/embed.html, marked <html data-umplay-embed>):
// the same program with only the editor, the problems and the response
// wired, and the umplay/1 protocol with the page that frames it
// (package embedmsg). The embed talks only to window.parent: "ready" goes to
// any origin and carries nothing; the origin of the first "hello" is then
// the only one it listens to and posts to.

// onChecked, when set, runs after every check (runCheck): the embed reports
// each change to its host.
var onChecked func()

var emb struct {
	page     js.Value // window.umplayEmbedPage (web/embed-page.js)
	parent   js.Value
	host     string // the origin that answered "ready"; "" before the handshake
	readonly bool
	content  js.Value // the element whose height the host gets
	height   int      // last height sent
	pending  bool     // a state+report flush is scheduled
	frame    bool     // a resize measurement is scheduled
	msg      *element
}

// isEmbed tells whether the page is web/embed.html.
func isEmbed() bool {
	return js.Global().Get("document").Get("documentElement").Call("hasAttribute", "data-umplay-embed").Bool()
}

// startEmbed is start for the embed page.
func startEmbed() error {
	lookup()
	server = newServer()
	ed.init()
	lookupFlow()
	emb.page = js.Global().Get("umplayEmbedPage")
	emb.parent = js.Global().Get("parent")
	emb.content = byID("embed-content").Underlying()
	emb.msg = byID("embed-msg")
	emb.readonly = emb.page.Truthy() && emb.page.Get("readonly").Truthy()
	emb.height = -1

	on(request, "input", func(dom.Event) { changed() })
	on(diagList, "click", func(ev dom.Event) {
		if emb.readonly {
			return
		}
		diagClick(ev)
	})
	on(byID("error-close"), "click", func(dom.Event) { setHidden(errBox, true) })
	if !emb.readonly {
		request.RemoveAttribute("readonly")
	} else {
		request.SetAttribute("aria-readonly", "true")
	}
	onChecked = embedChanged
	embedLang()
	if embedLesson() {
		initLessons()
	}

	applied := false
	if emb.page.Truthy() {
		if sj := emb.page.Get("stateJSON"); sj.Type() == js.TypeString {
			s, err := ParseState([]byte(sj.String()))
			if err != nil {
				embedNote("This embed's link holds no valid state: " + err.Error() + ". The default request is shown.")
				ed.setText(request.Get("defaultValue").String())
			} else {
				apply(s)
				applied = true
			}
		}
	}
	if !applied {
		flow.pristine = ed.text()
		runCheck()
	}
	installAPI()
	onJS(js.Global(), "message", embedMessage)
	if ro := js.Global().Get("ResizeObserver"); ro.Type() == js.TypeFunction {
		obs := ro.New(js.FuncOf(func(js.Value, []js.Value) any {
			defer guard("resize")
			scheduleResize()
			return nil
		}))
		obs.Call("observe", emb.content)
	}
	ready()
	if !emb.parent.Equal(js.Global()) {
		post(embedmsg.ReadyJSON(), "*")
	}
	return nil
}

// embedNote shows msg above the editor (a problem with the URL's state).
func embedNote(msg string) {
	emb.msg.SetTextContent(msg)
	setHidden(emb.msg, false)
}

// post sends a message (JSON text made by embedmsg) to window.parent.
func post(msg []byte, origin string) {
	if emb.parent.Equal(js.Global()) {
		return
	}
	emb.parent.Call("postMessage", jsJSON.Call("parse", string(msg)), origin)
}

// embedChanged runs after every check: it schedules one state and report
// message for all the changes of this turn, and updates the editor's height
// and the "Open in umplay" link.
func embedChanged() {
	lines := strings.Count(live.text, "\n") + 1
	editorBox.Underlying().Get("style").Call("setProperty", "--embed-lines", strconv.Itoa(max(3, min(lines, 24))))
	if emb.pending {
		return
	}
	emb.pending = true
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, _ []js.Value) any {
		defer guard("embed change")
		emb.pending = false
		s := currentState()
		if emb.page.Truthy() && len(s.Request) <= 64<<10 {
			emb.page.Call("link", string(embedmsg.Diff(s)))
		}
		if emb.host != "" {
			post(embedmsg.StateJSON(s, nil), emb.host)
			post(embedmsg.ReportJSON(summary(), nil), emb.host)
		}
		return nil
	}), 0)
}

// summary is what the report message says of the last check.
func summary() embedmsg.Summary {
	ensureFresh()
	var s embedmsg.Summary
	for _, d := range live.rep.Diagnostics {
		switch d.Severity {
		case soap.Error:
			s.Errors++
		case soap.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	r := server.Preview(report.RequestWith(live.text, live.head, live.rep))
	s.Status = r.Status
	if r.Fault != nil {
		s.FaultCode = r.Fault.Code
	}
	return s
}

// scheduleResize measures the content at the next animation frame (one
// measurement per frame however many changes) and sends its height when it
// changed.
func scheduleResize() {
	if emb.frame {
		return
	}
	emb.frame = true
	js.Global().Call("requestAnimationFrame", js.FuncOf(func(js.Value, []js.Value) any {
		defer guard("embed resize")
		emb.frame = false
		h := int(js.Global().Get("Math").Call("ceil", emb.content.Call("getBoundingClientRect").Get("height")).Int())
		if emb.host != "" && h != emb.height {
			emb.height = h
			post(embedmsg.ResizeJSON(h), emb.host)
		}
		return nil
	}))
}

// serialize is JSON.stringify(v), or false when it throws (a cycle, a
// BigInt) or gives no text.
func serialize(v js.Value) (text js.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	t := jsJSON.Call("stringify", v)
	return t, t.Type() == js.TypeString
}

// embedMessage handles a message event: only from window.parent, only from
// the handshake's origin once there is one; validated by embedmsg.Parse.
func embedMessage(ev js.Value) {
	if !ev.Get("source").Equal(emb.parent) || emb.parent.Equal(js.Global()) {
		return
	}
	origin := ev.Get("origin").String()
	if emb.host != "" && origin != emb.host {
		return // another origin: ignored, never answered
	}
	text, ok := serialize(ev.Get("data"))
	if !ok {
		if emb.host != "" {
			post(embedmsg.ErrorJSON("the message cannot be read as JSON (a cycle, a function, a BigInt?)", nil), emb.host)
		}
		return
	}
	// A string primitive has no properties for syscall/js: its String
	// object does.
	if n := js.Global().Get("Object").New(text).Get("length").Int(); n > embedmsg.MaxMessage {
		// Refused before it is copied into Go.
		if emb.host != "" {
			post(embedmsg.ErrorJSON("message is "+strconv.Itoa(n)+" characters of JSON, the limit is "+strconv.Itoa(embedmsg.MaxMessage), nil), emb.host)
		}
		return
	}
	m, ours, err := embedmsg.Parse([]byte(text.String()))
	if !ours {
		return
	}
	if emb.host == "" {
		// Before the handshake only a valid hello counts; there is no one
		// to answer anything else. An opaque origin cannot be posted to.
		if err != nil || m.Type != embedmsg.Hello || origin == "null" || origin == "" {
			return
		}
		emb.host = origin
		greet()
		return
	}
	if err != nil {
		r := err.(*embedmsg.Refused)
		post(embedmsg.ErrorJSON(r.Msg, r.ID), emb.host)
		return
	}
	switch m.Type {
	case embedmsg.Hello:
		greet()
	case embedmsg.SetState:
		apply(m.State)
		if m.ID != nil {
			post(embedmsg.StateJSON(currentState(), m.ID), emb.host)
		}
	case embedmsg.GetState:
		post(embedmsg.StateJSON(currentState(), m.ID), emb.host)
	case embedmsg.Check:
		post(embedmsg.ReportJSON(summary(), m.ID), emb.host)
	case embedmsg.SetTheme:
		jsDoc.Get("documentElement").Call("setAttribute", "data-theme", m.Theme)
		scheduleResize()
	}
}

// greet sends what a host needs at once after its hello: the state, the
// report and the height.
func greet() {
	post(embedmsg.StateJSON(currentState(), nil), emb.host)
	post(embedmsg.ReportJSON(summary(), nil), emb.host)
	emb.height = -1
	scheduleResize()
}

// embedLang shows the embed in ?lang= or else the browser's language (a
// state's lang, applied below, then wins: see langOfState).
func embedLang() {
	var browser []string
	if ls := js.Global().Get("navigator").Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length() && i < 32; i++ {
			browser = append(browser, ls.Index(i).String())
		}
	}
	l, explicit := msg.Choose(js.Global().Get("location").Get("search").String(), "", browser)
	setLang(l, explicit)
}

// embedLesson tells whether the embed's URL names a lesson (?lesson=ID):
// the lesson block of embed.html then shows that step, graded live by
// lesson.go as on the full page.
func embedLesson() bool {
	readLink()
	if linkParams.lesson == "" {
		return false
	}
	inputByID("lesson-live").SetChecked(true)
	lessons.hintsLive = true
	return true
}
