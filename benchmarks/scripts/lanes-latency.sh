#!/usr/bin/env bash
# Light work never waits behind heavy work (issue 16), measured through the launcher on a seeded database:
#   A. list alone: wrk, 8 connections, GET /api/invoices/?page_size=25 for LIST_SECONDS -> req/s, p50, p99
#   B. the same list load while 4 concurrent 200k-invoice XLSX exports and 2 concurrent 200 MB uploads run in loops
#      (started first, list measured once they are under way) -> p50, p99, non-2xx, heavy work completed
#   C. 20 concurrent XLSX exports against a heavy lane of 2 workers and 2 queue slots (HEAVY_WORKERS=2,
#      HEAVY_QUEUE=2) at MEMORY_BUDGET_MB=C_BUDGET (256): every answer must be 200 or 503 with Retry-After,
#      /api/health/ and a list must answer throughout, and the server's peak RSS (VmHWM) must stay within the budget
# A and B run for each value of NICE_VALUES ("0 10": the heavy lane at normal priority, then at HEAVY_NICE=10), RUNS
# times each (medians printed); the server is restarted per value. Prints every run and one table.
# Run it alone on the machine: flock /tmp/bench.lock benchmarks/scripts/lanes-latency.sh
# Env: RUNS (3), INVOICES (200000), NICE_VALUES ("0 10"), MEMORY_BUDGET_MB (512), LIST_SECONDS (20), PORT (8097),
#      SKIP_BUILD, DIST (a copy of server/target/nextops-server-<version>/ to run instead of the build's),
#      REUSE_DATA / KEEP_DATA (as side-by-side.sh). Needs wrk, curl, bc (installed with apt-get if missing).
# Exit status: 0 when phase C holds and B answered no list request with an error, 1 otherwise, 2 could not run.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
INVOICES=${INVOICES:-200000}
NICE_VALUES=${NICE_VALUES:-"0 10"}
PORT=${PORT:-8097}
LIST_SECONDS=${LIST_SECONDS:-20}
# 512 MB: a heavy share (288 MiB, 8 workers) that admits the 4 exports (24 MiB each) and 2 uploads all at once; at
# 256 MB the exports fill the 96 MiB share and the uploads wait for one to end, as the reservations intend
export MEMORY_BUDGET_MB=${MEMORY_BUDGET_MB:-512}
. benchmarks/scripts/lib.sh
install_missing wrk:wrk curl:curl bc:bc
find_launcher

DATA=${REUSE_DATA:-$(mktemp -d /tmp/nextops-lanes.XXXXXX)}
if [ -n "${REUSE_DATA:-}" ]; then PASS=$(cat "$DATA/admin-password"); else PASS="bench-$(date +%s)-Aa1!"; fi
echo "$PASS" >"$DATA/admin-password"
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="$PASS" PORT TIMEOUT=600 LOG_LEVEL=WARNING ACCESS_LOG=false
export UPLOAD_MAX_FILE_MB=201 UPLOAD_MAX_FILES=1

echo "== machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== load at start: $(cut -d' ' -f1-3 /proc/loadavg); launcher $LAUNCHER, MEMORY_BUDGET_MB=$MEMORY_BUDGET_MB"

pid=
loops=()
stop_loops() {
  for l in "${loops[@]}"; do kill "$l" 2>/dev/null || true; done
  for l in "${loops[@]}"; do wait "$l" 2>/dev/null || true; done
  loops=()
}
stop_server() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  pid=
}
cleanup() {
  stop_loops
  stop_server
  rm -rf "$DATA/src" "$DATA"/resp* "$DATA"/c.*
  [ -n "${KEEP_DATA:-}${REUSE_DATA:-}" ] || rm -rf "$DATA"
}
trap cleanup EXIT

if [ -z "${REUSE_DATA:-}" ]; then
  t0=$(date +%s)
  "$LAUNCHER" seed-demo --invoices "$INVOICES" --ots 1000 >"$DATA/seed.log" 2>&1 || { cat "$DATA/seed.log"; exit 2; }
  echo "== seeded $INVOICES invoices in $(( $(date +%s) - t0 )) s"
fi

start_server() { # env assignments...
  env "$@" "$LAUNCHER" serve >"$DATA/server.log" 2>&1 &
  pid=$!
  login_and_provider
}

ms() { # wrk latency ("1.23ms", "850.00us", "1.02s") -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
wrk_list() { # -> "req/s p50 p99 non2xx"
  local out non2xx errors
  out=$(wrk -t2 -c8 -d"${LIST_SECONDS}s" --latency --timeout 10s -H "$AUTH" \
    "http://localhost:$PORT/api/invoices/?page_size=25")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {s=0; for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) s+=$i; print s}' <<<"$out"); errors=${errors:-0}
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
       "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")") $((non2xx + errors))"
}
newfile() { { printf '%%PDF-1.7\n'; head -c $(($2 * 1048576 - 9)) /dev/urandom; } >"$1"; }
export_loop() { # one 200k-invoice XLSX export after another until killed
  while :; do
    curl -fsS -o /dev/null -H "$AUTH" "localhost:$PORT/api/invoices/export-excel/" 2>/dev/null || true
  done
}
upload_loop() { # n -> uploads of the two 200 MB files of uploader n, in turn, until killed
  local k=0
  while :; do
    k=$((k + 1))
    curl -fsS -o /dev/null -H "$AUTH" -F "proveedor_id=$PROVIDER" -F "tipo_costo=OTRO" \
      -F "files[]=@$DATA/src/u$1.$((k % 2)).pdf;type=application/pdf" "localhost:$PORT/api/invoices/upload/" 2>/dev/null \
      || true
  done
}
heavy_metric() { # name -> value of that heavy-lane gauge on /metrics (loopback is allowed)
  curl -fs "localhost:$PORT/metrics" | awk -v m="$1{pool=\"heavy\"}" '$1 == m {print int($2)}'
}
drain() { # after the loops are stopped: wait until the heavy lane is idle (what the dead clients left queued ran)
  for _ in $(seq 1 240); do
    [ "$(heavy_metric workers_busy)" = 0 ] && [ "$(heavy_metric workers_queued)" = 0 ] && return 0
    sleep 0.5
  done
  echo "heavy lane still busy after 120 s"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A R
add() { R[$1]+="$2 "; }
med() { echo "${R[$1]:-}" | tr ' ' '\n' | grep . | median; }

mkdir -p "$DATA/src"
for u in 1 2; do for v in 0 1; do newfile "$DATA/src/u$u.$v.pdf" 200; done; done
status=0
for nice in $NICE_VALUES; do
  start_server HEAVY_NICE="$nice"
  curl -fsS -o /dev/null -H "$AUTH" "localhost:$PORT/api/invoices/?page_size=25"   # warm-up: JIT, pool, count cache
  wrk -t2 -c8 -d5s -H "$AUTH" "http://localhost:$PORT/api/invoices/?page_size=25" >/dev/null
  for run in $(seq 1 "$RUNS"); do
    set -- $(wrk_list); add "alone_rps_$nice" "$1"; add "alone_p50_$nice" "$2"; add "alone_p99_$nice" "$3"
    echo "HEAVY_NICE=$nice run $run list alone: $1 req/s, p50 $2 ms, p99 $3 ms, errors $4"
    rm -f "$DATA"/c.*
    for e in 1 2 3 4; do export_loop "$e" & loops+=($!); done
    for u in 1 2; do upload_loop "$u" & loops+=($!); done
    sleep 5   # the exports and uploads are streaming
    (sleep $((LIST_SECONDS / 2)); echo "$(heavy_metric workers_busy) $(heavy_metric workers_queued)" >"$DATA/c.busy") &
    set -- $(wrk_list); add "mixed_rps_$nice" "$1"; add "mixed_p50_$nice" "$2"; add "mixed_p99_$nice" "$3"
    [ "$4" = 0 ] || status=1
    read -r busy queued <"$DATA/c.busy"
    stop_loops
    drain
    echo "HEAVY_NICE=$nice run $run list during 4 XLSX exports + 2 x 200 MB uploads: $1 req/s, p50 $2 ms," \
         "p99 $3 ms, errors $4; heavy lane mid-window: $busy running, $queued queued;" \
         "load $(cut -d' ' -f1 /proc/loadavg)"
  done
  echo "HEAVY_NICE=$nice server VmHWM $(awk '/VmHWM/ {print $2}' /proc/$pid/status) kB"
  stop_server
done

# ---- C: 20 concurrent heavy requests against a lane of 2 -----------------------------------------------------------
C_BUDGET=${C_BUDGET:-256}
start_server HEAVY_WORKERS=2 HEAVY_QUEUE=2 MEMORY_BUDGET_MB="$C_BUDGET"
for i in $(seq 1 20); do
  curl -sS -o /dev/null -D "$DATA/resp.h.$i" -w '%{http_code}\n' -H "$AUTH" \
    "localhost:$PORT/api/invoices/export-excel/" >"$DATA/resp.s.$i" 2>/dev/null &
  loops+=($!)
done
light_ok=0; light_bad=0; worst=0
for _ in $(seq 1 20); do
  for path in /api/health/ "/api/invoices/?page_size=25"; do
    t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "$AUTH" "localhost:$PORT$path") || t="000 0"
    if [ "${t%% *}" = 200 ]; then light_ok=$((light_ok + 1)); else light_bad=$((light_bad + 1)); fi
    worst=$(echo "$worst ${t#* }" | awk '{print ($2 > $1) ? $2 : $1}')
  done
  sleep 0.25
done
for l in "${loops[@]}"; do wait "$l" 2>/dev/null || true; done
loops=()
ok=0; busy=0; bad=0
for i in $(seq 1 20); do
  s=$(cat "$DATA/resp.s.$i")
  if [ "$s" = 200 ]; then ok=$((ok + 1));
  elif [ "$s" = 503 ] && grep -qi '^retry-after:' "$DATA/resp.h.$i"; then busy=$((busy + 1));
  else bad=$((bad + 1)); fi
done
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
stop_server
verdict_c=PASS
if [ "$bad" != 0 ] || [ "$light_bad" != 0 ] || [ "$hwm" -gt $((C_BUDGET * 1024)) ]; then verdict_c=FAIL; status=1; fi
echo "C: 20 concurrent XLSX exports, lane of 2 + 2 queued: $ok x 200, $busy x 503 with Retry-After, $bad other;" \
     "light requests during it: $light_ok ok, $light_bad failed, slowest $(echo "$worst * 1000" | bc | cut -d. -f1) ms;" \
     "VmHWM $((hwm / 1024)) MB of the $C_BUDGET MB budget: $verdict_c"

echo
echo "== medians of $RUNS runs; load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| HEAVY_NICE | list alone: req/s, p50, p99 | list during 4 XLSX exports + 2 x 200 MB uploads: req/s, p50, p99 | goal |"
echo "| --- | --- | --- | --- |"
for nice in $NICE_VALUES; do
  echo "| $nice | $(med "alone_rps_$nice") req/s, $(med "alone_p50_$nice") ms, $(med "alone_p99_$nice") ms |" \
       "$(med "mixed_rps_$nice") req/s, $(med "mixed_p50_$nice") ms, $(med "mixed_p99_$nice") ms | p99 < 150 ms, no errors |"
done
exit "$status"
