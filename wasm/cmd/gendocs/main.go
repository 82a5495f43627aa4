// Command gendocs writes a tree of generated UM reference pages (package
// docgen) for scripts/bench-docs.sh:
//
//	gendocs [-n 2000] [-blocks DIR] DIR
//
// -blocks also writes every XML block as a file of its own into DIR, for
// tools that read XML files (xmllint).
package main

import (
	"flag"
	"fmt"
	"os"

	"umplay/wasm/internal/docgen"
)

func main() {
	n := flag.Int("n", 2000, "number of pages")
	blocks := flag.String("blocks", "", "also write each XML block into this folder")
	flag.Parse()
	if flag.NArg() != 1 || *n < 0 {
		fmt.Fprintln(os.Stderr, "usage: gendocs [-n 2000] [-blocks DIR] DIR")
		os.Exit(2)
	}
	if *blocks != "" {
		if err := os.MkdirAll(*blocks, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	size, nb, err := docgen.Tree(flag.Arg(0), *blocks, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	fmt.Printf("%d pages, %d bytes, %d xml blocks\n", *n, size, nb)
}
