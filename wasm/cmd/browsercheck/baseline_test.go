//go:build !js

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShellPage: the shell baseline is the page without its scripts and
// with hello-world's, and a page it does not recognise stops the benchmark.
func TestShellPage(t *testing.T) {
	index, err := os.ReadFile(filepath.Join("..", "..", "..", "web", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	shell, err := shellPage(string(index))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"early.js", "share.js", "boot.js"} {
		if strings.Contains(shell, `src="`+gone+`"`) {
			t.Errorf("the shell still loads %s", gone)
		}
	}
	for _, kept := range []string{`<script src="wasm_exec.js" defer></script>`, `<script src="hello.js" defer></script>`, `<link rel="stylesheet" href="style.css">`, `id="out"`, `data-umplay-examples="none"`, `id="request"`} {
		if !strings.Contains(shell, kept) {
			t.Errorf("the shell lacks %s", kept)
		}
	}
	// Everything else is the page's: the shell only removes and adds.
	if d := len(index) - len(shell); d <= 0 || d > 200 {
		t.Errorf("the shell is %d B shorter than the page, want a few script tags' worth", d)
	}
	changed := strings.Replace(string(index), `<script src="boot.js" defer></script>`, `<script src="boot.js" async></script>`, 1)
	if _, err := shellPage(changed); err == nil || !strings.Contains(err.Error(), "boot.js") {
		t.Errorf("shellPage on a page whose boot.js tag changed: err %v, want one naming the tag", err)
	}
}

// TestBuildBaselinesCleansUp: a failed build leaves no temporary directory.
func TestBuildBaselinesCleansUp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var log strings.Builder
	if dir, err := buildBaselines(t.TempDir(), &log); err == nil || dir != "" {
		t.Fatalf("buildBaselines in a tree without scripts/build.sh = %q, %v; want an error", dir, err)
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		t.Errorf("left in TMPDIR after the failure: %v (%v)", left, err)
	}
}
