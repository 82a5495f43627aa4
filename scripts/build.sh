#!/usr/bin/env bash
# Builds the playground into web/: main.wasm (Go → WebAssembly), wasm_exec.js
# (from the Go toolchain, so it always matches), and precompressed .br/.gz
# copies for the server. Every output is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Go flags of the browser program, also used by the benchmark's
# baselines (scripts/bench-browser.sh) and scripts/size-report.sh, which
# read them with `scripts/build.sh --print-flags`. Our packages are compiled
# without inlining (-l): their inlined copies of small functions cost more
# module than they save time. The packages on the paths a keystroke takes
# keep the compiler's default (the last matching -gcflags wins): soap (the
# check: -l made BenchmarkCheck1MiB 20-25% and BenchmarkCheckDocSample 18%
# slower, for 27 KB of brotli), xmllex (the colouring) and textpos (the line
# table). umsim, callid and report run once per check on the report, where
# -l measured within noise. All of it: brotli 1,052,730 -> 1,031,623 B. The
# benchmark's floor and hello-world have none of these packages, so they
# build as before.
#
# -overlay swaps in encoding/xml's xml.go with its four fmt calls written
# with strconv, the same texts (wasm/xmlpatch, made from this toolchain's
# own file, in .cache/): they were all that linked fmt's printer into the
# page, 240 KB raw and 45 KB of brotli (wasm/linkcheck keeps fmt out).
overlay=$(go run ./wasm/cmd/xmlpatch "$(go env GOROOT)" "$PWD/.cache/xmlpatch")
flags=(-trimpath
	-gcflags=umplay/...=-l
	-gcflags=umplay/wasm/soap= -gcflags=umplay/wasm/xmllex= -gcflags=umplay/wasm/textpos=
	"-overlay=$overlay"
	"-ldflags=-s -w")
if [[ ${1:-} == --print-flags ]]; then
	printf '%s\n' "${flags[@]}"
	exit 0
fi

step() { echo "+ $(printf "%q " "$@")" >&2; "$@"; }

# The version the page shows: the commit, -dirty with uncommitted changes
# (set with -X: reading Go's build info would cost the module ~17 KB).
version=$(git rev-parse --short=12 HEAD 2>/dev/null || echo devel)
if [[ $version != devel && -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
	version+=-dirty
fi

echo "== build: web/main.wasm" >&2
step env GOOS=js GOARCH=wasm go build "${flags[@]}" -ldflags="-s -w -X main.buildVersion=$version" -o web/main.wasm ./wasm/app

# Join Go's ~53,000 data segments (package wasmpack): brotli -6 %. The
# benchmark packs its baselines the same way.
echo "== build: pack main.wasm's data segments" >&2
step go run ./wasm/cmd/wasmpack web/main.wasm

echo "== build: web/wasm_exec.js" >&2
goroot="$(go env GOROOT)"
# cmp first: an unchanged copy keeps its time, so its .br/.gz stay fresh.
if ! cmp -s "$goroot/lib/wasm/wasm_exec.js" web/wasm_exec.js; then
	step cp "$goroot/lib/wasm/wasm_exec.js" web/wasm_exec.js
fi

echo "== build: precompressed copies (.br quality 11, .gz best)" >&2
step go run ./wasm/cmd/precompress -min 1024 web

echo "build: ok: web/main.wasm $(wc -c <web/main.wasm) bytes" >&2
