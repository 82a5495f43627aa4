package main

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"umplay/wasm/internal/docgen"
)

// BenchmarkDocsTree checks a generated tree of 2,000 reference-style pages
// (docgen: a namespace table, two to four XML blocks each, two pages in
// three with the pt-BR https:// typo) as `umplay check DIR` does, and
// reports pages/s and MB/s of Markdown. The baseline, measured in the same
// run, is encoding/xml reading every block's tokens (a well-formedness pass
// with no protocol check); x-baseline is the ratio.
func BenchmarkDocsTree(b *testing.B) {
	const pages = 2000
	dir := b.TempDir()
	size, _, err := docgen.Tree(dir, "", pages)
	if err != nil {
		b.Fatal(err)
	}
	var blocks []string
	for i := range pages {
		_, xs := docgen.Page(i)
		blocks = append(blocks, xs...)
	}
	base := measure(func() {
		for _, x := range blocks {
			d := xml.NewDecoder(strings.NewReader(x))
			for {
				if _, err := d.Token(); err != nil {
					break
				}
			}
		}
	})

	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if code := run([]string{"check", dir}, strings.NewReader(""), io.Discard, io.Discard); code != exitFound {
			b.Fatalf("check exit %d, want 1 (the tree has typos)", code)
		}
	}
	per := time.Since(start).Seconds() / float64(b.N)
	b.ReportMetric(pages/per, "pages/s")
	b.ReportMetric(float64(size)/1e6/per, "MB/s")
	b.ReportMetric(per/base, "x-baseline")
}

// measure is the median time of five runs of f, in seconds.
func measure(f func()) float64 {
	var ts []float64
	for range 5 {
		s := time.Now()
		f()
		ts = append(ts, time.Since(s).Seconds())
	}
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			if ts[j] < ts[i] {
				ts[i], ts[j] = ts[j], ts[i]
			}
		}
	}
	return ts[len(ts)/2]
}
