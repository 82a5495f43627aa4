// Package linkcheck holds a test, nothing else: the browser program, built
// as scripts/build.sh builds it, links no fmt at all. fmt's printer drags
// reflect and fmtsort into the module: 240 KB raw, 45 KB of brotli. The
// page formats with strconv and msg.Format (its own small sprintf), and
// encoding/xml's four fmt calls are rewritten by the build's overlay
// (package xmlpatch).
//
// The test builds the page with scripts/build.sh's flags and
// -ldflags=-dumpdep, the linker's reachability tree (it prints the first
// edge into each reachable symbol, so a symbol is reachable exactly when
// an edge into it is printed), and fails for each reachable fmt symbol,
// naming the chain the linker followed to it.
package linkcheck
