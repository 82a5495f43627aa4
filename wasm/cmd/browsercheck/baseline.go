//go:build !js

package main

import (
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
// (wasm_exec.js and WebAssembly.instantiateStreaming), textarea.html is a
// plain <textarea id="request"> without any script (its CSS in a file: the
// server's Content-Security-Policy refuses inline styles).
const (
	helloHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hello</title><link rel="icon" href="data:,">
<script src="wasm_exec.js"></script><script src="hello.js" defer></script></head>
<body><p id="out"></p></body></html>
`
	helloJS = `var go = new Go();
WebAssembly.instantiateStreaming(fetch("hello.wasm"), go.importObject).then(function (r) { go.run(r.instance); });
`
	textareaCSS  = "textarea { width: 90vw; height: 80vh; font: 13px monospace; }\n"
	textareaHTML = `<!doctype html>
<html lang="en" data-umplay="ready"><head><meta charset="utf-8"><title>textarea</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="textarea.css"></head>
<body><textarea id="request" spellcheck="false"></textarea></body></html>
`
)

// buildBaselines builds wasm/cmd/floor (the size floor) and wasm/cmd/hello
// (the ready baseline) with scripts/build.sh's flags, packs their data
// segments as scripts/build.sh does (wasm/cmd/wasmpack) into a new temporary
// directory, with wasm_exec.js, the baseline pages and precompressed copies
// made by wasm/cmd/precompress, as web/ is. The caller removes the directory.
func buildBaselines(root string, log io.Writer) (string, error) {
	dir, err := os.MkdirTemp("", "umplay-bench-")
	if err != nil {
		return "", err
	}
	t0 := time.Now()
	// The flags of scripts/build.sh, from itself.
	fl, err := exec.Command("bash", filepath.Join(root, "scripts", "build.sh"), "--print-flags").Output()
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("scripts/build.sh --print-flags: %w", err)
	}
	flags := strings.Split(strings.TrimSpace(string(fl)), "\n")
	fmt.Fprintf(log, "browsercheck: baselines built with scripts/build.sh's flags %q\n", flags)
	for _, b := range []struct{ pkg, out string }{{"./wasm/cmd/floor", "floor.wasm"}, {"./wasm/cmd/hello", "hello.wasm"}} {
		args := append(append([]string{"build"}, flags...), "-o", filepath.Join(dir, b.out), b.pkg)
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	// scripts/build.sh's step after go build: the same data segment packing.
	pack := exec.Command("go", "run", "./wasm/cmd/wasmpack", filepath.Join(dir, "floor.wasm"), filepath.Join(dir, "hello.wasm"))
	pack.Dir = root
	if out, err := pack.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("wasmpack: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(string(trimNL(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	files := map[string]string{"hello.html": helloHTML, "hello.js": helloJS, "textarea.html": textareaHTML, "textarea.css": textareaCSS, "wasm_exec.js": string(wasmExec)}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	cmd := exec.Command("go", "run", "./wasm/cmd/precompress", "-min", "1024", dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("precompress: %v\n%s", err, out)
	}
	fmt.Fprintf(log, "browsercheck: built the floor and hello-world baselines in %v\n", time.Since(t0).Round(time.Millisecond))
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
