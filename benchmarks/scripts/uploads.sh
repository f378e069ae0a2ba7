#!/usr/bin/env bash
# Invoice upload end to end: 4 concurrent uploads of SIZE_MB (default 200) PDF-looking files through the jar
# (curl, multipart, POST /api/invoices/upload/) vs sha256sum of the same files in the same run, and the server's RSS.
# Starts the jar with benchmarks/scripts/jvm-options on a fresh embedded database in a temp dir, logs in as admin,
# creates a provider through the API, then RUNS times (default 3): fresh random files (`%PDF-` + /dev/urandom, so no
# upload is a duplicate), sha256sum of one file and of the 4 at once (page cache warm, as the upload's source is),
# then the 4 uploads at once. Peak RSS = the highest VmRSS of the Java process sampled every 50 ms during the uploads;
# VmHWM (lifetime high-water mark) is printed at the end. Prints every run, the medians and the machine.
# Usage: benchmarks/scripts/uploads.sh     (env: RUNS, SIZE_MB, PORT, JAR, SKIP_BUILD, KEEP_DATA)
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/scripts/lib.sh
RUNS=${RUNS:-3}
SIZE_MB=${SIZE_MB:-200}
PORT=${PORT:-8098}
JAR=${JAR:-server/target/nextops-server.jar}
OPTS=$(cat benchmarks/scripts/jvm-options)
export MALLOC_ARENA_MAX=2   # documented with the JVM options (docs/deploy.md)
DATA=$(mktemp -d /tmp/nextops-uploads-bench.XXXXXX)
PASS="bench-$(date +%s)-Aa1!"
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="$PASS" PORT
export UPLOAD_MAX_FILE_MB=$((SIZE_MB + 1)) UPLOAD_MAX_FILES=4 TIMEOUT=900 LOG_LEVEL=WARNING ACCESS_LOG=false

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package
echo "== machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $(java -version 2>&1 | sed -n 1p); options: $OPTS"
echo "== disk: $(df -h "$DATA" | tail -1 | awk '{print $1, $2, "free " $4}')"

pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$DATA"
}
trap cleanup EXIT

java $OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
pid=$!
login_and_provider
echo "== server pid $pid, provider $PROVIDER, idle VmRSS $(awk '/VmRSS/ {print $2}' /proc/$pid/status) kB"

mbps() { echo "scale=1; $1 / $2" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: >"$DATA/one.txt"; : >"$DATA/four.txt"; : >"$DATA/upload.txt"; : >"$DATA/rss.txt"
SRC="$DATA/src"
mkdir -p "$SRC"
for run in $(seq 1 "$RUNS"); do
  for i in 1 2 3 4; do
    { printf '%%PDF-1.7\n'; head -c $((SIZE_MB * 1048576 - 9)) /dev/urandom; } >"$SRC/f$i.pdf"
  done
  t0=$(date +%s.%N); sha256sum "$SRC/f1.pdf" >/dev/null; t1=$(date +%s.%N)
  one=$(mbps "$SIZE_MB" "$(echo "$t1 - $t0" | bc)")
  sums=(); t0=$(date +%s.%N)
  for i in 1 2 3 4; do sha256sum "$SRC/f$i.pdf" >/dev/null & sums+=($!); done
  for s in "${sums[@]}"; do wait "$s"; done; t1=$(date +%s.%N)
  four=$(mbps "$((4 * SIZE_MB))" "$(echo "$t1 - $t0" | bc)")

  ( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$pid/status; sleep 0.05; done ) >"$DATA/rss-run.txt" &
  sampler=$!
  t0=$(date +%s.%N)
  curls=()
  for i in 1 2 3 4; do
    curl -fsS -o "$DATA/resp$i.json" -H "$AUTH" -F "proveedor_id=$PROVIDER" -F "tipo_costo=OTRO" \
      -F "files[]=@$SRC/f$i.pdf;type=application/pdf" "localhost:$PORT/api/invoices/upload/" &
    curls+=($!)
  done
  for c in "${curls[@]}"; do wait "$c" || true; done
  t1=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  for i in 1 2 3 4; do
    grep -q '"processed":1' "$DATA/resp$i.json" || { echo "upload $i failed: $(cat "$DATA/resp$i.json")"; exit 1; }
  done
  up=$(mbps "$((4 * SIZE_MB))" "$(echo "$t1 - $t0" | bc)")
  peak=$(sort -n "$DATA/rss-run.txt" | tail -1)
  echo "run $run: sha256sum 1 file $one MB/s, 4 files at once $four MB/s; 4 concurrent uploads $up MB/s total" \
       "($(echo "$t1 - $t0" | bc | cut -c1-6) s), peak VmRSS $((peak / 1024)) MB"
  echo "$one" >>"$DATA/one.txt"; echo "$four" >>"$DATA/four.txt"; echo "$up" >>"$DATA/upload.txt"
  echo "$peak" >>"$DATA/rss.txt"
done
echo "== median of $RUNS: sha256sum 1 file $(median <"$DATA/one.txt") MB/s, 4 at once $(median <"$DATA/four.txt") MB/s;" \
     "4 concurrent ${SIZE_MB} MB uploads $(median <"$DATA/upload.txt") MB/s total;" \
     "peak VmRSS $(( $(median <"$DATA/rss.txt" | cut -d. -f1) / 1024 )) MB"
echo "== VmHWM $(awk '/VmHWM/ {print $2}' /proc/$pid/status) kB; blobs stored: $(find "$DATA/files" -type f -not -path "$DATA/files/tmp/*" | wc -l)"
