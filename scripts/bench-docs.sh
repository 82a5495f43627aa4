#!/usr/bin/env bash
# Times `umplay check` on a generated tree of reference-style Markdown pages
# (wasm/internal/docgen) against `xmllint --noout` over the same pages' XML
# blocks, extracted one file each (xmllint checks well-formedness only;
# umplay does every protocol check too). Installs libxml2-utils if missing.
#   scripts/bench-docs.sh [-n 2000] [-runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."
n=2000 runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n="$2"; shift 2 ;;
    -runs) runs="$2"; shift 2 ;;
    *) echo "usage: scripts/bench-docs.sh [-n 2000] [-runs 5]" >&2; exit 2 ;;
  esac
done
if ! command -v xmllint >/dev/null; then
  echo "+ apt-get install -y libxml2-utils" >&2
  apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "+ go build -o $tmp/umplay ./wasm/cmd/umplay" >&2
go build -o "$tmp/umplay" ./wasm/cmd/umplay
echo "+ go run ./wasm/cmd/gendocs -n $n -blocks $tmp/blocks $tmp/tree" >&2
go run ./wasm/cmd/gendocs -n "$n" -blocks "$tmp/blocks" "$tmp/tree" >&2
bytes="$(du -sb "$tmp/tree" | cut -f1)"

# median wall-clock and median CPU (user + sys) seconds of $runs runs of "$@"
median() {
  local log="$tmp/times" TIMEFORMAT='%R %U %S'
  : >"$log"
  for _ in $(seq "$runs"); do
    { time "$@" >/dev/null 2>&1 || true; } 2>>"$log"
  done
  local wall cpu
  wall=$(awk '{ print $1 }' "$log" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  cpu=$(awk '{ print $2 + $3 }' "$log" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$wall $cpu"
}
echo "+ umplay check $tmp/tree ($runs runs)" >&2
read -r t_umplay c_umplay < <(median "$tmp/umplay" check "$tmp/tree")
echo "+ xmllint --noout over the extracted blocks ($runs runs)" >&2
read -r t_xmllint c_xmllint < <(median sh -c "find '$tmp/blocks' -name '*.xml' -print0 | xargs -0 xmllint --noout")
blocks=$(find "$tmp/blocks" -name '*.xml' | wc -l)
awk -v n="$n" -v b="$bytes" -v k="$blocks" -v u="$t_umplay" -v x="$t_xmllint" -v cu="$c_umplay" -v cx="$c_xmllint" 'BEGIN {
  printf "pages            %d (%.1f MB, %d xml blocks)\n", n, b / 1e6, k
  printf "umplay check     %.3f s wall, %.3f s CPU  %.0f pages/s  %.1f MB/s (wall)\n", u, cu, n / u, b / 1e6 / u
  printf "xmllint --noout  %.3f s wall, %.3f s CPU  (the blocks only, well-formedness only)\n", x, cx
  printf "ratio            %.2fx xmllint wall, %.2fx CPU\n", u / x, cu / cx
}'
