//go:build !js

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"umplay/wasm/e2e"
)

func bench(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	n := fs.Int("n", 10, "page loads per mode (cache disabled, cached), for the page and for hello-world")
	checks := fs.Int("checks", 200, "umplay.check calls on the docs sample")
	big := fs.Int("big", 10, "umplay.check and DOMParser calls on the 1 MiB request")
	keys := fs.Int("keys", 20, "keystrokes typed into the 1 MiB request (page and plain textarea)")
	noBuild := fs.Bool("no-build", false, "use web/ as it is (skip scripts/build.sh; the baselines are still built)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *checks < 1 || *big < 1 || *keys < 1 {
		return fmt.Errorf("-n, -checks, -big and -keys must be at least 1")
	}
	s, err := start(*noBuild, out, 0, 0)
	if err != nil {
		return err
	}
	defer s.close()
	baseDir, err := buildBaselines(s.root, out)
	if err != nil {
		return err
	}
	defer os.RemoveAll(baseDir)
	baseSrv := e2e.Serve(baseDir)
	defer baseSrv.Close()
	baseURL := baseSrv.URL + "/"

	v, err := chromedp.CallBrowser(s.browser.Ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\numplay browser benchmark: %s, %s, %d CPUs, %s\n", v.Product, runtime.Version(), runtime.NumCPU(), time.Now().Format(time.DateOnly))
	fmt.Fprintf(out, "(medians; this machine is noisy: compare the ratios, each to a baseline measured in this run)\n\n")

	// Sizes: ours against the floor (etree + dom/v2, same flags).
	web := filepath.Join(s.root, "web")
	ours, err := moduleSizes(filepath.Join(web, "main.wasm"))
	if err != nil {
		return err
	}
	floor, err := moduleSizes(filepath.Join(baseDir, "floor.wasm"))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "wasm size        main.wasm raw %s   gzip -9 %s   brotli q11 %s\n", bytesText(ours.raw), bytesText(ours.gz), bytesText(ours.br))
	fmt.Fprintf(out, "                 floor     raw %s   gzip -9 %s   brotli q11 %s\n", bytesText(floor.raw), bytesText(floor.gz), bytesText(floor.br))
	fmt.Fprintf(out, "                 ratio to the floor: raw %s   gzip %s   brotli %s (target brotli ≤ 1.15×)\n",
		ratio(float64(ours.raw), float64(floor.raw)), ratio(float64(ours.gz), float64(floor.gz)), ratio(float64(ours.br), float64(floor.br)))
	// The engine alone (wasm/cmd/engine) against the same floor: the part of
	// the ratio that the checker, the simulator and the decoder take before
	// any of the page is linked.
	engine, err := moduleSizes(filepath.Join(baseDir, "engine.wasm"))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "                 engine alone (wasm/cmd/engine, no page) raw %s   brotli q11 %s: %s the floor; the page adds %s\n",
		bytesText(engine.raw), bytesText(engine.br), ratio(float64(engine.br), float64(floor.br)), ratio(float64(ours.br-engine.br), float64(floor.br)))

	// Navigation → ready, ours and hello-world, alternating so that both
	// see the same load on the machine.
	// The shell (hello-world in the page's own HTML and stylesheet) says how
	// much of the difference is the page's layout rather than its module.
	var ourUn, ourCa, helloUn, helloCa, shellUn, shellCa []float64
	for _, m := range []struct {
		url     string
		noCache bool
		dst     *[]float64
	}{
		{s.url, true, &ourUn}, {baseURL + "hello.html", true, &helloUn}, {baseURL + "shell.html", true, &shellUn},
		{s.url, false, &ourCa}, {baseURL + "hello.html", false, &helloCa}, {baseURL + "shell.html", false, &shellCa},
	} {
		if *m.dst, err = loads(s, m.url, *n, m.noCache); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "navigation→ready page, cache disabled:  %s\n", stats(ourUn, "ms"))
	fmt.Fprintf(out, "                 hello, cache disabled: %s\n", stats(helloUn, "ms"))
	fmt.Fprintf(out, "                 page, cached:          %s\n", stats(ourCa, "ms"))
	fmt.Fprintf(out, "                 hello, cached:         %s\n", stats(helloCa, "ms"))
	fmt.Fprintf(out, "                 ratio to hello-world: cache disabled %s   cached %s (target ≤ 1.3×)\n",
		ratio(median(ourUn), median(helloUn)), ratio(median(ourCa), median(helloCa)))
	fmt.Fprintf(out, "                 hello-world in the page's HTML and CSS (shell), cache disabled: %s\n", stats(shellUn, "ms"))
	fmt.Fprintf(out, "                 shell, cached:         %s\n", stats(shellCa, "ms"))
	fmt.Fprintf(out, "                 shell's ratio to hello-world: cache disabled %s   cached %s; page's ratio to the shell: %s   %s\n",
		ratio(median(shellUn), median(helloUn)), ratio(median(shellCa), median(helloCa)),
		ratio(median(ourUn), median(shellUn)), ratio(median(ourCa), median(shellCa)))

	// umplay.check latency, and DOMParser on the same 1 MiB text.
	p, err := s.browser.NewPage()
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Open(s.url, 2*time.Minute); err != nil {
		return err
	}
	doc, err := os.ReadFile(filepath.Join(web, "examples", "disconnect-docs-pt-br.xml"))
	if err != nil {
		return err
	}
	small, err := timeChecks(p, string(doc), *checks)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "umplay.check     docs sample (%d B, %s): %s; mean of a batch %.3f ms (target < 1 ms)\n",
		len(doc), small.Summary, stats(small.Durations, "ms"), small.Mean)
	if err := sameEngine(s, baseURL+"engine.html", string(doc), small.Summary); err != nil {
		return err
	}
	large := oneMiB(string(doc))
	bigRes, err := timeChecks(p, large, *big)
	if err != nil {
		return err
	}
	parser, err := timeDOMParser(p, large, *big)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "                 1 MiB request (%d B, %s): %s\n", len(large), bigRes.Summary, stats(bigRes.Durations, "ms"))
	fmt.Fprintf(out, "                 DOMParser, same text:  %s\n", stats(parser, "ms"))
	fmt.Fprintf(out, "                 ratio to DOMParser: %s (target ≤ 1.0×)\n", ratio(median(bigRes.Durations), median(parser)))
	for _, m := range p.Errors() {
		fmt.Fprintf(out, "console: %s\n", m)
	}

	// Typing into the 1 MiB request: the page's #request and a plain
	// textarea.
	ourKeys, err := typing(s, s.url, large, *keys)
	if err != nil {
		return fmt.Errorf("typing into the page: %w", err)
	}
	plainKeys, err := typing(s, baseURL+"textarea.html", large, *keys)
	if err != nil {
		return fmt.Errorf("typing into the plain textarea: %w", err)
	}
	fmt.Fprintf(out, "keystroke→paint  1 MiB, page #request: %s\n", stats(ourKeys.Paint, "ms"))
	fmt.Fprintf(out, "                 1 MiB, plain textarea: %s\n", stats(plainKeys.Paint, "ms"))
	fmt.Fprintf(out, "                 ratio to the plain textarea: %s\n", ratio(median(ourKeys.Paint), median(plainKeys.Paint)))
	fmt.Fprintf(out, "longest task     while typing (and %v after), any code: page %s (%d long tasks), plain textarea %s (%d)\n",
		settle, longest(ourKeys.Long), len(ourKeys.Long), longest(plainKeys.Long), len(plainKeys.Long))
	own := ourKeys.Log.Longest()
	ownText := "none over 5 ms in a long frame"
	if own.MS > 0 {
		ownText = fmt.Sprintf("%s ms (%s)", num(own.MS), own.What)
	}
	fmt.Fprintf(out, "                 umplay's own code (long-animation-frame scripts from the page's origin): longest %s (target ≤ 50 ms)\n", ownText)
	fmt.Fprintf(out, "\n(performance.now() in a page without cross-origin isolation is coarsened to 0.1 ms: the batch mean is the finer figure for the docs sample.)\n")
	return nil
}

// sameEngine checks that the engine baseline is the page's engine: its
// summary of the docs sample must be the one window.umplay.check gave, in
// English and in Portuguese (the verdict does not depend on the language).
func sameEngine(s *site, u, xml, want string) error {
	p, err := s.browser.NewPage()
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Open(u, 2*time.Minute); err != nil {
		return err
	}
	for _, lang := range []string{"en", "pt-BR"} {
		got, err := e2e.Eval[string](p, `window.umplayEngine.summary(`+e2e.JS(xml)+`, `+e2e.JS(lang)+`)`)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("the engine baseline (%s) says %q of the docs sample, the page %q: they must link the same engine", lang, got, want)
		}
	}
	return nil
}

// ratio prints a/b as "1.23×".
func ratio(a, b float64) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

func longest(v []float64) string {
	if len(v) == 0 {
		return "none over 50 ms"
	}
	return num(slices.Max(v)) + " ms"
}

// timeDOMParser parses xml n times with DOMParser (application/xml) after
// a warm-up and returns each parse's time in ms.
func timeDOMParser(p *e2e.Page, xml string, n int) ([]float64, error) {
	raw, err := e2e.Eval[[]byte](p, `(function (xml, n) {
		var d = [], i, t, doc, parser = new DOMParser();
		for (i = 0; i < Math.min(3, n); i++) { parser.parseFromString(xml, 'application/xml'); }
		for (i = 0; i < n; i++) {
			t = performance.now();
			doc = parser.parseFromString(xml, 'application/xml');
			d.push(performance.now() - t);
		}
		if (doc.getElementsByTagName('parsererror').length) { throw new Error('DOMParser: the 1 MiB request is not well-formed'); }
		return d;
	})(`+e2e.JS(xml)+`, `+fmt.Sprint(n)+`)`)
	if err != nil {
		return nil, err
	}
	var d []float64
	return d, json.Unmarshal(raw, &d)
}

// settle is how long typing waits after the last keystroke for the page's
// deferred work (the check of a large request runs 400 ms after the last
// change).
const settle = 2 * time.Second

type typed struct {
	Paint []float64       `json:"paint"` // keydown → the first task after the next frame, ms
	Long  []float64       `json:"long"`  // durations of long tasks (over 50 ms), ms
	Log   e2e.LongTaskLog `json:"-"`     // the page's own scripts in long frames
}

// typing opens u, puts text in its #request as a paste does, waits for the
// page to settle and types n characters (real key events, 150 ms apart)
// before the Body's end tag. For each it measures keydown → next paint:
// from the keydown's timeStamp to a task queued by the first
// requestAnimationFrame after the input event (so after that frame). A
// PerformanceObserver collects the long tasks from the first keystroke to
// settle after the last, and e2e.ObserveLongTasksJS which of them ran the
// page's own code.
func typing(s *site, u, text string, n int) (typed, error) {
	var res typed
	p, err := s.browser.NewPage()
	if err != nil {
		return res, err
	}
	defer p.Close()
	if err := p.Open(u, 2*time.Minute); err != nil {
		return res, err
	}
	if err := p.SetRequest(text); err != nil {
		return res, err
	}
	time.Sleep(settle)
	if _, err := e2e.Eval[bool](p, e2e.ObserveLongTasksJS); err != nil {
		return res, err
	}
	caret := strings.Index(text, "</soap:Body>")
	if _, err := e2e.Eval[chromedp.Void](p, `(function (caret) {
		var ta = document.getElementById('request'), down = 0;
		window.__paint = []; window.__long = [];
		ta.focus();
		ta.setSelectionRange(caret, caret);
		document.addEventListener('keydown', function (ev) { down = ev.timeStamp; }, true);
		document.addEventListener('input', function () {
			var t0 = down;
			requestAnimationFrame(function () {
				setTimeout(function () { window.__paint.push(performance.now() - t0); }, 0);
			});
		}, true);
		new PerformanceObserver(function (list) {
			list.getEntries().forEach(function (e) { window.__long.push(e.duration); });
		}).observe({type: 'longtask'});
	})(`+fmt.Sprint(utf16Len(text[:max(caret, 0)]))+`)`); err != nil {
		return res, err
	}
	for i := range n {
		if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("x")); err != nil {
			return res, err
		}
		if _, err := e2e.Wait[bool](p, fmt.Sprintf(`window.__paint.length > %d`, i), 30*time.Second); err != nil {
			return res, fmt.Errorf("keystroke %d: no paint: %w", i+1, err)
		}
		time.Sleep(150 * time.Millisecond)
	}
	time.Sleep(settle)
	raw, err := e2e.Eval[[]byte](p, `({paint: window.__paint, long: window.__long})`)
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return res, err
	}
	if res.Log, err = e2e.LongTasks(p); err != nil {
		return res, err
	}
	if got, err := e2e.Eval[int](p, `document.getElementById('request').value.length`); err == nil && got != utf16Len(text)+n {
		return res, fmt.Errorf("the textarea holds %d characters after typing %d, want %d", got, n, utf16Len(text)+n)
	}
	if errs := p.Errors(); len(errs) > 0 {
		return res, fmt.Errorf("console errors while typing: %v", errs)
	}
	return res, nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// loads opens u n times in one tab, with or without the browser
// cache, and returns navigation→umplay-ready in ms. A cached run starts with
// one unmeasured load that fills the cache.
func loads(s *site, u string, n int, disableCache bool) ([]float64, error) {
	p, err := s.browser.NewPage()
	if err != nil {
		return nil, err
	}
	defer p.Close()
	if err := p.DisableCache(disableCache); err != nil {
		return nil, err
	}
	runs := n
	if !disableCache {
		runs++
	}
	var ms []float64
	for i := range runs {
		if err := p.Open(u, 2*time.Minute); err != nil {
			return nil, err
		}
		at, err := e2e.Wait[float64](p, `window.__umplayReadyAt`, 30*time.Second)
		if err != nil {
			return nil, fmt.Errorf("no umplay-ready event: %w", err)
		}
		if !disableCache && i == 0 {
			continue
		}
		ms = append(ms, at)
	}
	if errs := p.Errors(); len(errs) > 0 {
		return nil, fmt.Errorf("console errors while loading: %v", errs)
	}
	return ms, nil
}

type checkTimes struct {
	Durations []float64 `json:"durations"`
	Mean      float64   `json:"mean"`
	Summary   string    `json:"summary"`
}

// timeChecks calls window.umplay.check(xml) n times after a warm-up and
// returns each call's time, and the mean of a second batch of n.
func timeChecks(p *e2e.Page, xml string, n int) (checkTimes, error) {
	var ct checkTimes
	raw, err := e2e.Eval[[]byte](p, `(function (xml, n) {
		var warm = Math.min(20, n), i, t, d = [];
		for (i = 0; i < warm; i++) { window.umplay.check(xml); }
		for (i = 0; i < n; i++) {
			t = performance.now();
			window.umplay.check(xml);
			d.push(performance.now() - t);
		}
		t = performance.now();
		for (i = 0; i < n; i++) { window.umplay.check(xml); }
		var mean = (performance.now() - t) / n;
		var r = window.umplay.check(xml);
		return {durations: d, mean: mean,
			summary: (r.valid ? 'valid' : 'INVALID') + ', ' + r.diagnostics.length + ' diagnostics, HTTP ' + r.response.status};
	})(`+e2e.JS(xml)+`, `+fmt.Sprint(n)+`)`)
	if err != nil {
		return ct, err
	}
	err = json.Unmarshal(raw, &ct)
	return ct, err
}

// oneMiB pads the docs sample (with its namespace fixed, so it is valid) to
// just over 1 MiB with an optional SOAP header full of small elements.
func oneMiB(doc string) string {
	doc = strings.Replace(doc, "https://schemas.microsoft.com", "http://schemas.microsoft.com", 1)
	var b strings.Builder
	b.WriteString("  <soap:Header>\n    <t:Trace xmlns:t=\"urn:umplay:bench\">\n")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "      <t:Line n=\"%d\">padding to make a 1 MiB request, line %d</t:Line>\n", i, i)
	}
	b.WriteString("    </t:Trace>\n  </soap:Header>\n")
	return strings.Replace(doc, "  <soap:Body>", b.String()+"  <soap:Body>", 1)
}

func stats(v []float64, unit string) string {
	if len(v) == 0 {
		return "no data"
	}
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	p90 := s[min(len(s)-1, len(s)*9/10)]
	return fmt.Sprintf("median %s %s (n=%d, min %s, p90 %s, max %s)", num(med), unit, len(s), num(s[0]), num(p90), num(s[len(s)-1]))
}

func num(f float64) string {
	switch {
	case f >= 100:
		return fmt.Sprintf("%.0f", f)
	case f >= 10:
		return fmt.Sprintf("%.1f", f)
	default:
		return fmt.Sprintf("%.2f", f)
	}
}

func fileSize(p string) (int64, error) {
	info, err := os.Stat(p)
	if err != nil {
		return 0, fmt.Errorf("%w (run scripts/build.sh)", err)
	}
	return info.Size(), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d B (%.2f MiB)", n, float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d B (%.0f KiB)", n, float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}
