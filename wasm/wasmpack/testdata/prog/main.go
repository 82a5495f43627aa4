// Command prog is wasmpack's test program: a Go js/wasm build whose output
// depends on its data segments (strings, unicode and time tables, a map),
// run under node before and after packing.
package main

import (
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var table = map[string]int{"alpha": 1, "beta": 22, "gamma": 333, "delta": 4444}

func main() {
	var b strings.Builder
	b.WriteString(strings.ToUpper("ação ünïcödé") + "\n")
	b.WriteString(strconv.Quote("é\x01\u2028") + "\n")
	b.WriteString(strconv.FormatBool(unicode.IsUpper('Ä')) + " " + strconv.FormatBool(unicode.Is(unicode.Han, '語')) + "\n")
	b.WriteString(time.Unix(1700000000, 0).UTC().Format(time.RFC1123) + "\n")
	sum := 0
	for k, v := range table {
		sum += len(k) * v
	}
	b.WriteString("sum " + strconv.Itoa(sum) + "\n")
	os.Stdout.WriteString(b.String())
}
