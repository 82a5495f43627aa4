//go:build js && wasm

// Command app is umplay's browser program: compiled to WebAssembly
// (GOOS=js GOARCH=wasm) and loaded by web/boot.js, it checks the request in the
// page's editor as the user types (soap.Check, MS-OXWUMS 3.1.4.1, SOAP 1.1 §4),
// decodes its CallId (callid.Decode), previews the answer of a simulated
// Exchange server (umsim.Server.Preview, behaviour.md "Decision order") and,
// on Send, applies the request to that server (umsim.Server.Handle).
//
// It is a thin DOM layer over those pure packages: every element is looked up
// once by id, and each handler reads its input, calls one pure function and
// renders the result. The page's state lives in one State value that
// serializes to JSON. It also installs window.umplay, the JavaScript API that
// tests and embedding pages use (see the README).
//
// Every js.FuncOf callback and every goroutine recovers panics, so one bad
// input shows an error instead of ending the program. Untrusted text is only
// ever rendered as text nodes.
package main
