//go:build js && wasm

// Command hello is the navigation→ready baseline of the browser benchmark
// (scripts/bench-browser.sh): a hello-world Go WebAssembly program that
// prints one line and then says it is ready the way the playground does
// (<html data-umplay="ready"> and an umplay-ready event on document). It is
// built with the flags of scripts/build.sh and never shipped.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	fmt.Println("hello, world")
	doc := js.Global().Get("document")
	doc.Call("getElementById", "out").Set("textContent", "hello, world")
	doc.Get("documentElement").Call("setAttribute", "data-umplay", "ready")
	doc.Call("dispatchEvent", js.Global().Get("Event").New("umplay-ready"))
}
