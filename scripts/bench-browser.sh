#!/usr/bin/env bash
# Measures the playground in headless Chromium: main.wasm size (raw, gzip,
# brotli), navigation→ready (cache disabled and cached), and the latency of
# window.umplay.check for the docs sample and a 1 MiB request.
#   scripts/bench-browser.sh [-n 10] [-checks 200] [-big 10]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "+ go run ./wasm/cmd/browsercheck bench $*" >&2
exec go run ./wasm/cmd/browsercheck bench "$@"
