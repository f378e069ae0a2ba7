#!/usr/bin/env bash
# OT import (POST /api/ots/import_excel/) of a ROWS-row workbook (default 200,000) through the jar, RUNS times
# (default 3), each on a fresh embedded database in a temp NEXTOPS_DATA_DIR with the documented JVM options
# (benchmarks/scripts/jvm-options). Per run: wall time of the curl upload, rows/s, peak VmRSS of the Java process
# (sampled every 100 ms during the import) and VmHWM at the end. Prints every run, the medians and the machine.
# The workbook is generated once with benchmarks' OtWorkbookGenerator (27 export columns, inline strings).
# The server runs with TIMEOUT (worker task limit, default here 1800 s) and OT_IMPORT_MAX_FILE_MB=64: a 200k-row
# workbook is ~17 MB, over the original's 10 MB.
# Usage: benchmarks/scripts/ot-import.sh   (env: RUNS, ROWS, PORT, SKIP_BUILD, TIMEOUT)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
ROWS=${ROWS:-200000}
PORT=${PORT:-8096}
JAR=server/target/nextops-server.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
OPTS=$(cat benchmarks/scripts/jvm-options)
export MALLOC_ARENA_MAX=2   # documented with the JVM options (docs/deploy.md)
WORK=$(mktemp -d /tmp/nextops-ot-import-bench.XXXXXX)
PASS="bench-$(date +%s)-Aa1!"
export NEXTOPS_ADMIN_PASSWORD="$PASS" PORT TIMEOUT=${TIMEOUT:-1800} OT_IMPORT_MAX_FILE_MB=64 ACCESS_LOG=false

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package
echo "== machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $(java -version 2>&1 | sed -n 1p); options: $OPTS"

pid=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

BOOK="$WORK/ots-$ROWS.xlsx"
java -cp "$BENCH_JAR" io.nextops.benchmarks.imports.OtWorkbookGenerator "$BOOK" "$ROWS" B

times=(); rates=(); peaks=(); hwms=()
for run in $(seq 1 "$RUNS"); do
  export NEXTOPS_DATA_DIR="$WORK/data-$run"
  mkdir -p "$NEXTOPS_DATA_DIR"
  java $OPTS -jar "$JAR" >"$WORK/server-$run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "localhost:$PORT/health/ready" >/dev/null
  TOKEN=$(curl -fs -X POST "localhost:$PORT/api/token/" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASS\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  ( peak=0; while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
      [ "${v:-0}" -gt "$peak" ] && peak=$v && echo "$peak" >"$WORK/peak-$run"
      sleep 0.1; done ) &
  sampler=$!
  t0=$(date +%s.%N)
  code=$(curl -s -o "$WORK/body-$run.json" -w '%{http_code}' -X POST "localhost:$PORT/api/ots/import_excel/" \
    -H "Authorization: Bearer $TOKEN" -F "files=@$BOOK" -F 'tipos_operacion=["importacion"]')
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  peak=$(cat "$WORK/peak-$run")
  created=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); print(b.get("created"))' "$WORK/body-$run.json")
  rate=$(echo "$ROWS / $secs" | bc)
  echo "run $run: HTTP $code, created $created, ${secs}s, $rate rows/s, idle VmRSS $((idle/1024)) MB, peak VmRSS $((peak/1024)) MB, VmHWM $((hwm/1024)) MB"
  [ "$code" = 200 ] && [ "$created" = "$ROWS" ] || { echo "unexpected result:"; head -c 2000 "$WORK/body-$run.json"; exit 1; }
  times+=("$secs"); rates+=("$rate"); peaks+=("$peak"); hwms+=("$hwm")
  kill -TERM "$pid"; wait "$pid" || true; pid=
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "== median over $RUNS runs of $ROWS rows: $(median "${times[@]}") s, $(median "${rates[@]}") rows/s," \
  "peak VmRSS $(( $(median "${peaks[@]}") / 1024 )) MB, VmHWM $(( $(median "${hwms[@]}") / 1024 )) MB"
