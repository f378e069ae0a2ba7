#!/usr/bin/env bash
# Peak RSS of the server during N (4) concurrent 200k-invoice XLSX exports, through the launcher at MEMORY_BUDGET_MB
# (256), RUNS (3) times on one seeded database: VmHWM of the JVM (the embedded PostgreSQL is a separate process, not
# counted), read after each round from a fresh server start so that each round's peak is its own.
# Run it alone on the machine: flock /tmp/bench.lock benchmarks/scripts/xlsx-peak.sh
# Env: RUNS (3), EXPORTS (4), INVOICES (200000), MEMORY_BUDGET_MB (256), PORT (8096), SKIP_BUILD, DIST (see lib.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
EXPORTS=${EXPORTS:-4}
INVOICES=${INVOICES:-200000}
PORT=${PORT:-8096}
export MEMORY_BUDGET_MB=${MEMORY_BUDGET_MB:-256}
. benchmarks/scripts/lib.sh
install_missing curl:curl
find_launcher
DATA=$(mktemp -d /tmp/nextops-xlsx-peak.XXXXXX)
PASS="bench-$(date +%s)-Aa1!"
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="$PASS" PORT TIMEOUT=600 LOG_LEVEL=WARNING ACCESS_LOG=false
pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
echo "== load at start: $(cut -d' ' -f1-3 /proc/loadavg); launcher $LAUNCHER, MEMORY_BUDGET_MB=$MEMORY_BUDGET_MB"
"$LAUNCHER" seed-demo --invoices "$INVOICES" --ots 1000 >"$DATA/seed.log" 2>&1 || { cat "$DATA/seed.log"; exit 2; }
peaks=()
for run in $(seq 1 "$RUNS"); do
  "$LAUNCHER" serve >"$DATA/server.log" 2>&1 &
  pid=$!
  login_and_provider
  idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  t0=$(date +%s.%N)
  jobs=()
  for e in $(seq 1 "$EXPORTS"); do
    curl -fsS -o "$DATA/out.$e.xlsx" -H "$AUTH" "localhost:$PORT/api/invoices/export-excel/" & jobs+=($!)
  done
  for j in "${jobs[@]}"; do wait "$j"; done
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  peaks+=("$hwm")
  echo "run $run: $EXPORTS concurrent 200k XLSX exports in $secs s ($(stat -c %s "$DATA/out.1.xlsx") bytes each);" \
       "idle VmRSS $((idle / 1024)) MB, peak VmHWM $((hwm / 1024)) MB"
  kill -TERM "$pid"; wait "$pid" || true; pid=
done
median=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median peak VmHWM over $RUNS runs: $((median / 1024)) MB ($median kB); load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
