//go:build !js

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The baseline pages, served from a temporary directory beside web/ (never
// shipped): hello.html runs the hello-world Go program the standard way
// (wasm_exec.js and WebAssembly.instantiateStreaming); shell.html runs it the
// same way inside the page's own HTML and stylesheet (see shellPage);
// engine.html runs wasm/cmd/engine, the engine without the page, the same
// way; textarea.html is a plain <textarea id="request"> without any script
// (its CSS in a file: the server's Content-Security-Policy refuses inline
// styles).
const (
	helloHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hello</title><link rel="icon" href="data:,">
<script src="wasm_exec.js"></script><script src="hello.js" defer></script></head>
<body><p id="out"></p></body></html>
`
	helloJS = `var go = new Go();
WebAssembly.instantiateStreaming(fetch("hello.wasm"), go.importObject).then(function (r) { go.run(r.instance); });
`
	engineHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>engine</title><link rel="icon" href="data:,">
<script src="wasm_exec.js"></script><script src="engine.js" defer></script></head>
<body></body></html>
`
	engineJS = `var go = new Go();
WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject).then(function (r) { go.run(r.instance); });
`
	textareaCSS  = "textarea { width: 90vw; height: 80vh; font: 13px monospace; }\n"
	textareaHTML = `<!doctype html>
<html lang="en" data-umplay="ready"><head><meta charset="utf-8"><title>textarea</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="textarea.css"></head>
<body><textarea id="request" spellcheck="false"></textarea></body></html>
`
)

// shellPage turns the page (web/index.html's text) into the shell baseline:
// the same HTML and stylesheet, with the playground's scripts (early.js,
// share.js, boot.js) replaced by hello-world's, loaded the standard way. Its
// navigation→ready is what a Go program gets in a page laid out like ours,
// so the page's ratio to it is the part of the ratio to hello-world that
// the module and its loading account for. It marks the examples menu as
// settled (the harness waits for it on pages that have one) and gives
// hello-world its #out. Each edit must match exactly once, so that a change
// of index.html stops the benchmark instead of measuring another page.
func shellPage(index string) (string, error) {
	for _, e := range []struct{ old, new string }{
		{`<script src="early.js"></script>`, ``},
		{`<script src="share.js" defer></script>`, ``},
		{`<script src="boot.js" defer></script>`, `<script src="hello.js" defer></script>`},
		{`<html lang="en" data-umplay="loading">`, `<html lang="en" data-umplay="loading" data-umplay-examples="none">`},
		{"<body>\n", "<body>\n<p id=\"out\" hidden></p>\n"},
	} {
		if n := strings.Count(index, e.old); n != 1 {
			return "", fmt.Errorf("web/index.html has %s %d times, not once: update shellPage", e.old, n)
		}
		index = strings.Replace(index, e.old, e.new, 1)
	}
	if strings.Contains(index, `src="boot.js"`) || strings.Contains(index, `src="early.js"`) || strings.Contains(index, `"main.wasm"`) {
		return "", errors.New("web/index.html still loads the playground after shellPage's edits: update shellPage")
	}
	return index, nil
}

// buildBaselines builds wasm/cmd/floor (the size floor), wasm/cmd/hello
// (the ready baseline) and wasm/cmd/engine (the engine alone) with
// scripts/build.sh's flags, packs their data
// segments as scripts/build.sh does (wasm/cmd/wasmpack) into a new temporary
// directory, with wasm_exec.js, the baseline pages and precompressed copies
// made by wasm/cmd/precompress, as web/ is. The caller removes the directory.
func buildBaselines(root string, log io.Writer) (_ string, err error) {
	dir, err := os.MkdirTemp("", "umplay-bench-")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil { // the caller removes it only once it has it
			os.RemoveAll(dir)
		}
	}()
	t0 := time.Now()
	// The flags of scripts/build.sh, from itself.
	fl, err := exec.Command("bash", filepath.Join(root, "scripts", "build.sh"), "--print-flags").Output()
	if err != nil {
		return "", fmt.Errorf("scripts/build.sh --print-flags: %w", err)
	}
	flags := strings.Split(strings.TrimSpace(string(fl)), "\n")
	fmt.Fprintf(log, "browsercheck: baselines built with scripts/build.sh's flags %q\n", flags)
	var built []string
	for _, b := range []struct{ pkg, out string }{{"./wasm/cmd/floor", "floor.wasm"}, {"./wasm/cmd/hello", "hello.wasm"}, {"./wasm/cmd/engine", "engine.wasm"}} {
		out := filepath.Join(dir, b.out)
		built = append(built, out)
		args := append(append([]string{"build"}, flags...), "-o", out, b.pkg)
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	// scripts/build.sh's step after go build: the same data segment packing.
	pack := exec.Command("go", append([]string{"run", "./wasm/cmd/wasmpack"}, built...)...)
	pack.Dir = root
	if out, err := pack.CombinedOutput(); err != nil {
		return "", fmt.Errorf("wasmpack: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(string(trimNL(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return "", err
	}
	index, err := os.ReadFile(filepath.Join(root, "web", "index.html"))
	if err != nil {
		return "", err
	}
	shell, err := shellPage(string(index))
	if err != nil {
		return "", err
	}
	style, err := os.ReadFile(filepath.Join(root, "web", "style.css"))
	if err != nil {
		return "", err
	}
	files := map[string]string{
		"hello.html": helloHTML, "hello.js": helloJS, "shell.html": shell, "style.css": string(style),
		"engine.html": engineHTML, "engine.js": engineJS,
		"textarea.html": textareaHTML, "textarea.css": textareaCSS, "wasm_exec.js": string(wasmExec),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	cmd := exec.Command("go", "run", "./wasm/cmd/precompress", "-min", "1024", dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("precompress: %v\n%s", err, out)
	}
	fmt.Fprintf(log, "browsercheck: built the floor, hello-world and engine baselines in %v\n", time.Since(t0).Round(time.Millisecond))
	return dir, nil
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// sizes is a module's size raw, gzip -9 and brotli q11 (the copies
// precompress wrote beside it).
type sizes struct{ raw, gz, br int64 }

func moduleSizes(wasm string) (sizes, error) {
	raw, errRaw := fileSize(wasm)
	gz, errGz := fileSize(wasm + ".gz")
	br, errBr := fileSize(wasm + ".br")
	return sizes{raw, gz, br}, firstErr(errRaw, errGz, errBr)
}
