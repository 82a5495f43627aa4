// Command precompress writes brotli (.br, quality 11) and gzip (.gz, best
// compression) copies of a static site's files, for a server that sends them
// with Content-Encoding (see package webserve). scripts/build.sh runs it on
// web/.
//
//	go run ./wasm/cmd/precompress [-min 1024] DIR
//
// It compresses every .wasm file and wasm_exec.js whatever their size, and
// the text assets (.html, .css, .js, .mjs, .json, .xml, .svg) of at least
// -min bytes. A copy that already decompresses to the file's bytes is kept
// (only its time is brought up to the file's), so a rebuild that changed
// nothing costs no brotli run. Copies whose file is gone or no longer
// qualifies are removed. Files are compressed in parallel, one per core.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

var textExts = []string{".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg"}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("precompress", flag.ContinueOnError)
	fl.SetOutput(stderr)
	minSize := fl.Int64("min", 1024, "smallest text asset to compress, in bytes")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: precompress [-min BYTES] DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return 2
	}
	results, err := Dir(fl.Arg(0), *minSize)
	for _, r := range results {
		fmt.Fprintln(stdout, r)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// Result says what happened to one file.
type Result struct {
	Path           string
	Size, Br, Gzip int64
	Kept           bool // both copies were up to date
	Removed        bool // an orphaned copy was removed
}

func (r Result) String() string {
	if r.Removed {
		return fmt.Sprintf("precompress: removed %s (no longer needed)", r.Path)
	}
	state := "wrote"
	if r.Kept {
		state = "kept "
	}
	return fmt.Sprintf("precompress: %s %-32s %9d raw %9d gzip (%4.1f%%) %9d br (%4.1f%%)",
		state, r.Path, r.Size, r.Gzip, pct(r.Gzip, r.Size), r.Br, pct(r.Br, r.Size))
}

func pct(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// wanted reports whether the file gets compressed copies.
func wanted(name string, size, minSize int64) bool {
	base := filepath.Base(name)
	ext := strings.ToLower(filepath.Ext(base))
	if ext == ".wasm" || base == "wasm_exec.js" {
		return true
	}
	return slices.Contains(textExts, ext) && size >= minSize
}

// Dir compresses the files under dir that qualify and removes orphaned
// copies. Results are in path order.
func Dir(dir string, minSize int64) ([]Result, error) {
	var todo []string
	var orphans []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if ext := filepath.Ext(p); ext == ".br" || ext == ".gz" {
			src := strings.TrimSuffix(p, ext)
			info, err := os.Stat(src)
			if err != nil || !wanted(src, info.Size(), minSize) {
				orphans = append(orphans, p)
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if wanted(p, info.Size(), minSize) {
			todo = append(todo, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("precompress: %w", err)
	}

	var results []Result
	for _, p := range orphans {
		if err := os.Remove(p); err != nil {
			return results, fmt.Errorf("precompress: %w", err)
		}
		results = append(results, Result{Path: p, Removed: true})
	}

	out := make([]Result, len(todo))
	errs := make([]error, len(todo))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range todo {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = File(p)
		})
	}
	wg.Wait()
	for i := range todo {
		if errs[i] != nil {
			return results, errs[i]
		}
		results = append(results, out[i])
	}
	return results, nil
}

// File writes p.br and p.gz unless they already hold p's content.
func File(p string) (Result, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		return Result{}, fmt.Errorf("precompress: %w", err)
	}
	info, err := os.Stat(p)
	if err != nil {
		return Result{}, fmt.Errorf("precompress: %w", err)
	}
	res := Result{Path: p, Size: int64(len(src)), Kept: true}
	for _, c := range []struct {
		ext    string
		size   *int64
		encode func([]byte) ([]byte, error)
		decode func(io.Reader) (io.Reader, error)
	}{
		{".br", &res.Br, encodeBrotli, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
		{".gz", &res.Gzip, encodeGzip, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	} {
		dst := p + c.ext
		if old, err := os.ReadFile(dst); err == nil && decodesTo(old, src, c.decode) {
			*c.size = int64(len(old))
			if err := notOlder(dst, info.ModTime()); err != nil {
				return res, err
			}
			continue
		}
		res.Kept = false
		enc, err := c.encode(src)
		if err != nil {
			return res, fmt.Errorf("precompress: %s: %w", dst, err)
		}
		*c.size = int64(len(enc))
		if err := writeAtomic(dst, enc); err != nil {
			return res, err
		}
		if err := notOlder(dst, info.ModTime()); err != nil {
			return res, err
		}
	}
	return res, nil
}

func decodesTo(enc, want []byte, decode func(io.Reader) (io.Reader, error)) bool {
	r, err := decode(bytes.NewReader(enc))
	if err != nil {
		return false
	}
	got, err := io.ReadAll(io.LimitReader(r, int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}

func encodeBrotli(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encodeGzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAtomic writes through a temporary file and a rename, so a server
// never sends a half-written copy.
func writeAtomic(dst string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp*")
	if err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("precompress: %w", err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("precompress: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("precompress: %w", err)
	}
	if err := os.Rename(f.Name(), dst); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("precompress: %w", err)
	}
	return nil
}

// notOlder makes sure the copy's time is not before the file's: the server
// ignores a copy older than its file.
func notOlder(dst string, t time.Time) error {
	info, err := os.Stat(dst)
	if err != nil {
		return fmt.Errorf("precompress: %w", err)
	}
	if info.ModTime().Before(t) {
		if err := os.Chtimes(dst, t, t); err != nil {
			return fmt.Errorf("precompress: %w", err)
		}
	}
	return nil
}
