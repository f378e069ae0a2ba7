#!/usr/bin/env bash
# List endpoint under load: requests/s and latency percentiles of GET /api/invoices/ at page_size 25 and 1000 on
# 200,000 seeded invoices, measured with wrk against the running jar (documented JVM options, embedded PostgreSQL),
# then the server's RSS while page_size=10000 requests run.
# Usage: benchmarks/scripts/api-list.sh [DURATION_SECONDS] [CONNECTIONS]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
CONNS=${2:-8}
JAR=${JAR:-server/target/nextops-server.jar}
[ -f "$JAR" ] || mvn -B -q -DskipTests package
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install -y wrk)"; exit 1; }
OPTS=$(cat benchmarks/scripts/jvm-options)
export MALLOC_ARENA_MAX=2   # documented with the JVM options (docs/deploy.md)
PORT=${PORT:-8097}
DATA=$(mktemp -d)
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="bench-admin-pw" PORT LOG_LEVEL=WARNING ACCESS_LOG=false
cleanup() { [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

echo "seeding 200000 invoices / 50000 OTs ..."
java -jar "$JAR" seed-demo --invoices 200000 --ots 50000 >"$DATA/seed.log" 2>&1
java $OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
TOKEN=$(curl -fs -X POST "localhost:$PORT/api/token/" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$NEXTOPS_ADMIN_PASSWORD\"}" | sed -E 's/.*"access":"([^"]+)".*/\1/')
[ -n "$TOKEN" ] || { echo "login failed"; exit 1; }
H="Authorization: Bearer $TOKEN"
curl -fs -H "$H" "localhost:$PORT/api/invoices/?page_size=1" | cut -c1-200 || true; echo

for size in 25 1000; do
  curl -fs -o /dev/null -H "$H" "localhost:$PORT/api/invoices/?page_size=$size"     # warm up
  echo "== GET /api/invoices/?page_size=$size  (wrk -t2 -c$CONNS -d${DURATION}s)"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "$H" "http://localhost:$PORT/api/invoices/?page_size=$size" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|requests in|Non-2xx"
done

echo "== page_size=10000: 4 sequential requests, RSS sampled every 100 ms"
peak=0
( for i in 1 2 3 4; do curl -fs -o /dev/null -w "page_size=10000: %{size_download} bytes in %{time_total}s\n" -H "$H" \
    "localhost:$PORT/api/invoices/?page_size=10000&page=$i"; done ) &
cpid=$!
while kill -0 $cpid 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.1
done
wait $cpid
echo "peak RSS during page_size=10000: $((peak / 1024)) MB; VmHWM: $(awk '/VmHWM/ {print $2}' /proc/$pid/status) kB"
