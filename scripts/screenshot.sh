#!/usr/bin/env bash
# Writes web/screenshot.png (1400×1120), the README's picture: the page with
# the pt-BR docs sample showing its error, the quick fix and the response.
#   scripts/screenshot.sh [-o FILE] [-dark]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "+ go run ./wasm/cmd/browsercheck screenshot $*" >&2
exec go run ./wasm/cmd/browsercheck screenshot "$@"
