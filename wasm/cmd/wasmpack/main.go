// Command wasmpack joins the data segments of Go-linked WebAssembly modules
// in place, so that they compress better (see package wasmpack).
// scripts/build.sh runs it on web/main.wasm, and the browser benchmark on
// its baselines, so that every module it compares is built the same way.
//
//	go run ./wasm/cmd/wasmpack FILE.wasm...
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"umplay/wasm/wasmpack"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: wasmpack FILE.wasm...")
		return 2
	}
	for _, f := range args {
		st, before, after, err := packFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "wasmpack: %s: %v\n", f, err)
			return 1
		}
		fmt.Fprintf(stdout, "wasmpack: %s: %d data segments → %d (%d zero bytes written), %d → %d bytes\n",
			f, st.SegmentsIn, st.SegmentsOut, st.ZerosWritten, before, after)
	}
	return 0
}

// packFile packs f in place, through a temporary file renamed over it.
func packFile(f string) (wasmpack.Stats, int, int, error) {
	in, err := os.ReadFile(f)
	if err != nil {
		return wasmpack.Stats{}, 0, 0, err
	}
	out, st, err := wasmpack.Pack(in, wasmpack.MaxGap)
	if err != nil {
		return st, 0, 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f), "."+filepath.Base(f)+".tmp*")
	if err != nil {
		return st, 0, 0, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return st, 0, 0, err
	}
	if err := tmp.Close(); err != nil {
		return st, 0, 0, err
	}
	if fi, err := os.Stat(f); err == nil {
		os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	return st, len(in), len(out), os.Rename(tmp.Name(), f)
}
