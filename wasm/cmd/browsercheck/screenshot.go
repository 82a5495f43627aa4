//go:build !js

package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"umplay/wasm/e2e"
)

func screenshot(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("screenshot", flag.ContinueOnError)
	file := fs.String("o", "", "PNG file to write (default web/screenshot.png)")
	width := fs.Int("width", 1400, "viewport width in CSS pixels")
	height := fs.Int("height", 1120, "viewport height in CSS pixels")
	dark := fs.Bool("dark", false, "prefers-color-scheme: dark")
	noBuild := fs.Bool("no-build", false, "use web/ as it is (skip scripts/build.sh)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := start(*noBuild, out, *width, *height)
	if err != nil {
		return err
	}
	defer s.close()
	if *file == "" {
		*file = filepath.Join(s.root, "web", "screenshot.png")
	}

	p, err := s.browser.NewPage()
	if err != nil {
		return err
	}
	defer p.Close()
	scheme := "light"
	if *dark {
		scheme = "dark"
	}
	if err := chromedp.Do(p.Ctx, chromedp.EmulateViewport(int64(*width), int64(*height))); err != nil {
		return err
	}
	if _, err := e2e.Call(p, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		return err
	}
	if err := p.Open(s.url, 2*time.Minute); err != nil {
		return err
	}
	sample, err := os.ReadFile(filepath.Join(s.root, "web", "examples", "disconnect-docs-pt-br.xml"))
	if err != nil {
		return err
	}
	if err := p.SetRequest(string(sample)); err != nil {
		return err
	}
	// The error at line 4 with its quick fix, and the simulated fault.
	if _, err := e2e.Wait[bool](p, `!!document.querySelector('#diagnostics li.diag[data-severity="error"][data-line="4"] button.diag__fix') &&
		document.querySelector('#response [data-field="status"]').textContent.indexOf('500') >= 0`, 30*time.Second); err != nil {
		return fmt.Errorf("the page does not show the pt-BR sample's error and fault: %w", err)
	}
	// No caret or focus ring in the picture; scroll just enough to show the
	// diagnostic with its fix button; let it paint.
	if _, err := e2e.Eval[bool](p, `(function () {
		var ta = document.getElementById('request');
		ta.setSelectionRange(0, 0); ta.scrollTop = 0; ta.blur();
		window.scrollTo(0, 0);
		var li = document.querySelector('#diagnostics li.diag[data-severity="error"]');
		var r = li.getBoundingClientRect();
		if (r.bottom > window.innerHeight - 16) { window.scrollBy(0, r.bottom - window.innerHeight + 16); }
		return new Promise(function (ok) { requestAnimationFrame(function () { requestAnimationFrame(function () { ok(true); }); }); });
	})()`); err != nil {
		return err
	}
	buf, err := chromedp.Run(p.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(buf))
	if err != nil {
		return fmt.Errorf("the screenshot is not a PNG: %w", err)
	}
	if err := os.WriteFile(*file, buf, 0o644); err != nil {
		return err
	}
	for _, m := range p.Errors() {
		fmt.Fprintf(out, "console: %s\n", m)
	}
	fmt.Fprintf(out, "screenshot: wrote %s (%d×%d, %s, %d bytes)\n", *file, cfg.Width, cfg.Height, scheme, len(buf))
	return nil
}
