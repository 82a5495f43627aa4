#!/usr/bin/env bash
# Builds the playground and serves web/ on http://127.0.0.1:8080/.
#   scripts/serve.sh [--port N]      (or PORT=N scripts/serve.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8080}"
while [ $# -gt 0 ]; do
	case "$1" in
	--port | -port | -p)
		[ $# -ge 2 ] || { echo "serve.sh: $1 needs a value" >&2; exit 2; }
		port="$2"
		shift 2
		;;
	--port=* | -port=*)
		port="${1#*=}"
		shift
		;;
	-h | --help)
		echo "usage: scripts/serve.sh [--port N]   (default \$PORT or 8080)"
		exit 0
		;;
	*)
		echo "serve.sh: unknown argument $1 (usage: scripts/serve.sh [--port N])" >&2
		exit 2
		;;
	esac
done
case "$port" in
'' | *[!0-9]*) echo "serve.sh: port must be a number, got \"$port\"" >&2; exit 2 ;;
esac

step() { echo "+ $(printf "%q " "$@")" >&2; "$@"; }

echo "== serve: Go modules" >&2
step go mod download
echo "== serve: build" >&2
step bash scripts/build.sh
echo "== serve: starting on http://127.0.0.1:$port/ (Ctrl+C stops it)" >&2
echo "+ go run ./wasm/cmd/umplay serve --port $port" >&2
exec go run ./wasm/cmd/umplay serve --port "$port"
