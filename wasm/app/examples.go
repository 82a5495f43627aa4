//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"sync"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

// example is one entry of web/examples/index.json.
type example struct {
	File       string  `json:"file"`
	Title      string  `json:"title"`
	SOAPAction *string `json:"soapAction"` // nil: no SOAPAction header
	Note       string  `json:"note"`
	// PT is the "pt-BR" title and note.
	PT examplePT `json:"pt-BR"`
}

// examplePT is an example's texts in Brazilian Portuguese.
type examplePT struct {
	Title string `json:"title"`
	Note  string `json:"note"`
}

var examples []example

// exampleText holds the examples' texts, fetched once after the menu is
// filled, so that the menu keeps working offline once the page has loaded.
var (
	exampleMu   sync.Mutex
	exampleText = map[string]string{}
)

// exampleBody returns an example's text, from the cache or the server.
func exampleBody(file string) (string, error) {
	exampleMu.Lock()
	t, ok := exampleText[file]
	exampleMu.Unlock()
	if ok {
		return t, nil
	}
	t, err := fetchText("examples/" + file)
	if err != nil {
		return "", err
	}
	exampleMu.Lock()
	exampleText[file] = t
	exampleMu.Unlock()
	return t, nil
}

// await waits for a JS promise. Call it only from a goroutine, never in a
// callback.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- result{v: arg0(a)}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, a []js.Value) any {
		msg := "failed"
		if e := arg0(a); e.Type() == js.TypeObject && e.Get("message").Type() == js.TypeString {
			msg = e.Get("message").String()
		} else if e.Type() != js.TypeUndefined {
			msg = e.Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", then, catch)
	r := <-ch
	then.Release()
	catch.Release()
	return r.v, r.err
}

func arg0(a []js.Value) js.Value {
	if len(a) == 0 {
		return js.Undefined()
	}
	return a[0]
}

// fetchText GETs a same-origin URL and returns its body.
func fetchText(url string) (string, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return "", msg.Wrap("app: fetch "+url+": ", err)
	}
	if !resp.Get("ok").Bool() {
		return "", errors.New("app: fetch " + url + ": HTTP " + strconv.Itoa(resp.Get("status").Int()))
	}
	t, err := await(resp.Call("text"))
	if err != nil {
		return "", msg.Wrap("app: fetch "+url+": ", err)
	}
	return t.String(), nil
}

// loadExamples fills #examples from examples/index.json (in a goroutine),
// then sets <html data-umplay-examples> to "loaded" or "failed" and calls
// done (if not nil) either way.
func loadExamples(done func()) {
	go func() {
		outcome := "failed"
		defer func() {
			jsDoc.Get("documentElement").Call("setAttribute", "data-umplay-examples", outcome)
			if done != nil {
				done()
			}
		}()
		defer guard("loading the examples")
		text, err := fetchText("examples/index.json")
		if err == nil {
			examples, err = parseExamples(text)
		}
		if err != nil {
			exampleTip.SetTextContent(T("ui.examples.error", err.Error()))
			setHidden(exampleTip, false)
			return
		}
		sel := exampleSel.Underlying()
		for _, ex := range examples {
			o := elem("option", "", exampleTitle(ex))
			o.Set("value", ex.File)
			o.Set("title", exampleNote(ex))
			sel.Call("appendChild", o)
		}
		exampleSel.SetDisabled(false)
		outcome = "loaded"
		files := make([]string, len(examples))
		for i, ex := range examples {
			files[i] = ex.File
		}
		go func() {
			defer guard("prefetching the examples")
			for _, f := range files {
				if _, err := exampleBody(f); err != nil {
					return // the menu fetches on demand and says what failed
				}
			}
		}()
	}()
}

// findExample returns the example with that file name, or nil.
func findExample(file string) *example {
	for i := range examples {
		if examples[i].File == file {
			return &examples[i]
		}
	}
	return nil
}

// cachedExample returns an example's text if it has been fetched.
func cachedExample(file string) (string, bool) {
	exampleMu.Lock()
	defer exampleMu.Unlock()
	t, ok := exampleText[file]
	return t, ok
}

// exampleChosen loads the chosen example into the editor and the head,
// asking first when that would replace the user's edits.
func exampleChosen(dom.Event) {
	ex := findExample(exampleSel.Value())
	if ex == nil {
		return
	}
	x := *ex
	prev := ""
	if flow.example != nil {
		prev = flow.example.File
	}
	go func() {
		defer guard("loading an example")
		text, err := exampleBody(x.File)
		if err != nil {
			showError(err.Error())
			return
		}
		replaceRequest(T("ui.what.example", exampleTitle(x)), func() {
			a, p := soap.DefaultHead().SOAPAction, false // absent: keep a value to re-enable
			if x.SOAPAction != nil {
				a, p = *x.SOAPAction, true
			}
			setProgramText(text, a, p)
			showExample(findExample(x.File))
		}, func() { exampleSel.SetValue(prev) })
	}()
}
