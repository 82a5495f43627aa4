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
	n := fs.Int("n", 10, "page loads per mode (cache disabled, cached)")
	checks := fs.Int("checks", 200, "umplay.check calls on the docs sample")
	big := fs.Int("big", 10, "umplay.check calls on the 1 MiB request")
	noBuild := fs.Bool("no-build", false, "use web/ as it is (skip scripts/build.sh)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *checks < 1 || *big < 1 {
		return fmt.Errorf("-n, -checks and -big must be at least 1")
	}
	s, err := start(*noBuild, out, 0, 0)
	if err != nil {
		return err
	}
	defer s.close()

	v, err := chromedp.CallBrowser(s.browser.Ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\numplay browser benchmark: %s, %s, %d CPUs, %s\n", v.Product, runtime.Version(), runtime.NumCPU(), time.Now().Format(time.DateOnly))
	fmt.Fprintf(out, "(medians; this machine is noisy: compare ratios, not absolute times)\n\n")

	// Sizes.
	web := filepath.Join(s.root, "web")
	raw, errRaw := fileSize(filepath.Join(web, "main.wasm"))
	gz, errGz := fileSize(filepath.Join(web, "main.wasm.gz"))
	br, errBr := fileSize(filepath.Join(web, "main.wasm.br"))
	if err := firstErr(errRaw, errGz, errBr); err != nil {
		return err
	}
	fmt.Fprintf(out, "wasm size        raw %s   gzip -9 %s (%.0f%%)   brotli q11 %s (%.0f%%)\n",
		bytesText(raw), bytesText(gz), 100*float64(gz)/float64(raw), bytesText(br), 100*float64(br)/float64(raw))

	// Navigation → ready.
	uncached, err := loads(s, *n, true)
	if err != nil {
		return err
	}
	cached, err := loads(s, *n, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "navigation→ready cache disabled: %s\n", stats(uncached, "ms"))
	fmt.Fprintf(out, "                 cached:         %s\n", stats(cached, "ms"))

	// umplay.check latency.
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
	fmt.Fprintf(out, "umplay.check     docs sample (%d B, %s): %s; mean of a batch %.3f ms\n",
		len(doc), small.Summary, stats(small.Durations, "ms"), small.Mean)
	large := oneMiB(string(doc))
	bigRes, err := timeChecks(p, large, *big)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "                 1 MiB request (%d B, %s): %s\n", len(large), bigRes.Summary, stats(bigRes.Durations, "ms"))
	fmt.Fprintf(out, "\n(performance.now() in a page without cross-origin isolation is coarsened to 0.1 ms: the batch mean is the finer figure for the docs sample.)\n")
	for _, m := range p.Errors() {
		fmt.Fprintf(out, "console: %s\n", m)
	}
	return nil
}

// loads opens the page n times in one tab, with or without the browser
// cache, and returns navigation→umplay-ready in ms. A cached run starts with
// one unmeasured load that fills the cache.
func loads(s *site, n int, disableCache bool) ([]float64, error) {
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
		if err := p.Open(s.url, 2*time.Minute); err != nil {
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
