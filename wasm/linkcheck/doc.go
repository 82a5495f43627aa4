// Package linkcheck holds a test, nothing else: the browser program's own
// code (wasm/app and the umplay packages it links) must call no fmt and
// none of time.Time's Format, AppendFormat or String. fmt's printer drags
// reflect and fmtsort into the module and Format its layout interpreter;
// the page formats with strconv, msg.Format (its own small sprintf) and
// package clock instead.
//
// The test compiles the page for GOOS=js GOARCH=wasm with -gcflags=-S on
// the umplay packages (every relocation each of their symbols makes, that
// is every function it calls) and -ldflags=-dumpdep (the linker's
// reachability tree), and fails for each reachable symbol of ours that
// refers to a forbidden one, naming the chain from the linker's roots.
//
// It cannot assert that the module holds no fmt at all: the standard
// library still links it (encoding/xml's Decoder.rawToken calls
// fmt.Errorf, Decoder.text fmt.Sprintf), and time.Time.String, so Format,
// stays because time.Time is used in interfaces (io/fs.FileInfo.ModTime)
// and String() is called through interfaces. The test logs those chains.
package linkcheck
