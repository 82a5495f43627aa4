//go:build js && wasm

package main

import "syscall/js"

// webRandom reads the browser's crypto.getRandomValues (what Go's own
// crypto/rand does under js/wasm, without linking crypto/rand and math/big
// into the module: about 170 KB raw, 45 KB brotli).
type webRandom struct{}

func (webRandom) Read(p []byte) (int, error) {
	crypto := js.Global().Get("crypto")
	for off := 0; off < len(p); {
		n := min(len(p)-off, 65536) // getRandomValues' limit per call
		a := js.Global().Get("Uint8Array").New(n)
		crypto.Call("getRandomValues", a)
		js.CopyBytesToGo(p[off:off+n], a)
		off += n
	}
	return len(p), nil
}
