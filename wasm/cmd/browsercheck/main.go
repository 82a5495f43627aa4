//go:build !js

// Command browsercheck measures the playground in headless Chromium and
// takes the README's screenshot. It builds web/ with scripts/build.sh, serves
// it with package webserve on a loopback port and drives Chromium through the
// harness of package e2e.
//
//	go run ./wasm/cmd/browsercheck bench [-n 10] [-checks 200] [-big 10] [-keys 20]
//	go run ./wasm/cmd/browsercheck screenshot [-o web/screenshot.png]
//
// bench prints every figure as a ratio to a baseline measured in the same
// run: the size of main.wasm raw, gzip and brotli against the "floor" (a
// program that only parses one XML string with etree and sets one element's
// text with dom/v2, wasm/cmd/floor, built with the same flags); the time from
// navigation to the page's umplay-ready event (median of -n loads with the
// cache disabled, and of -n cached loads) against a hello-world Go page
// (wasm/cmd/hello); the latency of window.umplay.check for the docs sample
// (median of -checks calls, and a batch mean) and for a 1 MiB request
// (median of -big calls) against DOMParser on the same text; keystroke→paint
// while typing -keys characters into the page's #request holding the 1 MiB
// request, against a plain <textarea> holding the same text; and the
// longest task (PerformanceObserver 'longtask') while typing. It measures;
// it fails only when a page does not work. scripts/bench-browser.sh runs it.
//
// screenshot writes a 1400×900 PNG of the page with the pt-BR docs sample
// loaded: its error at line 4, the quick fix and the simulated fault.
// scripts/screenshot.sh runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"umplay/wasm/e2e"
)

const usage = `usage: browsercheck bench [-n N] [-checks N] [-big N] [-keys N] [-no-build]
       browsercheck screenshot [-o FILE] [-width W] [-height H] [-no-build]
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "bench":
		err = bench(os.Args[2:], os.Stdout)
	case "screenshot":
		err = screenshot(os.Args[2:], os.Stdout)
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "browsercheck: unknown command %q\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsercheck:", err)
		os.Exit(1)
	}
}

// site is the built, served page and a browser.
type site struct {
	root    string
	url     string
	browser *e2e.Browser
	close   func()
}

// start builds (unless noBuild), serves web/ and starts Chromium.
func start(noBuild bool, log io.Writer, width, height int) (*site, error) {
	root, err := e2e.Root()
	if err != nil {
		return nil, err
	}
	chromium, err := e2e.FindChromium()
	if err != nil {
		return nil, err
	}
	if !noBuild {
		fmt.Fprintln(log, "browsercheck: building web/ (scripts/build.sh)")
		t0 := time.Now()
		if err := e2e.Build(root, io.Discard); err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "browsercheck: built in %v\n", time.Since(t0).Round(time.Millisecond))
	}
	srv := e2e.Serve(filepath.Join(root, "web"))
	b, err := e2e.StartBrowser(chromium, chromiumSize(width, height)...)
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &site{root: root, url: srv.URL + "/", browser: b, close: func() {
		b.Close()
		srv.Close()
	}}, nil
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(os.Stderr)
	return fs.Parse(args)
}

// chromiumSize is the window size option, if one is asked for.
func chromiumSize(width, height int) []chromedp.ExecAllocatorOption {
	if width <= 0 || height <= 0 {
		return nil
	}
	return []chromedp.ExecAllocatorOption{chromedp.WindowSize(width, height)}
}
