// Command xmlpatch writes the build overlay of package xmlpatch (the
// encoding/xml of the toolchain at GOROOT, without fmt) into DIR and prints
// the path of its overlay.json, for go build -overlay. scripts/build.sh
// runs it.
//
//	go run ./wasm/cmd/xmlpatch "$(go env GOROOT)" DIR
package main

import (
	"fmt"
	"os"

	"umplay/wasm/xmlpatch"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: xmlpatch GOROOT DIR")
		os.Exit(2)
	}
	p, err := xmlpatch.Write(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(p)
}
