//go:build !js

// Package e2e drives the playground page (web/) in a real headless Chromium
// through the DevTools protocol (chromedp): it builds the page with
// scripts/build.sh, serves it with package webserve on a loopback test server,
// and opens tabs that record every console message, uncaught exception and
// network request. The package's tests are the browser tests of issue 3
// ("Done when"); cmd/browsercheck uses the same harness for its benchmark and
// screenshot.
//
// The contract the tests rely on is the page's: the ids of web/index.html,
// <html data-umplay="ready"> and the umplay-ready event, and window.umplay.
// chromedp does not build for js/wasm, so neither does this package.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"umplay/wasm/webserve"
)

// Root returns the module's root directory, from `go env GOMOD`.
func Root() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("e2e: go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("e2e: not inside the umplay module (go env GOMOD is empty)")
	}
	return filepath.Dir(mod), nil
}

// Build runs scripts/build.sh in root, writing its output to w.
func Build(root string, w io.Writer) error {
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "build.sh"))
	cmd.Dir = root
	cmd.Stdout = w
	cmd.Stderr = w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("e2e: scripts/build.sh: %w", err)
	}
	return nil
}

// Serve serves dir through webserve.Handler on a loopback test server.
func Serve(dir string) *httptest.Server {
	return httptest.NewServer(webserve.Handler(dir))
}

// FindChromium returns the browser to run: $UMPLAY_CHROMIUM if set,
// /usr/bin/chromium (Debian's package), or chromium on PATH. The error says
// how to get one.
func FindChromium() (string, error) {
	if p := os.Getenv("UMPLAY_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("e2e: UMPLAY_CHROMIUM=%q is not an executable: %v", p, err)
		}
		return p, nil
	}
	if info, err := os.Stat("/usr/bin/chromium"); err == nil && !info.IsDir() {
		return "/usr/bin/chromium", nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", errors.New("e2e: no Chromium found (neither /usr/bin/chromium nor chromium on PATH): " +
		"install Debian's chromium package (apt-get install chromium; scripts/test.sh does it) or set UMPLAY_CHROMIUM")
}

// Browser is one headless Chromium with a fresh profile.
type Browser struct {
	// Ctx is the browser's chromedp context; NewPage opens tabs in it.
	Ctx     context.Context
	cancel  context.CancelFunc
	profile string
}

// StartBrowser starts headless Chromium at execPath with a fresh
// --user-data-dir. extra options (a window size, say) come last.
func StartBrowser(execPath string, extra ...chromedp.ExecAllocatorOption) (*Browser, error) {
	profile, err := os.MkdirTemp("", "umplay-chromium-")
	if err != nil {
		return nil, fmt.Errorf("e2e: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
	}
	opts = append(opts, extra...)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, ctxCancel := chromedp.NewContext(allocCtx)
	b := &Browser{Ctx: ctx, profile: profile, cancel: func() {
		ctxCancel()
		allocCancel()
		os.RemoveAll(profile)
	}}
	// The first Do starts the browser and binds its life to ctx, so it
	// gets no timeout of its own.
	if err := chromedp.Do(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("e2e: starting %s: %w", execPath, err)
	}
	return b, nil
}

// Close ends the browser and removes its profile.
func (b *Browser) Close() { b.cancel() }

// Message is a console message, an uncaught exception or a browser log entry.
type Message struct {
	Kind string // "console.error", "exception", "log.error", …
	Text string
}

func (m Message) String() string { return m.Kind + ": " + m.Text }

// Page is one tab that records what happens in it.
type Page struct {
	Ctx    context.Context
	cancel context.CancelFunc

	mu        sync.Mutex
	messages  []Message
	requests  []string
	responses map[string]*network.Response
	dialogs   []string
}

// NewPage opens a tab. Nothing is loaded yet: see Open.
func (b *Browser) NewPage() (*Page, error) {
	p := &Page{responses: map[string]*network.Response{}}
	p.Ctx, p.cancel = chromedp.NewContext(b.Ctx, chromedp.WithListener(p.listen))
	if err := chromedp.Do(p.Ctx); err != nil {
		p.cancel()
		return nil, fmt.Errorf("e2e: new tab: %w", err)
	}
	// Record when the page says it is ready, whichever way it says it (the
	// event bubbles to window or is sent there): bench and tests read
	// window.__umplayReadyAt.
	const probe = `window.addEventListener('umplay-ready', function () {
		if (window.__umplayReadyAt === undefined) { window.__umplayReadyAt = performance.now(); }
	}, true);`
	if _, err := chromedp.Call(p.Ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: probe}); err != nil {
		p.cancel()
		return nil, fmt.Errorf("e2e: install the ready probe: %w", err)
	}
	// An alert (from markup that should have stayed text) would block the
	// tab: record it and dismiss it.
	dialogs := chromedp.Events(p.Ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.dialogs = append(p.dialogs, string(ev.Type)+": "+ev.Message)
			p.mu.Unlock()
			chromedp.Call(p.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return p, nil
}

// listen runs in the tab's event loop: record and return.
func (p *Page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		p.messages = append(p.messages, Message{"console." + string(ev.Type), argsText(ev.Args)})
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.messages = append(p.messages, Message{"exception", fmt.Sprintf("%s (%s:%d:%d)", text, d.URL, d.LineNumber+1, d.ColumnNumber+1)})
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		p.messages = append(p.messages, Message{"log." + string(e.Level), fmt.Sprintf("[%s] %s %s", e.Source, e.Text, e.URL)})
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *network.EventResponseReceived:
		p.responses[ev.Response.URL] = ev.Response
	}
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// Close closes the tab.
func (p *Page) Close() { p.cancel() }

// Open navigates to u and waits until the page is ready (data-umplay="ready")
// or has failed (data-umplay="error", whose message is returned).
func (p *Page) Open(u string, timeout time.Duration) error {
	if err := chromedp.Do(p.Ctx, chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("e2e: navigate to %s: %w", u, err)
	}
	state, err := chromedp.Run(p.Ctx, chromedp.Poll[string](
		`(function () {
			var s = document.documentElement.getAttribute('data-umplay');
			return (s === 'ready' || s === 'error') ? s : false;
		})()`, chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		status, _ := chromedp.Run(p.Ctx, chromedp.Evaluate[string](
			`(document.getElementById('boot-text') || {}).textContent || document.documentElement.getAttribute('data-umplay')`))
		return fmt.Errorf("e2e: page %s not ready after %v (status %q): %w; console: %v", u, timeout, status, err, p.Messages())
	}
	if state == "error" {
		status, _ := chromedp.Run(p.Ctx, chromedp.Evaluate[string](
			`(document.getElementById('boot-text') || {}).textContent || ''`))
		return fmt.Errorf("e2e: page %s failed to start: %q; console: %v", u, status, p.Messages())
	}
	// The page is ready before its examples menu is filled (a fetch that
	// follows): tests use the menu, so wait for it too (pages without one,
	// like the benchmark's baselines, have no examples to wait for).
	if _, err := chromedp.Run(p.Ctx, chromedp.Poll[bool](
		`!document.getElementById('examples') || document.documentElement.hasAttribute('data-umplay-examples')`,
		chromedp.WithPollingTimeout(timeout))); err != nil {
		return fmt.Errorf("e2e: page %s: the examples menu was not filled after %v: %w; console: %v", u, timeout, err, p.Messages())
	}
	return nil
}

// Messages returns everything the page logged so far.
func (p *Page) Messages() []Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.messages)
}

// Errors returns the console errors and assertions, uncaught exceptions and
// browser log errors (a failed load, a Content-Security-Policy violation).
func (p *Page) Errors() []Message {
	var errs []Message
	for _, m := range p.Messages() {
		switch m.Kind {
		case "console.error", "console.assert", "exception", "log.error":
			errs = append(errs, m)
		}
	}
	return errs
}

// Requests returns the URL of every request the tab made, in order.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.requests)
}

// Response returns the response received for u, if any.
func (p *Page) Response(u string) (*network.Response, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.responses[u]
	return r, ok
}

// Dialogs returns the JavaScript dialogs (alert, confirm, …) the page opened.
func (p *Page) Dialogs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.dialogs)
}

// Foreign returns the requests that were not to origin (scheme://host:port)
// and are not data: URLs.
func (p *Page) Foreign(origin string) []string {
	var out []string
	for _, r := range p.Requests() {
		if strings.HasPrefix(r, "data:") {
			continue
		}
		u, err := url.Parse(r)
		if err != nil || u.Scheme+"://"+u.Host != origin {
			out = append(out, r)
		}
	}
	return out
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
// Promises are awaited.
func Eval[T any](p *Page, expr string) (T, error) {
	return chromedp.Run(p.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Wait polls a JavaScript expression until it is truthy and returns its value.
func Wait[T any](p *Page, expr string, timeout time.Duration) (T, error) {
	return chromedp.Run(p.Ctx, chromedp.Poll[T](expr,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
}

// JS quotes s as a JavaScript string literal.
func JS(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	// JSON is JavaScript except for U+2028/U+2029 in old engines; encoding/json
	// escapes them already.
	return strings.TrimSpace(b.String())
}

// SetRequest replaces the editor's text as a paste would: the value, then an
// input event.
func (p *Page) SetRequest(xml string) error {
	_, err := Eval[chromedp.Void](p, `(function (v) {
		var ta = document.getElementById('request');
		ta.focus();
		ta.value = v;
		ta.setSelectionRange(v.length, v.length);
		ta.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
	})(`+JS(xml)+`)`)
	return err
}

// DisableCache turns the browser cache off (true) or on for this tab.
func (p *Page) DisableCache(disabled bool) error {
	_, err := chromedp.Call(p.Ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: disabled})
	return err
}

// Call runs a protocol command on the tab.
func Call[P, R any](p *Page, cmd cdp.Command[P, R], params P) (R, error) {
	return chromedp.Call(p.Ctx, cmd, params)
}
