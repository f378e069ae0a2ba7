#!/usr/bin/env bash
# Headless Chromium check of the memory dashboard (/admin/memory), against the built server (launcher distribution)
# on a free port with the embedded database in a temporary directory:
#   - the page reports data-status="ok" and data-points > 0 on <body> (set by its script once the charts have drawn
#     the sampler's history; any script error sets data-status="error: ...");
#   - Chromium logged no console message (the page writes none: errors, uncaught exceptions, CSP refusals);
#   - a screenshot is kept as server/target/dashboard/memory-dashboard.png (with the DOM and the logs beside it).
# Build first: mvn -B -o -pl server -am -DskipTests package. Installs Debian's chromium when /usr/bin/chromium is
# missing (apt-get; as root or through sudo). Exit status 0 when every check passes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
out="$root/server/target/dashboard"
launcher="$(ls "$root"/server/target/nextops-server-*/bin/nextops-server 2>/dev/null | sed -n 1p || true)"
if [ -z "$launcher" ]; then
    echo "dashboard-check: no launcher under server/target; build first: mvn -B -o -pl server -am -DskipTests package" >&2
    exit 2
fi

if [ ! -x /usr/bin/chromium ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

mkdir -p "$out"
rm -f "$out"/*
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# one memory sample a second, so that the charts have several points after a few seconds
HOST=127.0.0.1 PORT="$port" NEXTOPS_DATA_DIR="$work/data" NEXTOPS_ADMIN_PASSWORD="dashboard-check-$$" \
    MEMORY_SAMPLE_INTERVAL_SECONDS=1 ACCESS_LOG=false \
    "$launcher" serve >"$out/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$port/api/health/" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "dashboard-check: the server exited; see $out/server.log" >&2
        exit 1
    fi
    sleep 1
done
curl -fsS "http://127.0.0.1:$port/api/health/" >/dev/null
sleep 4

url="http://127.0.0.1:$port/admin/memory/"
chromium_run() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$(mktemp -d -p "$work")" \
        --enable-logging=stderr --v=0 --virtual-time-budget=8000 "$@" "$url"
}
chromium_run --dump-dom >"$out/dom.html" 2>"$out/chromium-dom.log"
chromium_run --screenshot="$out/memory-dashboard.png" --window-size=1280,1000 >/dev/null 2>"$out/chromium-screenshot.log"

failed=0
status="$(sed -n 's/.*<body[^>]* data-status="\([^"]*\)".*/\1/p' "$out/dom.html" | sed -n 1p)"
points="$(sed -n 's/.*<body[^>]* data-points="\([0-9]*\)".*/\1/p' "$out/dom.html" | sed -n 1p)"
if [ "$status" != "ok" ]; then
    echo "dashboard-check: FAIL: the page says data-status=\"$status\" (expected ok)" >&2
    failed=1
fi
if [ -z "$points" ] || [ "$points" -lt 1 ]; then
    echo "dashboard-check: FAIL: the charts have no data (data-points=\"$points\")" >&2
    failed=1
fi
# the page writes nothing to the console, so any console line is a failure: console.error, an uncaught exception,
# a Content-Security-Policy refusal (Chromium logs them all as CONSOLE, whatever their level)
if grep -E "CONSOLE|Uncaught|Refused to" "$out/chromium-dom.log" "$out/chromium-screenshot.log"; then
    echo "dashboard-check: FAIL: console errors (above)" >&2
    failed=1
fi
if [ ! -s "$out/memory-dashboard.png" ]; then
    echo "dashboard-check: FAIL: no screenshot" >&2
    failed=1
fi
if [ "$failed" = 0 ]; then
    echo "dashboard-check: OK (data-status=ok, $points samples drawn, no console errors); screenshot $out/memory-dashboard.png"
fi
exit "$failed"
