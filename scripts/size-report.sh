#!/usr/bin/env bash
# Prints the code size of each Go package in a js/wasm program, largest
# first, built with scripts/build.sh's flags but keeping the wasm name
# section (no -s), and the module's brotli size. With two packages, prints
# both reports and the difference per package (the first minus the second).
#   scripts/size-report.sh [-n 40] [PKG [BASE]]   (default ./wasm/app and ./wasm/cmd/floor)
# Needs wasm-objdump (wabt) and brotli.
set -euo pipefail
cd "$(dirname "$0")/.."

top=40
if [[ ${1:-} == -n ]]; then top=$2; shift 2; fi
pkg=${1:-./wasm/app}
base=${2:-./wasm/cmd/floor}
# scripts/build.sh's flags; the name section is kept (-w only) to see functions.
mapfile -t flags < <(bash scripts/build.sh --print-flags)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# report PKG NAME: writes $tmp/NAME.sizes ("bytes package" lines).
report() {
	echo "+ GOOS=js GOARCH=wasm go build ${flags[*]} -ldflags=-w -o $tmp/$2.wasm $1" >&2
	GOOS=js GOARCH=wasm go build "${flags[@]}" -ldflags=-w -o "$tmp/$2.wasm" "$1"
	GOOS=js GOARCH=wasm go list -deps "$1" >"$tmp/$2.pkgs"
	# Wasm function names are the Go symbols with '/' written '_': strip
	# '.'-suffixes until a (mangled) package path of the program is left.
	wasm-objdump -x -j Code "$tmp/$2.wasm" | awk -v pkgs="$tmp/$2.pkgs" -v main="$(GOOS=js GOARCH=wasm go list "$1")" '
		BEGIN {
			while ((getline p < pkgs) > 0) { m = p; gsub("/", "_", m); name[m] = (p == main ? p "(main)" : p) }
			name["main"] = main "(main)"
		}
		/- func\[[0-9]+\] size=/ {
			n = $3; sub("size=", "", n); s = $4; sub("^<", "", s); sub(">$", "", s)
			sub("^type_\\.(eq|hash)\\.", "", s)
			p = "(other)"
			while (s ~ /\./) {
				sub("\\.[^.]*$", "", s)
				if (s in name) { p = name[s]; break }
			}
			size[p] += n; total += n
		}
		END { for (p in size) print size[p], p; print total, "(all code)" }' | sort -rn >"$tmp/$2.sizes"
	# The shipped module is stripped: its brotli size is what users download.
	GOOS=js GOARCH=wasm go build "${flags[@]}" -o "$tmp/$2.s.wasm" "$1"
	go run ./wasm/cmd/wasmpack "$tmp/$2.s.wasm" >/dev/null # as scripts/build.sh ships it
	printf '%s: raw %d B, brotli q11 %d B\n' "$1" "$(wc -c <"$tmp/$2.s.wasm")" "$(brotli -q 11 -c "$tmp/$2.s.wasm" | wc -c)"
}

report "$pkg" a
report "$base" b
printf '\n%-40s %10s %10s %10s\n' "code bytes by package" "$pkg" "$base" "difference"
join -1 2 -2 2 -a 1 -a 2 -e 0 -o 0,1.1,2.1 -t $'\t' \
	<(awk '{n=$1; $1=""; sub(/^ /, ""); print n "\t" $0}' "$tmp/a.sizes" | awk -F'\t' '{print $1 "\t" $2}' | sort -t $'\t' -k2,2) \
	<(awk '{n=$1; $1=""; sub(/^ /, ""); print n "\t" $0}' "$tmp/b.sizes" | sort -t $'\t' -k2,2) |
	awk -F'\t' '{printf "%-40s %10d %10d %+10d\n", $1, $2, $3, $2-$3}' | sort -k2,2 -rn | head -n "$((top + 1))"
