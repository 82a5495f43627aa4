package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/wasmpack"
)

// TestRun packs a file in place and refuses what is not a module, leaving
// it as it was.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	// A module with a data section of two segments 4 bytes apart.
	mod := []byte("\x00asm\x01\x00\x00\x00" + "\x05\x03\x01\x00\x01" +
		"\x0b\x0f\x02" + "\x00\x41\x00\x0b\x02ab" + "\x00\x41\x06\x0b\x02cd")
	f := filepath.Join(dir, "m.wasm")
	if err := os.WriteFile(f, mod, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := run([]string{f}, &out, &errs); code != 0 {
		t.Fatalf("run = %d, stderr %q", code, errs.String())
	}
	got, _ := os.ReadFile(f)
	segs, err := wasmpack.Segments(got)
	if err != nil || len(segs) != 1 || string(segs[0].Data) != "ab\x00\x00\x00\x00cd" {
		t.Errorf("packed file's segments %v (%v), want one of \"ab\\0\\0\\0\\0cd\"", segs, err)
	}
	if !strings.Contains(out.String(), "2 data segments → 1") {
		t.Errorf("stdout %q, want the segment counts", out.String())
	}

	bad := filepath.Join(dir, "bad.wasm")
	os.WriteFile(bad, []byte("not wasm"), 0o644)
	errs.Reset()
	if code := run([]string{bad}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "bad.wasm: wasmpack: not a WebAssembly") {
		t.Errorf("run on a text file = %d, stderr %q", code, errs.String())
	}
	if b, _ := os.ReadFile(bad); string(b) != "not wasm" {
		t.Errorf("the refused file changed: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
