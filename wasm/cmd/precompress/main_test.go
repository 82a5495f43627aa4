package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("<p>umplay</p>\n", 200) // 2800 bytes
	write(t, filepath.Join(dir, "main.wasm"), "\x00asm tiny")
	write(t, filepath.Join(dir, "wasm_exec.js"), "tiny")
	write(t, filepath.Join(dir, "index.html"), big)
	write(t, filepath.Join(dir, "small.css"), "body{}")
	write(t, filepath.Join(dir, "examples", "big.xml"), big)
	write(t, filepath.Join(dir, "shot.png"), big)
	write(t, filepath.Join(dir, "gone.js.br"), "orphan")
	write(t, filepath.Join(dir, "small.css.gz"), "orphan")
	write(t, filepath.Join(dir, ".hidden", "x.html"), big)

	res, err := Dir(dir, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"main.wasm", "wasm_exec.js", "index.html", "examples/big.xml"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		src, _ := os.ReadFile(p)
		br, err := os.ReadFile(p + ".br")
		if err != nil {
			t.Errorf("%s.br: %v", name, err)
			continue
		}
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s.br decodes to %q, %v; want the file", name, got, err)
		}
		gz, err := os.ReadFile(p + ".gz")
		if err != nil {
			t.Errorf("%s.gz: %v", name, err)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Errorf("%s.gz: %v", name, err)
			continue
		}
		got, err = io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s.gz decodes to %q, %v; want the file", name, got, err)
		}
	}
	if info, _ := os.Stat(filepath.Join(dir, "index.html.br")); info.Size() >= int64(len(big))/10 {
		t.Errorf("index.html.br is %d bytes for a %d-byte repetitive file, want < 10%%", info.Size(), len(big))
	}
	for _, name := range []string{"small.css.br", "small.css.gz", "shot.png.br", "gone.js.br", ".hidden/x.html.br"} {
		if exists(filepath.Join(dir, filepath.FromSlash(name))) {
			t.Errorf("%s exists, want none", name)
		}
	}
	removed := 0
	for _, r := range res {
		if r.Removed {
			removed++
		}
	}
	if removed != 2 {
		t.Errorf("removed %d orphans, want 2 (gone.js.br, small.css.gz): %v", removed, res)
	}

	// A second run keeps every copy.
	res, err = Dir(dir, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.Kept {
			t.Errorf("second run: %v, want kept", r)
		}
	}

	// A changed file gets new copies, not older than the file.
	p := filepath.Join(dir, "index.html")
	write(t, p, big+"changed")
	future := time.Now().Add(time.Hour)
	os.Chtimes(p, future, future)
	res, err = Dir(dir, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Path == p && r.Kept {
			t.Errorf("changed index.html kept its old copies")
		}
	}
	for _, ext := range []string{".br", ".gz"} {
		info, _ := os.Stat(p + ext)
		if info.ModTime().Before(future) {
			t.Errorf("index.html%s time %v is before the file's %v", ext, info.ModTime(), future)
		}
	}

	// A copy with the right name but other content is rewritten.
	write(t, filepath.Join(dir, "main.wasm.gz"), "not gzip")
	if _, err := Dir(dir, 1024); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "main.wasm.gz"))
	if string(b) == "not gzip" {
		t.Errorf("corrupt main.wasm.gz kept")
	}
}

func TestRunUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 2 {
		t.Errorf("run() = %d, want 2", code)
	}
	if code := run([]string{filepath.Join(t.TempDir(), "missing")}, &out, &errb); code != 1 {
		t.Errorf("run(missing dir) = %d, want 1; stderr %q", code, errb.String())
	}
}
