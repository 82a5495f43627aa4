//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/share/payload"
)

// Share links (issue 10): the "Copy link" dialog, #s= links opened on load
// and on hashchange, and state files (saved from the dialog, opened with
// "Open state file…" or dropped on the page). Package payload makes and
// checks what a link carries; web/share.js (window.umplayShare) deflates
// and inflates it with the browser's CompressionStream. Everything a link
// or a file holds reaches the page through apply, as control values and
// text nodes: it never sends, never runs.

// longLink is the length above which chat tools and mail clients cut links.
const longLink = 2000

var (
	shareBtn      *dom.HTMLButtonElement
	shareDialog   js.Value
	shareRedact   *dom.HTMLInputElement
	shareReds     *element
	sharePreview  *element
	shareLink     *dom.HTMLTextAreaElement
	shareLength   *element
	shareLong     *element
	shareCopy     *dom.HTMLButtonElement
	shareDownload *dom.HTMLButtonElement
	shareMsg      *element
	stateFileBtn  *dom.HTMLButtonElement
	stateFile     *dom.HTMLInputElement

	// shareGen numbers the dialog's renders: a deflate that finishes after
	// a newer render started is dropped.
	shareGen int
	// sharePayload is what the dialog shows now.
	sharePayload payload.Payload
)

func initShare() {
	shareBtn = buttonByID("share")
	shareDialog = byID("share-dialog").Underlying()
	shareRedact = inputByID("share-redact")
	shareReds = byID("share-redactions")
	sharePreview = byID("share-preview")
	shareLink = textAreaByID("share-link")
	shareLength = byID("share-length")
	shareLong = byID("share-long")
	shareCopy = buttonByID("share-copy")
	shareDownload = buttonByID("share-download")
	shareMsg = byID("share-msg")
	stateFileBtn = buttonByID("state-open")
	stateFile = inputByID("state-file")

	on(shareBtn, "click", func(dom.Event) { openShare() })
	on(shareRedact, "change", func(dom.Event) { renderShare() })
	on(shareCopy, "click", func(dom.Event) { copyShare() })
	on(shareDownload, "click", func(dom.Event) { downloadState() })
	on(byID("share-close"), "click", func(dom.Event) { shareDialog.Call("close") })
	onJS(shareDialog, "close", func(js.Value) { shareBtn.Focus() })
	on(stateFileBtn, "click", func(dom.Event) { stateFile.Underlying().Call("click") })
	on(stateFile, "change", func(dom.Event) {
		files := stateFile.Underlying().Get("files")
		if files.Length() > 0 {
			openStateFile(files.Index(0))
		}
		stateFile.SetValue("") // the same file again fires change again
	})
	onJS(jsDoc, "dragover", func(ev js.Value) {
		if hasFiles(ev) {
			ev.Call("preventDefault") // allow the drop (the browser would open the file instead)
		}
	})
	onJS(jsDoc, "drop", func(ev js.Value) {
		if !hasFiles(ev) {
			return // text dropped into the editor stays the editor's
		}
		ev.Call("preventDefault")
		openStateFile(ev.Get("dataTransfer").Get("files").Index(0))
	})
	onJS(js.Global(), "hashchange", func(js.Value) { openLink(nil) })

	if !shareJS().Truthy() || !shareJS().Call("supported").Bool() {
		shareBtn.SetTitle("This browser cannot compress links (no CompressionStream); the dialog offers the state as a file")
	}
	shareBtn.SetDisabled(false)
	stateFileBtn.SetDisabled(false)
}

// shareJS is window.umplayShare (web/share.js), or undefined.
func shareJS() js.Value { return js.Global().Get("umplayShare") }

func hasFiles(ev js.Value) bool {
	dt := ev.Get("dataTransfer")
	if !dt.Truthy() {
		return false
	}
	types := dt.Get("types")
	for i := 0; i < types.Length(); i++ {
		if types.Index(i).String() == "Files" {
			return true
		}
	}
	return false
}

// openShare shows the dialog for the page as it is now.
func openShare() {
	renderShare()
	if !shareDialog.Get("open").Bool() {
		shareDialog.Call("showModal")
	}
	shareRedact.Focus()
}

// renderShare builds the payload (redacted if the box is checked), shows
// what it carries and what redaction did, and then, once web/share.js has
// deflated it, the link and its length.
func renderShare() {
	shareGen++
	gen := shareGen
	p, err := payload.Make(currentState(), payload.Options{NoRedact: !shareRedact.Checked()})
	sharePayload = p // too large for a link (err), it can still be saved
	shareLink.SetValue("")
	shareCopy.SetDisabled(true)
	setHidden(shareLong, true)
	renderRedactions(p.Redactions, !shareRedact.Checked())
	if err != nil {
		sharePreview.SetTextContent("")
		shareLength.SetTextContent("")
		shareMsg.SetTextContent(err.Error())
		setHidden(shareLong, false)
		return
	}
	sharePreview.SetTextContent(p.Text())
	shareLength.SetTextContent("Making the link…")
	shareMsg.SetTextContent("")
	go func() {
		defer guard("making a share link")
		link, err := makeLink(p.JSON)
		if gen != shareGen {
			return // a newer render runs
		}
		if err != nil {
			shareLength.SetTextContent("")
			shareMsg.SetTextContent(err.Error())
			setHidden(shareLong, false)
			return
		}
		shareLink.SetValue(link)
		n := len(link)
		shareLength.SetTextContent(strconv.Itoa(n) + " characters")
		setHidden(shareLong, n <= longLink)
		shareCopy.SetDisabled(false)
	}()
}

// makeLink deflates the payload in web/share.js and returns the page's URL
// with the fragment.
func makeLink(json []byte) (string, error) {
	sj := shareJS()
	if !sj.Truthy() {
		return "", errors.New("share: share.js did not load; reload the page")
	}
	u8 := js.Global().Get("Uint8Array").New(len(json))
	js.CopyBytesToJS(u8, json)
	d, err := await(sj.Call("deflate", u8))
	if err != nil {
		return "", errors.New(strings.TrimPrefix(err.Error(), "Error: "))
	}
	deflated := make([]byte, d.Length())
	js.CopyBytesToGo(deflated, d)
	frag, err := payload.Join(payload.Current, deflated)
	if err != nil {
		return "", err
	}
	loc := js.Global().Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String() + "#" + frag, nil
}

// renderRedactions lists what redaction did, values kept flagged.
func renderRedactions(reds []payload.Redaction, off bool) {
	ul := shareReds.Underlying()
	ul.Set("textContent", "")
	if off {
		add(ul, elem("li", "share__red share__red--kept", "Redaction is off: the link carries the endpoint and every CallId as they are."))
		return
	}
	changed := 0
	for _, r := range reds {
		cls := "share__red"
		if r.NotRedacted {
			cls += " share__red--kept"
		}
		if !r.Kept {
			changed++
		}
		li := elem("li", cls, r.String())
		if r.From != r.To {
			li.Set("title", "was "+clipText(r.From, 200)+"\nnow "+clipText(r.To, 200))
		}
		add(ul, li)
	}
	if len(reds) == 0 {
		add(ul, elem("li", "share__red", "Nothing to redact: the endpoint's host is a sample and there is no CallId."))
	}
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// copyShare writes the link to the clipboard, or selects it for Ctrl+C.
func copyShare() {
	text := shareLink.Value()
	clip := js.Global().Get("navigator").Get("clipboard")
	sel := func(msg string) {
		shareLink.Focus()
		shareLink.Select()
		shareMsg.SetTextContent(msg)
	}
	if !clip.Truthy() || clip.Get("writeText").Type() != js.TypeFunction {
		sel("This browser gives the page no clipboard: the link is selected, press Ctrl+C (⌘+C) to copy it.")
		return
	}
	go func() {
		defer guard("copying the link")
		if _, err := await(clip.Call("writeText", text)); err != nil {
			sel("The browser did not allow copying: the link is selected, press Ctrl+C (⌘+C) to copy it.")
			return
		}
		shareMsg.SetTextContent("Link copied to the clipboard.")
	}()
}

// downloadState saves the dialog's payload as umplay-state.json.
func downloadState() {
	data := sharePayload.File()
	if len(sharePayload.JSON) == 0 {
		return
	}
	u8 := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	blob := js.Global().Get("Blob").New([]any{u8}, map[string]any{"type": "application/json"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := jsDoc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", "umplay-state.json")
	a.Call("click")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 1000)
	shareMsg.SetTextContent("Saved umplay-state.json: open it with “Open state file…” or drop it on the page.")
}

// openStateFile reads a state file chosen or dropped.
func openStateFile(f js.Value) {
	if !f.Truthy() {
		return
	}
	name := f.Get("name").String()
	if size := f.Get("size").Int(); size > payload.MaxFile {
		linkFailed("The file " + strconv.Quote(name) + " could not be opened: it is " + strconv.Itoa(size) +
			" bytes, the limit for a state file is " + strconv.Itoa(payload.MaxFile) + ".")
		return
	}
	go func() {
		defer guard("opening a state file")
		buf, err := await(f.Call("arrayBuffer"))
		if err != nil {
			linkFailed("The file " + strconv.Quote(name) + " could not be read: " + err.Error() + ".")
			return
		}
		u8 := js.Global().Get("Uint8Array").New(buf)
		data := make([]byte, u8.Length())
		js.CopyBytesToGo(data, u8)
		s, _, err := payload.OpenFile(data)
		if err != nil {
			linkFailed("The file " + strconv.Quote(name) + " is no umplay state: " + err.Error() + ". Nothing was changed.")
			return
		}
		replaceRequest("the state from "+strconv.Quote(name), func() { applyLinked(s) }, nil)
	}()
}

// openLink applies the state of the page's #s= fragment, if any, and then
// calls done (at start: mark the page ready). A fragment without s= leaves
// the page alone; a broken one shows the default page and says why.
func openLink(done func()) {
	if done != nil {
		pageDefault = currentState()
	}
	hash := js.Global().Get("location").Get("hash").String()
	version, data, err := payload.Split(hash)
	if errors.Is(err, payload.ErrNoState) {
		if done != nil {
			done()
		}
		return
	}
	go func() {
		defer func() {
			if done != nil {
				done()
			}
		}()
		defer guard("opening a share link")
		if err != nil {
			brokenLink(err, done != nil)
			return
		}
		sj := shareJS()
		if !sj.Truthy() {
			brokenLink(errors.New("share: share.js did not load; reload the page"), done != nil)
			return
		}
		u8 := js.Global().Get("Uint8Array").New(len(data))
		js.CopyBytesToJS(u8, data)
		out, err := await(sj.Call("inflate", u8, payload.MaxInflated))
		if err != nil {
			brokenLink(errors.New(strings.TrimPrefix(err.Error(), "Error: ")), done != nil)
			return
		}
		j := make([]byte, out.Length())
		js.CopyBytesToGo(j, out)
		s, _, err := payload.Open(version, j)
		if err != nil {
			brokenLink(err, done != nil)
			return
		}
		if done != nil { // at start: nothing to lose
			applyLinked(s)
			return
		}
		replaceRequest("the link's request", func() { applyLinked(s) }, nil)
	}()
}

// linkInURL tells whether the page's URL has a #s= share link (broken or
// not: a broken one is reported by openLink).
func linkInURL() bool {
	_, _, err := payload.Split(js.Global().Get("location").Get("hash").String())
	return !errors.Is(err, payload.ErrNoState)
}

// applyLinked applies a state from a link or a file.
func applyLinked(s State) {
	setHidden(errBox, true)
	errBox.RemoveAttribute("data-share-error")
	apply(s)
}

// pageDefault is the page's state as it loaded, before any link: what a
// broken link shows.
var pageDefault State

// brokenLink says what is wrong with the link. A page opened with it shows
// its default state; a page that was showing something else (the link came
// by hashchange) keeps it.
func brokenLink(err error, atStart bool) {
	if !atStart {
		linkFailed("This link could not be opened: " + err.Error() + ". Nothing was changed.")
		return
	}
	apply(pageDefault)
	linkFailed("This link could not be opened: " + err.Error() + ". The page shows the default request instead.")
}

func linkFailed(msg string) {
	showError(msg)
	errBox.Underlying().Call("setAttribute", "data-share-error", "")
}
