package callid

import (
	"math/rand"
	"strings"
	"testing"
)

// family is one kind of hostile CallId, made at a given size.
type family struct {
	name string
	make func(n int) string // n is the number of repeated units
	n    int                // the smaller size; the benchmark also runs 2n
}

// hostileFamilies are the inputs of issue 7 that made Decode slow or big:
// per family Decode must take twice the time and memory at 2n, not four times.
var hostileFamilies = []family{
	// 2 MiB of '!': one base64-char problem per byte.
	{"bang", func(n int) string { return strings.Repeat("!", n) }, 1 << 20},
	// "Q\n": one whitespace problem per line.
	{"q-newline", func(n int) string { return strings.Repeat("Q\n", n) }, 300_000},
	// "Q ": whitespace problems, then binary decoded text.
	{"q-space", func(n int) string { return strings.Repeat("Q ", n) }, 40_000},
	// Valid base64 of <GUID>@<a long host of labels>.
	{"valid-long-host", func(n int) string {
		return enc(docGUID + "@" + strings.Repeat("um01.", n) + "com")
	}, 200_000},
	// Valid base64 of a host of empty labels: one host problem per dot.
	{"empty-labels", func(n int) string { return enc(docGUID + "@a" + strings.Repeat(".", n) + "b") }, 500_000},
	// Valid base64 of random bytes: runs of bytes that are not printable ASCII.
	{"binary", func(n int) string {
		b := make([]byte, n)
		rand.New(rand.NewSource(7)).Read(b)
		return enc(string(b))
	}, 750_000},
}

// BenchmarkDecodeFamilies decodes each hostile family at n and 2n; with
// -benchmem the ratios of ns/op and B/op between …/n and …/2n read as the
// growth (2 is linear). MB/s is the same at n and 2n when Decode is linear.
func BenchmarkDecodeFamilies(b *testing.B) {
	for _, f := range hostileFamilies {
		for _, size := range []struct {
			name string
			n    int
		}{{"n", f.n}, {"2n", 2 * f.n}} {
			raw := f.make(size.n)
			b.Run(f.name+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(raw)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					Decode(raw)
				}
			})
		}
	}
}
