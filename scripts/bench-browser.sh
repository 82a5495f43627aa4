#!/usr/bin/env bash
# Measures the playground in headless Chromium, each figure as a ratio to a
# baseline built and measured in the same run: main.wasm size (raw, gzip,
# brotli) against the floor program (wasm/cmd/floor: etree + dom/v2),
# navigation→ready (cache disabled and cached) against a hello-world Go page
# (wasm/cmd/hello), window.umplay.check on the docs sample and on a 1 MiB
# request against DOMParser, keystroke→paint in the 1 MiB request against a
# plain textarea, and the longest task while typing. It prints; it does not
# judge.
#   scripts/bench-browser.sh [-n 10] [-checks 200] [-big 10] [-keys 20] [-no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "+ go run ./wasm/cmd/browsercheck bench $*" >&2
exec go run ./wasm/cmd/browsercheck bench "$@"
