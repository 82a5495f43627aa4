//go:build !js

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// box is an element's getBoundingClientRect, in CSS pixels of the viewport.
type box struct {
	Top, Bottom, Left, Right, Height float64
}

// boxJS returns the box of the first element matching a selector, or null.
func boxJS(sel string) string {
	return `(function () { var e = document.querySelector(` + JS(sel) + `); if (!e) return 'null';
		var r = e.getBoundingClientRect(); return JSON.stringify({top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}); })()`
}

func boxOf(t *testing.T, p *Page, sel string) box {
	t.Helper()
	s := eval[string](t, p, boxJS(sel))
	if s == "null" {
		t.Fatalf("no element %s on the page", sel)
	}
	var b box
	if err := json.Unmarshal([]byte(s), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// emulate sets the viewport's size (device metrics emulation; mobile: the
// meta viewport applies and touch is on) and waits for a layout.
func emulate(t *testing.T, p *Page, w, h int64, mobile bool) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(p.Ctx, chromedp.EmulateViewport(w, h, opts...)); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `window.innerWidth === `+strconv.FormatInt(w, 10)+` && window.innerHeight === `+strconv.FormatInt(h, 10),
		`window.innerWidth + 'x' + window.innerHeight`)
	eval[bool](t, p, `new Promise(function (ok) { requestAnimationFrame(function () { requestAnimationFrame(function () { ok(true); }); }); })`)
}

// shoot writes a screenshot to $UMPLAY_SHOTS/name.png when that is set (to
// look at the layout; the test's verdict does not depend on it).
func shoot(t *testing.T, p *Page, name string) {
	t.Helper()
	dir := os.Getenv("UMPLAY_SHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(p.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// chooseExample picks an example in the menu, as a person does, and waits
// until the editor holds it.
func chooseExample(t *testing.T, p *Page, file string) {
	t.Helper()
	want := readFile(t, "..", "..", "web", "examples", file)
	wait[bool](t, p, `!document.getElementById('examples').disabled && document.querySelectorAll('#examples option').length > 5`)
	eval[bool](t, p, `(function () { var s = document.getElementById('examples'); s.value = `+JS(file)+`; s.dispatchEvent(new Event('change')); return true; })()`)
	wait[bool](t, p, requestJS+` === `+JS(want), requestJS)
}

// overflowJS lists the elements whose box reaches past the viewport's right
// edge without a scrolling or clipping ancestor to hold them: what a person
// would find cut off.
const overflowJS = `(function () {
	var w = document.documentElement.clientWidth, out = [];
	document.querySelectorAll('body *').forEach(function (e) {
		var r = e.getBoundingClientRect();
		if (r.width === 0 || r.right <= w + 0.5) return;
		for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {
			var o = getComputedStyle(a).overflowX;
			if (o !== 'visible') { if (a.getBoundingClientRect().right <= w + 0.5) return; }
		}
		out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
	});
	return out.slice(0, 10).join('\n');
})()`

// TestLayoutDesktop: at 1280×800 with the pt-BR docs sample chosen, the
// editor, the Problems list with its first fix button and the response's
// status line are in view without scrolling; the editor is as tall as its
// text, up to a maximum.
func TestLayoutDesktop(t *testing.T) {
	p := openPage(t)
	emulate(t, p, 1280, 800, false)
	chooseExample(t, p, "disconnect-docs-pt-br.xml")
	wait[bool](t, p, `!!document.querySelector('#diagnostics li.diag button.diag__fix') && `+statusJS+`.indexOf('500') >= 0`, diagsJS, statusJS)
	eval[bool](t, p, `(window.scrollTo(0, 0), true)`)
	shoot(t, p, "layout-1280")
	if y := eval[float64](t, p, `window.scrollY`); y != 0 {
		t.Fatalf("the page is scrolled to %v", y)
	}
	for _, c := range []struct{ what, sel string }{
		{"the editor", "#editor"},
		{"the Problems heading", "#diag-heading"},
		{"the first problem", "#diagnostics li.diag"},
		{"the first problem's fix button", "#diagnostics li.diag button.diag__fix"},
		{"the response's status line", `#response [data-field="status"]`},
	} {
		if b := boxOf(t, p, c.sel); b.Top < 0 || b.Bottom > 800 || b.Left < 0 || b.Right > 1280 || b.Height == 0 {
			t.Errorf("%s (%s) is at %+v, not inside the 1280×800 viewport", c.what, c.sel, b)
		}
	}
	if cut := eval[string](t, p, overflowJS); cut != "" {
		t.Errorf("elements reach past the viewport's right edge:\n%s", cut)
	}
	toolbarInPane(t, p, "1280×800")
	// Sized to the text: the sample's lines and the padding, no more.
	lines := strings.Count(eval[string](t, p, requestJS), "\n") + 1
	lh := eval[float64](t, p, `parseFloat(getComputedStyle(document.getElementById('request')).lineHeight)`)
	ed := boxOf(t, p, "#editor")
	if ed.Height < float64(lines)*lh || ed.Height > float64(lines+2)*lh+24 {
		t.Errorf("the editor is %.0f px tall for %d lines of %.0f px, want it sized to the text", ed.Height, lines, lh)
	}
	// A long request stops at the maximum and scrolls inside the editor.
	long := strings.Repeat("<!-- a comment line to make the request long -->\n", 300)
	if err := p.SetRequest(long); err != nil {
		t.Fatal(err)
	}
	tall := boxOf(t, p, "#editor")
	if tall.Height <= ed.Height || tall.Height > 0.75*800 {
		t.Errorf("with 300 lines the editor is %.0f px tall (short: %.0f), want it capped below 75%% of the viewport", tall.Height, ed.Height)
	}
	if !eval[bool](t, p, `(function () { var ta = document.getElementById('request'); return ta.scrollHeight > ta.clientHeight + 100; })()`) {
		t.Errorf("the long request does not scroll inside the editor")
	}
}

// toolbarInPane checks that the request toolbar's buttons stay inside the
// request pane.
func toolbarInPane(t *testing.T, p *Page, size string) {
	t.Helper()
	pane := boxOf(t, p, ".pane--request")
	title := boxOf(t, p, "#request-heading")
	for _, sel := range []string{".pane--request .toolbar__label", "#examples", "#format", "#send", "#reset", "#export", "#share"} {
		b := boxOf(t, p, sel)
		if b.Left < pane.Left || b.Right > pane.Right {
			t.Errorf("at %s %s spans x %.0f…%.0f, outside the request pane (%.0f…%.0f)", size, sel, b.Left, b.Right, pane.Left, pane.Right)
		}
		if b.Left < title.Right && b.Right > title.Left && b.Top < title.Bottom && b.Bottom > title.Top {
			t.Errorf("at %s %s (x %.0f…%.0f, y %.0f…%.0f) overlaps the pane's title", size, sel, b.Left, b.Right, b.Top, b.Bottom)
		}
	}
}

// TestLayoutNarrowDesktop: between the phone and the wide layouts (1000 px,
// two columns) the request toolbar wraps inside its pane rather than out.
func TestLayoutNarrowDesktop(t *testing.T) {
	p := openPage(t)
	for _, w := range []int64{1000, 1180} {
		emulate(t, p, w, 768, false)
		toolbarInPane(t, p, strconv.FormatInt(w, 10)+"×768")
		if cut := eval[string](t, p, overflowJS); cut != "" {
			t.Errorf("at %d px elements reach past the viewport's right edge:\n%s", w, cut)
		}
	}
}

// TestLayoutPhone: at 360×800 the panes come editor, problems, response,
// CallId from top to bottom; nothing is wider than the screen (the calls
// table scrolls inside itself).
func TestLayoutPhone(t *testing.T) {
	p := openPage(t)
	emulate(t, p, 360, 800, true)
	chooseExample(t, p, "op-playonphone.xml")
	eval[bool](t, p, `(function () { var a = document.getElementById('soapaction'); a.value = '"http://schemas.microsoft.com/exchange/services/2006/messages/PlayOnPhone"'; a.dispatchEvent(new Event('input')); return true; })()`)
	wait[bool](t, p, statusJS+`.indexOf('200') >= 0`, statusJS, diagsJS)
	click(t, p, "#send")
	wait[bool](t, p, `document.querySelectorAll('#calls tbody tr[data-call-id]').length === 1`)
	chooseExample(t, p, "disconnect-docs-pt-br.xml")
	wait[bool](t, p, `!!document.querySelector('#diagnostics li.diag button.diag__fix')`, diagsJS)
	eval[bool](t, p, `(window.scrollTo(0, 0), true)`)
	shoot(t, p, "layout-360")

	order := []struct{ what, sel string }{
		{"editor", "#editor"},
		{"problems", "#diagnostics"},
		{"response", "#response"},
		{"CallId panel", "#callid"},
	}
	prev := box{}
	for i, o := range order {
		b := boxOf(t, p, o.sel)
		if i > 0 && b.Top < prev.Bottom-0.5 {
			t.Errorf("the %s (top %.0f) is not below the %s (bottom %.0f)", o.what, b.Top, order[i-1].what, prev.Bottom)
		}
		if b.Left < 0 || b.Right > 360.5 {
			t.Errorf("the %s spans x %.0f…%.0f, outside the 360 px screen", o.what, b.Left, b.Right)
		}
		prev = b
	}
	if w := eval[int](t, p, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the document is %d px wide on a 360 px screen", w)
	}
	if cut := eval[string](t, p, overflowJS); cut != "" {
		t.Errorf("elements reach past the screen's right edge:\n%s", cut)
	}
	// The calls table is wider than the screen and scrolls in its wrapper.
	tw := eval[string](t, p, `(function () { var w = document.querySelector('.table-wrap'), tb = document.getElementById('calls');
		return getComputedStyle(w).overflowX + ' ' + w.clientWidth + ' ' + tb.getBoundingClientRect().width; })()`)
	var ox string
	var ww, tbw float64
	if f := strings.Fields(tw); len(f) == 3 {
		ox = f[0]
		ww, _ = strconv.ParseFloat(f[1], 64)
		tbw, _ = strconv.ParseFloat(f[2], 64)
	}
	if (ox != "auto" && ox != "scroll") || ww > 360 || tbw <= ww {
		t.Errorf("calls table: wrapper overflow-x %q, %v px wide, table %v px: want a table wider than its scrolling wrapper", ox, ww, tbw)
	}
}
