//go:build !js

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// press sends one key (keydown the page can cancel, then keyup) to the
// focused element, as a keyboard does.
func press(t *testing.T, p *Page, key, code string, vk int64, modifiers kb.Modifier) {
	t.Helper()
	send := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: key, Code: code, Modifiers: int64(modifiers),
				WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk,
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(p.Ctx, send); err != nil {
		t.Fatalf("press %s: %v", key, err)
	}
}

const activeID = `(document.activeElement && document.activeElement.id) || ''`

// TestKeyboard: Tab indents inside the editor, Shift+Tab outdents, and
// Escape then Tab leaves it, so keyboard users are never trapped.
func TestKeyboard(t *testing.T) {
	p := openPage(t)
	before := eval[string](t, p, requestJS)
	// Caret at the start of line 3 ("  <soap:Body>").
	eval[bool](t, p, `(function () { var ta = document.getElementById('request'); ta.focus();
		var i = ta.value.indexOf('\n', ta.value.indexOf('\n') + 1) + 1; ta.setSelectionRange(i, i); return true; })()`)
	press(t, p, "Tab", "Tab", 9, 0)
	after := wait[string](t, p, `(function () { var v = `+requestJS+`; return v !== `+JS(before)+` ? v : ''; })()`)
	if id := eval[string](t, p, activeID); id != "request" {
		t.Fatalf("Tab in the editor moved focus to %q", id)
	}
	if len(after) <= len(before) {
		t.Errorf("Tab did not indent: %q", after)
	}
	press(t, p, "Tab", "Tab", 9, kb.ModifierShift)
	wait[bool](t, p, requestJS+` === `+JS(before), requestJS)
	if id := eval[string](t, p, activeID); id != "request" {
		t.Fatalf("Shift+Tab in the editor moved focus to %q", id)
	}

	press(t, p, "Escape", "Escape", 27, 0)
	press(t, p, "Tab", "Tab", 9, 0)
	wait[bool](t, p, activeID+` !== 'request'`, activeID)
	if v := eval[string](t, p, requestJS); v != before {
		t.Errorf("Escape, Tab changed the request:\n%s", v)
	}
}

// TestLabels: every control has an accessible name, results are announced
// (aria-live), and focus is visible.
func TestLabels(t *testing.T) {
	p := openPage(t)
	unnamed := eval[[]string](t, p, `Array.from(document.querySelectorAll('input, select, textarea, button')).filter(function (e) {
		if (e.type === 'hidden') { return false; }
		var named = (e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') ||
			(e.tagName === 'BUTTON' && e.textContent.trim() !== '') || e.getAttribute('title');
		return !named;
	}).map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; })`)
	for _, u := range unnamed {
		t.Errorf("control without an accessible name: %s", u)
	}
	live := eval[[]string](t, p, `Array.from(document.querySelectorAll('[aria-live]')).map(function (e) {
		var c = e.closest('[id]'); return c ? c.id : e.tagName; })`)
	has := map[string]bool{}
	for _, id := range live {
		has[id] = true
	}
	for _, id := range []string{"diag-summary", "response"} {
		if !has[id] {
			t.Errorf("no aria-live region in #%s (live regions: %v)", id, live)
		}
	}
	// A visible focus ring on the editor and on a button.
	for _, id := range []string{"send", "examples"} {
		ring := eval[string](t, p, `(function () { var e = document.getElementById('`+id+`'); e.focus();
			var s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; })()`)
		if ring == "none 0px none" {
			t.Errorf("#%s shows no focus ring: %s", id, ring)
		}
	}
}

// TestThemes: the page follows prefers-color-scheme (light and dark).
func TestThemes(t *testing.T) {
	p := openPage(t)
	colors := map[string]string{}
	for _, scheme := range []string{"light", "dark"} {
		if _, err := Call(p, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		colors[scheme] = eval[string](t, p, `getComputedStyle(document.body).backgroundColor + ' / ' + getComputedStyle(document.getElementById('request')).caretColor`)
	}
	lum := func(c string) float64 {
		var r, g, b float64
		fmt.Sscanf(c, "rgb(%g, %g, %g)", &r, &g, &b)
		return 0.2126*r + 0.7152*g + 0.0722*b
	}
	if l, d := lum(colors["light"]), lum(colors["dark"]); !(l > 128 && d < 128) {
		t.Errorf("background light %q (luminance %.0f), dark %q (%.0f): want a light and a dark theme", colors["light"], l, colors["dark"], d)
	}
}
