//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/soap"
	"umplay/wasm/textedit"
	"umplay/wasm/textpos"
	"umplay/wasm/xmllex"
)

// Sizes that keep a big paste from freezing the page.
const (
	highlightLimit = 1 << 20   // bytes; above it the editor shows plain text
	gutterLimit    = 200_000   // lines numbered in the gutter
	windowMargin   = 40        // lines painted above and below the visible ones
	maxMarks       = 1000      // diagnostics marked in the text and the gutter
	windowBytes    = 256 << 10 // a window this big (very long lines) is shown plain
)

// editor is the overlay editor: a textarea with transparent text over a <pre>
// that shows the same text coloured and with the diagnostics marked, and a
// gutter with line numbers and markers. The textarea stays the real editor
// (selection, undo, IME, accessibility).
type editor struct {
	ta       js.Value // the textarea
	numbers  js.Value // gutter text node holder: "1\n2\n…"
	markers  js.Value // gutter markers layer
	lines    int      // line count the gutter shows
	escArmed bool     // Escape was pressed: the next Tab leaves the editor
	live     bool     // the highlight layer shows the current text
	lineH    float64  // line height in px
	// The textarea's scroll offsets and height, as of its last scroll or
	// resize: read there, never while rendering, where reading them would
	// force the browser to lay out the whole (just edited) text inside our
	// task.
	top, left, viewH float64
	indent           string

	// The highlight layer paints only the visible lines and a margin: a
	// window [winFirst, winLast] of the text's lines (0: nothing painted).
	painted           string         // the text the highlight layer shows
	table             *textpos.Lines // line table of painted
	toks              []xmllex.Token // the tokens of tokText
	tokText           string
	spare             []xmllex.Token // the array of older tokens, reused
	marks             []xmllex.Mark
	winFirst, winLast int
}

var ed editor

func (e *editor) init() {
	e.ta = request.Underlying()
	e.indent = soap.DefaultIndent
	gutter.Set("textContent", "")
	e.numbers = elem("div", "gutter__numbers", "")
	e.markers = elem("div", "gutter__markers", "")
	add(gutter, e.numbers, e.markers)
	e.lines = -1
	cs := js.Global().Call("getComputedStyle", e.ta)
	e.lineH = px(cs.Get("lineHeight").String(), 20)

	e.measure()
	onJS(e.ta, "scroll", func(js.Value) {
		e.measure()
		e.syncScroll()
		if e.live {
			e.paintWindow(false)
		}
	})
	if ro := js.Global().Get("ResizeObserver"); ro.Truthy() {
		f := js.FuncOf(func(js.Value, []js.Value) any {
			defer guard("editor resize")
			e.measure()
			if e.live {
				e.paintWindow(false)
			}
			return nil
		})
		ro.New(f).Call("observe", e.ta)
	}
	on(request, "keydown", e.keydown)
	request.SetAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter")
}

// px parses a CSS pixel length such as "20px" with the browser's
// parseFloat (it stops at "px"; strconv.ParseFloat would link ~20 KB of
// decimal conversion into the page for this one use); def when it is not
// a positive number.
func px(s string, def float64) float64 {
	f := js.Global().Call("parseFloat", s).Float()
	if !(f > 0) { // NaN too
		return def
	}
	return f
}

// text is the textarea's current value.
func (e *editor) text() string { return e.ta.Get("value").String() }

// length is the textarea's text length in UTF-16 units (cheap: no copy).
func (e *editor) length() int { return e.ta.Get("textLength").Int() }

// measure reads the textarea's scroll offsets and height (in a scroll or
// resize callback, when the layout is fresh).
func (e *editor) measure() {
	e.top, e.left = e.ta.Get("scrollTop").Float(), e.ta.Get("scrollLeft").Float()
	e.viewH = e.ta.Get("clientHeight").Float()
}

// syncScroll moves the highlight layer and the gutter with the textarea.
func (e *editor) syncScroll() {
	top, left := e.top, e.left
	highlight.Get("style").Set("transform", "translate("+ftoa(-left)+"px,"+ftoa(-top)+"px)")
	gutter.Get("style").Set("transform", "translateY("+ftoa(-top)+"px)")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// stale is called on input when the check (and so the highlight) will come
// later: until then the textarea shows its own, uncoloured text.
func (e *editor) stale() {
	if e.live {
		e.live = false
		setClass(editorBox, "editor--live", false)
	}
}

// render draws text with diags marked. Texts over highlightLimit stay plain.
func (e *editor) render(text string, lines *textpos.Lines, diags []soap.Diagnostic) {
	e.renderGutter(lines, diags)
	if len(text) > highlightLimit {
		if e.winFirst != 0 {
			highlight.Set("textContent", "")
		}
		e.painted, e.table, e.toks, e.tokText, e.marks, e.winFirst = "", nil, nil, "", nil, 0
		e.live = false
		setClass(editorBox, "editor--live", false)
		return
	}
	e.tokenize(text, nil)
	e.painted, e.table = text, lines
	e.marks = e.marks[:0]
	for _, d := range diags {
		if d.Field != soap.FieldBody || d.Severity == soap.Info || len(e.marks) >= maxMarks {
			continue
		}
		e.marks = append(e.marks, xmllex.Mark{Start: d.Start.Offset, End: d.End.Offset, Class: string(d.Severity)})
	}
	e.live = true
	e.paintWindow(true)
	setClass(editorBox, "editor--live", e.live)
	e.syncScroll()
}

// tokenize makes the tokens of text (calling yield now and then: see
// xmllex.AppendTokens), unless it has them already. It fills the spare
// array, not the one the painted window may still be drawn from while it
// yields (a scroll repaints), then swaps them.
func (e *editor) tokenize(text string, yield func()) {
	if len(text) > highlightLimit || text == e.tokText && e.toks != nil {
		return
	}
	buf := e.spare
	e.spare = nil // if yield aborts, the next call starts a new array
	toks := xmllex.AppendTokens(buf, text, yield)
	e.spare, e.toks, e.tokText = e.toks, toks, text
}

// paintWindow paints the lines around the visible ones, unless (and force
// is false) the painted window already covers them.
func (e *editor) paintWindow(force bool) {
	if e.table == nil {
		return
	}
	top, h := e.top, e.viewH
	n := e.table.Count()
	first := max(1, int(top/e.lineH))
	last := min(n, int((top+h)/e.lineH)+1)
	if !force && e.winFirst != 0 && first >= e.winFirst && last <= e.winLast {
		return
	}
	f, l := max(1, first-windowMargin), min(n, last+windowMargin)
	start, end := e.table.Start(f), e.table.End(l)
	highlight.Set("textContent", "")
	if end-start > windowBytes {
		// Lines this long would mean thousands of spans on every paint:
		// let the textarea show its own text.
		e.live, e.winFirst = false, 0
		setClass(editorBox, "editor--live", false)
		return
	}
	toks, marks := xmllex.Window(e.toks, e.marks, start, end)
	items := paintPieces(e.painted, xmllex.Pieces(toks, marks))
	// A final newline needs something after it, or the <pre> is one line
	// shorter than the textarea.
	if end == len(e.painted) && (e.painted == "" || strings.HasSuffix(e.painted, "\n")) {
		items = append(items, " ")
	}
	appendAll(highlight, items)
	highlight.Get("style").Set("paddingTop", ftoa(float64(f-1)*e.lineH)+"px")
	e.winFirst, e.winLast = f, l
}

// renderGutter writes the line numbers (when their count changed) and one
// marker per line that has a diagnostic.
func (e *editor) renderGutter(lines *textpos.Lines, diags []soap.Diagnostic) {
	n := min(lines.Count(), gutterLimit)
	if n != e.lines {
		var b strings.Builder
		b.Grow(n * 6)
		for i := 1; i <= n; i++ {
			if i > 1 {
				b.WriteByte('\n')
			}
			b.WriteString(strconv.Itoa(i))
		}
		e.numbers.Set("textContent", b.String())
		e.lines = n
	}
	type lineMark struct {
		sev  soap.Severity
		msgs []string
	}
	byLine := map[int]*lineMark{}
	var order []int
	for _, d := range diags {
		if d.Field != soap.FieldBody || d.Severity == soap.Info || d.Start.Line > n {
			continue
		}
		if len(order) >= maxMarks && byLine[d.Start.Line] == nil {
			break
		}
		m := byLine[d.Start.Line]
		if m == nil {
			m = &lineMark{sev: d.Severity}
			byLine[d.Start.Line] = m
			order = append(order, d.Start.Line)
		}
		if d.Severity == soap.Error {
			m.sev = soap.Error
		}
		m.msgs = append(m.msgs, string(d.Severity)+": "+d.Message)
	}
	e.markers.Set("textContent", "")
	for _, line := range order {
		m := byLine[line]
		mk := elem("div", "gutter__marker gutter__marker--"+string(m.sev), strconv.Itoa(line))
		mk.Set("title", strings.Join(m.msgs, "\n"))
		mk.Get("style").Set("top", ftoa(float64(line-1)*e.lineH)+"px")
		e.markers.Call("appendChild", mk)
	}
}

// keydown handles Tab/Shift+Tab (indent/outdent), Escape then Tab (leave the
// editor) and Ctrl/Cmd+Enter (send).
func (e *editor) keydown(ev dom.Event) {
	k, ok := ev.(*dom.KeyboardEvent)
	if !ok {
		return
	}
	key := k.Key()
	switch {
	case key == "Escape":
		e.escArmed = true
		return
	case key == "Tab" && !k.CtrlKey() && !k.AltKey() && !k.MetaKey():
		if e.escArmed {
			e.escArmed = false
			return // the browser moves the focus on
		}
		ev.PreventDefault()
		if k.ShiftKey() {
			e.outdent()
		} else {
			e.indentSel()
		}
		return
	case key == "Enter" && (k.CtrlKey() || k.MetaKey()):
		ev.PreventDefault()
		e.escArmed = false
		sendCurrent()
		return
	case key == "Shift" || key == "Control" || key == "Alt" || key == "Meta":
		return
	}
	e.escArmed = false
}

// selection is the textarea's selection in UTF-16 units.
func (e *editor) selection() (start, end int) {
	return e.ta.Get("selectionStart").Int(), e.ta.Get("selectionEnd").Int()
}

// indentSel inserts one indent at the caret, or indents every line of a
// selection that spans lines (textedit.Indent).
func (e *editor) indentSel() {
	text := e.text()
	s16, e16 := e.selection()
	ed, selS, selE := textedit.Indent(text, textpos.ByteOffset(text, s16), textpos.ByteOffset(text, e16), e.indent)
	e.apply(text, ed, selS, selE)
}

// outdent removes up to one indent from the start of every line the
// selection touches (textedit.Outdent).
func (e *editor) outdent() {
	text := e.text()
	s16, e16 := e.selection()
	ed, selS, selE, ok := textedit.Outdent(text, textpos.ByteOffset(text, s16), textpos.ByteOffset(text, e16), e.indent)
	if ok {
		e.apply(text, ed, selS, selE)
	}
}

// apply makes ed to text (the textarea's text) through replace, then selects
// the byte range [selS, selE) of the edited text, which starts at or after
// ed.Start (-1: leave the caret after the inserted text).
func (e *editor) apply(text string, ed textedit.Edit, selS, selE int) {
	u := textpos.UTF16Len(text[:ed.Start])
	end := u + textpos.UTF16Len(text[ed.Start:ed.End])
	if selS < 0 {
		e.replace(u, end, ed.Text, -1, -1)
		return
	}
	at := func(off int) int { return u + textpos.UTF16Len(ed.Text[:min(off-ed.Start, len(ed.Text))]) }
	e.replace(u, end, ed.Text, at(selS), at(selE))
}

// Chromium's insertText command takes time quadratic in the number of lines
// it inserts (~0.4 s for 300 lines, 12 s for 1000), so bigger edits go in
// through setRangeText, which the undo history does not record.
const (
	undoableBytes = 64 << 10
	undoableLines = 150
)

// replace replaces the UTF-16 range [s, e) of the textarea with text the way
// typing does, so that the browser's undo (Ctrl+Z) can take it back, then
// selects [selS, selE) (-1: leave the caret after the inserted text). It
// focuses the editor, as an edit there should.
func (e *editor) replace(s, en int, text string, selS, selE int) {
	e.ta.Call("focus")
	e.ta.Call("setSelectionRange", s, en)
	ok := false
	if len(text) <= undoableBytes && strings.Count(text, "\n") <= undoableLines {
		ok = jsDoc.Call("execCommand", "insertText", false, text).Bool()
	}
	if !ok {
		e.ta.Call("setRangeText", text, s, en, "end")
		e.ta.Call("dispatchEvent", js.Global().Get("Event").New("input", map[string]any{"bubbles": true}))
	}
	if selS >= 0 {
		e.ta.Call("setSelectionRange", selS, selE)
	}
}

// setText replaces the whole text (only the part that changed, keeping undo
// where the browser can) and gives the focus back to whatever had it.
func (e *editor) setText(text string) {
	prev := jsDoc.Get("activeElement")
	old := e.text()
	if old != text {
		d := textedit.Diff(old, text)
		s16 := textpos.UTF16Len(old[:d.Start])
		e.replace(s16, s16+textpos.UTF16Len(old[d.Start:d.End]), d.Text, 0, 0)
	}
	e.ta.Set("scrollTop", 0)
	e.ta.Set("scrollLeft", 0)
	e.top, e.left = 0, 0
	if !prev.IsNull() && !prev.Equal(e.ta) && !prev.Equal(jsDoc.Get("body")) {
		prev.Call("focus")
	}
}

// goTo puts the caret at p and focuses the editor, scrolling it into view.
func (e *editor) goTo(p soap.Pos) {
	text := e.text()
	off := textpos.UTF16Len(text[:min(max(p.Offset, 0), len(text))])
	e.ta.Call("focus")
	e.ta.Call("setSelectionRange", off, off)
	// Make the line visible in case the browser did not.
	top := float64(p.Line-1) * e.lineH
	e.measure()
	if st, h := e.top, e.viewH; top < st || top+e.lineH*2 > st+h {
		e.ta.Set("scrollTop", max(0, top-h/3))
		e.measure()
	}
	e.syncScroll()
}
