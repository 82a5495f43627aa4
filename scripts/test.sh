#!/usr/bin/env bash
# The whole test suite, fast checks first. CI runs it (.ci/run) in a fresh
# clone as root; a developer runs it as is. It installs what it needs
# (Chromium for the browser tests, Node.js for the wasm tests, curl and
# python3-zeep for the export tests) when missing.
#
#   FUZZTIME=200000x scripts/test.sh  longer fuzzing (default 20000 inputs per target)
set -euo pipefail
cd "$(dirname "$0")/.."

# A count, not a duration: Go 1.26's fuzz coordinator can fail a target with
# a bare "context deadline exceeded" (no failing input) when a duration ends
# while a worker is busy on a loaded machine (golang/go#75804, fixed in Go
# 1.27); a count has no deadline to race. A duration still works if given.
fuzztime="${FUZZTIME:-20000x}"
start=$SECONDS
passed=0
current=""
summary=()

on_exit() {
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo >&2
		echo "test.sh: FAILED at step \"$current\" (exit $rc) after $((SECONDS - start))s" >&2
		echo "summary: $passed passed, 1 failed"
	fi
}
trap on_exit EXIT

# step NAME CMD...: runs one step, echoing it and timing it.
step() {
	current="$1"
	shift
	echo
	echo "== $current"
	echo "+ $*"
	local t0=$SECONDS
	"$@"
	passed=$((passed + 1))
	summary+=("$(printf '%5ss  %s' "$((SECONDS - t0))" "$current")")
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
	if [ -z "$apt_updated" ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update
		apt_updated=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

check_gofmt() {
	local bad
	bad="$(gofmt -l wasm)"
	if [ -n "$bad" ]; then
		echo "gofmt: these files need gofmt -w:" >&2
		echo "$bad" >&2
		return 1
	fi
}

ensure_chromium() {
	if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
		echo "chromium: $(command -v chromium || echo /usr/bin/chromium)"
		return 0
	fi
	echo "chromium: not found, installing Debian's chromium"
	apt_install chromium fonts-liberation
	command -v chromium
}

ensure_node() {
	if command -v node >/dev/null 2>&1; then
		echo "node: $(command -v node) $(node --version)"
		return 0
	fi
	echo "node: not found, installing Debian's nodejs (the wasm tests run under it)"
	apt_install nodejs
	node --version
}

# ensure_export_tools installs what the export tests run: curl (the curl
# snippets), and Debian's python3-zeep for /usr/bin/python3 (the WSDL import
# test; the python3 first on PATH may be another interpreter without it).
# The Go and Python (standard library) snippets need only go and python3.
ensure_export_tools() {
	local need=()
	if ! command -v curl >/dev/null 2>&1; then
		need+=(curl)
	fi
	if ! /usr/bin/python3 -c 'import zeep' >/dev/null 2>&1; then
		need+=(python3-zeep)
	fi
	if [ "${#need[@]}" -gt 0 ]; then
		echo "export tools: installing Debian's ${need[*]}"
		apt_install "${need[@]}"
	fi
	echo "curl: $(command -v curl); zeep: $(/usr/bin/python3 -c 'import zeep; print(zeep.__version__)')"
}

# wasm_packages prints the library packages under wasm/ that have tests and
# can run them under js/wasm: the package imports no syscall/js (the browser
# program, whose DOM tests need a browser) and links neither os/exec nor
# os/signal, and its test binary links none of chromedp, net/http/httptest
# (servers cannot listen under node) or the DOM bindings. The skipped ones go
# to stderr with the reason.
wasm_packages() {
	local libs tests
	libs="$(GOOS=js GOARCH=wasm go list -e -f '{{if ne .Name "main"}}{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{range .Imports}}{{if eq . "syscall/js"}} imports:syscall/js{{end}}{{end}}{{range .Deps}}{{if or (eq . "os/exec") (eq . "os/signal")}} links:{{.}}{{end}}{{end}}{{end}}{{end}}' ./wasm/... || true)"
	tests="$(GOOS=js GOARCH=wasm go list -e -test -f '{{.ImportPath}} {{join .Deps " "}}' ./wasm/... | grep -E '^[^ ]+\.test ' || true)"
	local pkg rest deps reason bad
	while read -r pkg rest; do
		[ -n "$pkg" ] || continue
		reason="${rest%% *}"
		deps=" $(grep -E "^${pkg//./\\.}\.test " <<<"$tests" | cut -d' ' -f2- || true) "
		for bad in github.com/chromedp/chromedp net/http/httptest honnef.co/go/js/dom/v2; do
			if [ -z "$reason" ] && [[ "$deps" == *" $bad "* ]]; then
				reason="test links:$bad"
			fi
		done
		if [ -n "$reason" ]; then
			echo "wasm tests: skip ${pkg#umplay/} (${reason/:/ })" >&2
		else
			echo "./${pkg#umplay/}"
		fi
	done <<<"$libs"
}

wasm_tests() {
	local pkgs
	pkgs="$(wasm_packages)"
	if [ -z "$pkgs" ]; then
		echo "wasm tests: no pure package with tests found under wasm/" >&2
		return 1
	fi
	# shellcheck disable=SC2086 # one package per word
	echo "+ PATH=\"\$(go env GOROOT)/lib/wasm:\$PATH\" GOOS=js GOARCH=wasm go test" $pkgs
	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test $pkgs
}

# fuzz_targets prints "DIR NAME" for every func FuzzX in a *_test.go file.
fuzz_targets() {
	grep -rH --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' wasm |
		sed -E 's#^(.*)/[^/]+_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort -u
}

fuzz_all() {
	local targets n=0 dir name
	targets="$(fuzz_targets)"
	if [ -z "$targets" ]; then
		echo "fuzz: no fuzz targets found (grep '^func Fuzz' in wasm/**/*_test.go)" >&2
		return 1
	fi
	while read -r dir name; do
		echo "+ go test -run='^\$' -fuzz='^$name\$' -fuzztime=$fuzztime ./$dir"
		go test -run='^$' -fuzz="^$name\$" -fuzztime="$fuzztime" "./$dir"
		n=$((n + 1))
	done <<<"$targets"
	echo "fuzz: $n targets, $fuzztime each"
}

step "gofmt -l" check_gofmt
step "go mod download" go mod download
step "go mod verify" go mod verify
step "go vet (native)" go vet ./...
step "go vet (js/wasm)" env GOOS=js GOARCH=wasm go vet ./...
step "chromium present" ensure_chromium
step "node present" ensure_node
step "curl, python3-zeep present" ensure_export_tools
step "build (scripts/build.sh)" bash scripts/build.sh
step "go test ./... (native, browser tests included)" go test -timeout 30m ./...
step "go test (js/wasm under node)" wasm_tests
# The browser program's own tests (pure helpers of package main: highlighter,
# line index, state) need no DOM, so node runs them as they are.
step "go test ./wasm/app (js/wasm under node)" env PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./wasm/app
step "fuzz (every target, $fuzztime)" fuzz_all

echo
echo "== timings"
printf '%s\n' "${summary[@]}"
echo "test.sh: all $passed steps passed in $((SECONDS - start))s"
echo "summary: $passed passed, 0 failed"
