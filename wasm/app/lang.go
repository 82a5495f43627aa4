//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/msg"
)

// The page's language (issue 12): ?lang= first, then the stored choice,
// then navigator.languages, then English (msg.Choose). The static texts of
// index.html carry data-i18n attributes naming their catalog entries; the
// texts Go writes go through T.

// pageLang is the language the page shows.
var pageLang = msg.EN

// langStore is the localStorage key of the user's choice.
const langStore = "umplay.lang"

// T is the catalog entry key in the page's language, formatted.
func T(key string, args ...any) string { return msg.Format(pageLang, key, args...) }

// initLang chooses the language, translates the page and wires the switch.
func initLang() {
	win := js.Global()
	search := win.Get("location").Get("search").String()
	var browser []string
	if ls := win.Get("navigator").Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length() && i < 32; i++ {
			browser = append(browser, ls.Index(i).String())
		}
	}
	l, explicit := msg.Choose(search, storedLang(), browser)
	setLang(l, explicit)
	sel := byID("lang")
	sel.Underlying().Set("value", pageLang.String())
	on(sel, "change", func(dom.Event) {
		l, _ := msg.Parse(sel.Underlying().Get("value").String())
		storeLang(l)
		setLang(l, true)
		rerender()
	})
}

// storedLang is the stored choice, "" when none or when storage is off.
func storedLang() (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	st := js.Global().Get("localStorage")
	if !st.Truthy() {
		return ""
	}
	v := st.Call("getItem", langStore)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func storeLang(l msg.Lang) {
	defer func() { _ = recover() }() // storage may be off (private mode, sandbox)
	if st := js.Global().Get("localStorage"); st.Truthy() {
		st.Call("setItem", langStore, l.String())
	}
}

// asWritten says the page's static texts are still the English that
// index.html (or embed.html) holds, which is the catalog's English
// (TestI18nPortuguese checks a fresh page): translating them to English
// would write every text again for nothing, ~3 ms of the page's start.
var asWritten = true

// setLang shows the page in l. explicit makes the state carry it (share
// links, embeds); English by default is no choice.
func setLang(l msg.Lang, explicit bool) {
	pageLang = l
	state.Lang = ""
	if explicit || l != msg.EN {
		state.Lang = l.String()
	}
	jsDoc.Get("documentElement").Call("setAttribute", "lang", l.String())
	if l != msg.EN || !asWritten {
		translate(jsDoc)
		asWritten = false
	}
	if sel := jsDoc.Call("getElementById", "lang"); sel.Truthy() {
		sel.Set("value", l.String())
	}
}

// langOfState follows a state applied by setState or a share link: its
// language when it names one, else the page keeps its own.
func langOfState() {
	if l, ok := msg.Parse(state.Lang); ok {
		if l != pageLang {
			setLang(l, true)
		}
		return
	}
	state.Lang = ""
	if pageLang != msg.EN {
		state.Lang = pageLang.String()
	}
}

// translate fills the elements under root that name a catalog entry:
// data-i18n their text, data-i18n-title, data-i18n-aria-label,
// data-i18n-label and data-i18n-content those attributes. A text with
// {0}, {1}… keeps the element's child elements (a <kbd>, a <code>, a
// span with an id) in those places, in their order, between text nodes.
func translate(root js.Value) {
	for _, a := range [...]struct{ data, attr string }{
		{"data-i18n-title", "title"}, {"data-i18n-aria-label", "aria-label"},
		{"data-i18n-label", "label"}, {"data-i18n-content", "content"},
	} {
		els := root.Call("querySelectorAll", "["+a.data+"]")
		for i := 0; i < els.Length(); i++ {
			e := els.Index(i)
			e.Call("setAttribute", a.attr, msg.Text(pageLang, e.Call("getAttribute", a.data).String()))
		}
	}
	els := root.Call("querySelectorAll", "[data-i18n]")
	for i := 0; i < els.Length(); i++ {
		e := els.Index(i)
		text := msg.Text(pageLang, e.Call("getAttribute", "data-i18n").String())
		if !strings.Contains(text, "{0}") {
			e.Set("textContent", text)
			continue
		}
		kids := e.Get("children")
		var keep []js.Value
		for j := 0; j < kids.Length(); j++ {
			keep = append(keep, kids.Index(j))
		}
		e.Set("textContent", "")
		for _, p := range msg.Parts(text) {
			switch {
			case p.Slot < 0:
				e.Call("appendChild", jsDoc.Call("createTextNode", p.Text))
			case p.Slot < len(keep):
				e.Call("appendChild", keep[p.Slot])
			}
		}
	}
}

// exampleTitle and exampleNote are an example's texts in the page's
// language (index.json's "pt-BR" entry; the English when it has none).
func exampleTitle(ex example) string {
	if pageLang == msg.PTBR && ex.PT.Title != "" {
		return ex.PT.Title
	}
	return ex.Title
}

func exampleNote(ex example) string {
	if pageLang == msg.PTBR && ex.PT.Note != "" {
		return ex.PT.Note
	}
	return ex.Note
}

// rerender redraws what Go wrote in the old language.
func rerender() {
	opts := exampleSel.Underlying().Get("options")
	for i := 0; i < opts.Length(); i++ {
		o := opts.Index(i)
		if ex := findExample(o.Get("value").String()); ex != nil {
			o.Set("textContent", exampleTitle(*ex))
			o.Set("title", exampleNote(*ex))
		}
	}
	if ex := flow.example; ex != nil {
		exampleTip.SetTextContent(exampleNote(*ex))
	}
	runCheck()
	renderCalls()
	byID("version").SetTextContent(T("ui.version", version()))
	if t := bootText.TextContent(); t != "" && jsDoc.Get("documentElement").Call("getAttribute", "data-umplay").String() == "ready" {
		bootText.SetTextContent(T("ui.ready"))
	}
}
