// Package linkcheck holds tests, nothing else: the browser program, built
// as scripts/build.sh builds it, links no fmt at all, and no generic sort
// of package slices. fmt's printer drags reflect and fmtsort into the
// module: 240 KB raw, 45 KB of brotli. The page formats with strconv and
// msg.Format (its own small sprintf), and encoding/xml's four fmt calls are
// rewritten by the build's overlay (package xmlpatch). Each element type
// given to a slices sort links a sort of its own; the page's sorts share
// sort.Stable's one copy.
//
// The tests build the page once with scripts/build.sh's flags and
// -ldflags=-dumpdep, the linker's reachability tree (it prints the first
// edge into each reachable symbol, so a symbol is reachable exactly when
// an edge into it is printed), and fail for each reachable fmt or slices
// sort symbol, naming the chain the linker followed to it.
package linkcheck
