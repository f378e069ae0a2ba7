#!/usr/bin/env bash
# The hot paths of issue 15 against the running jar and their physical ceilings, in one run, median of RUNS (3):
#   list   GET /api/invoices/?page_size=25 with wrk: req/s and p99 at 32 connections, p99 at 4 connections
#   xlsx   200k-invoice and 50k-OT XLSX downloads (seconds)
#   csv    200k-invoice CSV download vs PostgreSQL's `COPY (the same query) TO STDOUT CSV` through psql (ceiling)
#   upload 4 concurrent 50 MB uploads (MB/s total); one 200 MB upload vs `openssl dgst -sha256` of the same file
# Seeds INVOICES (200000) invoices and OTS (50000) OTs into a fresh embedded database in a temp dir (or reuses
# REUSE_DATA, a directory kept by an earlier KEEP_DATA=1 run), starts the server as README.md says, through the
# launcher bin/nextops-server at MEMORY_BUDGET_MB (256), logs in as admin and prints every run and one table of medians.
# Run it alone on the machine: flock /tmp/bench.lock benchmarks/scripts/side-by-side.sh
# Env: RUNS, INVOICES, OTS, PORT (8099), MEMORY_BUDGET_MB (256), SKIP_BUILD, DIST (a copy of the distribution to run),
#      KEEP_DATA, REUSE_DATA, LIST_SECONDS (10).
# Needs wrk, psql, openssl, bc (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
INVOICES=${INVOICES:-200000}
OTS=${OTS:-50000}
PORT=${PORT:-8099}
LIST_SECONDS=${LIST_SECONDS:-10}
export MEMORY_BUDGET_MB=${MEMORY_BUDGET_MB:-256}
. benchmarks/scripts/lib.sh
install_missing wrk:wrk psql:postgresql-client openssl:openssl curl:curl bc:bc
DATA=${REUSE_DATA:-$(mktemp -d /tmp/nextops-side-by-side.XXXXXX)}
if [ -n "${REUSE_DATA:-}" ]; then PASS=$(cat "$DATA/admin-password"); else PASS="bench-$(date +%s)-Aa1!"; fi
echo "$PASS" >"$DATA/admin-password"
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="$PASS" PORT TIMEOUT=600 LOG_LEVEL=WARNING ACCESS_LOG=false
export UPLOAD_MAX_FILE_MB=201 UPLOAD_MAX_FILES=4

find_launcher
echo "== machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== load at start: $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | sed -n 1p)"
echo "== launcher: $LAUNCHER, MEMORY_BUDGET_MB=$MEMORY_BUDGET_MB ($("$LAUNCHER" jvm-options | sed -n 's/^JVM_OPTIONS=//p'))"

pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$DATA/src" "$DATA"/out.* "$DATA"/resp*
  [ -n "${KEEP_DATA:-}${REUSE_DATA:-}" ] || rm -rf "$DATA"
}
trap cleanup EXIT

if [ -z "${REUSE_DATA:-}" ]; then
  t0=$(date +%s.%N)
  "$LAUNCHER" seed-demo --invoices "$INVOICES" --ots "$OTS" >"$DATA/seed.log" 2>&1 \
    || { cat "$DATA/seed.log"; exit 1; }
  echo "== seeded $INVOICES invoices, $OTS OTs in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi

"$LAUNCHER" serve >"$DATA/server.log" 2>&1 &
pid=$!
login_and_provider
PGPORT=$(ps -eo args | grep -E "postgres.*$DATA" | grep -oE '(-p|port=) ?[0-9]+' | grep -oE '[0-9]+' | sed -n 1p || true)
[ -n "$PGPORT" ] || PGPORT=$(grep -oE 'port[" =:]+[0-9]{4,5}' "$DATA/server.log" | grep -oE '[0-9]{4,5}' | sed -n 1p)
echo "== server pid $pid, embedded PostgreSQL port $PGPORT, idle VmRSS $(awk '/VmRSS/ {print $2}' /proc/$pid/status) kB"

# The statement the invoice export runs (InvoiceSql: joined columns, live rows, default order), for COPY.
EXPORT_SQL="SELECT i.id, i.ot_id, i.ot_number, i.proveedor_id, i.proveedor_nit, i.proveedor_nombre, i.tipo_proveedor,
 i.proveedor_categoria, i.numero_factura, i.fecha_emision, i.tipo_pago, i.dias_credito_aplicado, i.fecha_vencimiento,
 i.alerta_vencimiento, i.monto_original, i.monto, i.monto_aplicable, i.tipo_costo, i.referencias_detectadas::text,
 i.confianza_match, i.assignment_method, i.requiere_revision, i.estado_provision, i.fecha_provision,
 i.estado_facturacion, i.fecha_facturacion, i.estado_pago, i.monto_pagado, i.monto_pendiente, i.fecha_pago,
 i.uploaded_file_id, i.processed_at, i.processed_by, i.processing_source, i.notas, i.created_at, i.updated_at,
 o.numero_ot, c.normalized_name, o.master_bl, o.contenedores::text, op.nombre, o.barco, p.nombre, ct.name
 FROM invoices_invoice i LEFT JOIN ots o ON o.id = i.ot_id LEFT JOIN client_aliases c ON c.id = o.cliente_id
 LEFT JOIN catalogs_provider op ON op.id = o.proveedor_id LEFT JOIN catalogs_provider p ON p.id = i.proveedor_id
 LEFT JOIN catalogs_cost_type ct ON ct.code = i.tipo_costo AND ct.is_active AND NOT ct.is_deleted
 WHERE i.is_deleted = false
 ORDER BY i.provision_priority, i.fecha_emision DESC, i.created_at DESC, i.id DESC"

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A R
add() { R[$1]+="$2 "; }
med() { echo "${R[$1]:-}" | tr ' ' '\n' | grep . | median; }
ms() { # wrk latency ("1.23ms", "850.00us", "1.02s") -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
wrk_run() { # connections -> "req/s p50ms p99ms"
  local out; out=$(wrk -t2 -c"$1" -d"${LIST_SECONDS}s" --latency -H "$AUTH" \
    "http://localhost:$PORT/api/invoices/?page_size=25")
  grep -q "Non-2xx" <<<"$out" && { echo "wrk: non-2xx responses"; echo "$out"; exit 1; }
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
       "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
}
download() { # url file -> seconds
  curl -fsS -H "$AUTH" -o "$2" -w '%{time_total}\n' "localhost:$PORT$1"
}
copy_csv() {
  local t0; t0=$(now)
  PGPASSWORD=postgres psql -h localhost -p "$PGPORT" -U postgres -d postgres -X -q \
    -c "COPY ($EXPORT_SQL) TO STDOUT WITH CSV" >"$DATA/out.copy"
  since "$t0"
}
upload() { # file... -> seconds for all at once
  local t0 curls=() k=0; t0=$(now)
  for f in "$@"; do
    k=$((k + 1))
    curl -fsS -o "$DATA/resp$k.json" -H "$AUTH" -F "proveedor_id=$PROVIDER" -F "tipo_costo=OTRO" \
      -F "files[]=@$f;type=application/pdf" "localhost:$PORT/api/invoices/upload/" &
    curls+=($!)
  done
  for c in "${curls[@]}"; do wait "$c"; done
  since "$t0"
  for j in $(seq 1 $k); do grep -q '"processed":1' "$DATA/resp$j.json" || { echo "upload failed: $(cat "$DATA/resp$j.json")" >&2; exit 1; }; done
}
newfile() { { printf '%%PDF-1.7\n'; head -c $(($2 * 1048576 - 9)) /dev/urandom; } >"$1"; }

mkdir -p "$DATA/src"
download "/api/invoices/?page_size=25" /dev/null >/dev/null   # warm-up: JIT, pool, count cache
wrk -t2 -c32 -d3s -H "$AUTH" "http://localhost:$PORT/api/invoices/?page_size=25" >/dev/null
for run in $(seq 1 "$RUNS"); do
  set -- $(wrk_run 32); add rps32 "$1"; add p50_32 "$2"; add p99_32 "$3"
  echo "run $run list 32 conns: $1 req/s, p50 $2 ms, p99 $3 ms (load $(cut -d' ' -f1 /proc/loadavg))"
  set -- $(wrk_run 4); add rps4 "$1"; add p99_4 "$3"
  echo "run $run list 4 conns: $1 req/s, p50 $2 ms, p99 $3 ms"

  t=$(download "/api/invoices/export-excel/" "$DATA/out.xlsx"); add xlsx_inv "$t"
  echo "run $run 200k-invoice XLSX: $t s, $(stat -c %s "$DATA/out.xlsx") bytes"
  t=$(download "/api/ots/export-excel/" "$DATA/out.ots.xlsx"); add xlsx_ots "$t"
  echo "run $run 50k-OT XLSX: $t s, $(stat -c %s "$DATA/out.ots.xlsx") bytes"
  t=$(download "/api/invoices/export-excel/?format=csv" "$DATA/out.csv"); add csv "$t"
  c=$(copy_csv); add copy "$c"
  echo "run $run 200k-invoice CSV: $t s ($(stat -c %s "$DATA/out.csv") bytes); COPY: $c s ($(stat -c %s "$DATA/out.copy") bytes)"

  for i in 1 2 3 4; do newfile "$DATA/src/q$i.pdf" 50; done
  t=$(upload "$DATA"/src/q?.pdf); add up4 "$(echo "scale=1; 200 / $t" | bc)"
  echo "run $run 4 x 50 MB uploads: $t s, $(echo "scale=1; 200 / $t" | bc) MB/s"
  newfile "$DATA/src/big.pdf" 200
  t0=$(now); openssl dgst -sha256 "$DATA/src/big.pdf" >/dev/null; o=$(since "$t0")
  t=$(upload "$DATA/src/big.pdf")
  add up1 "$(echo "scale=1; 200 / $t" | bc)"; add ossl "$(echo "scale=1; 200 / $o" | bc)"
  echo "run $run 200 MB upload: $(echo "scale=1; 200 / $t" | bc) MB/s; openssl dgst -sha256: $(echo "scale=1; 200 / $o" | bc) MB/s"
  rm -f "$DATA"/src/*
done

pct() { echo "scale=0; 100 * $1 / $2" | bc; }
echo
echo "== medians of $RUNS runs; load at end: $(cut -d' ' -f1-3 /proc/loadavg); server VmHWM $(awk '/VmHWM/ {print $2}' /proc/$pid/status) kB"
echo "| scenario | this run | ceiling (same run) | goal |"
echo "| --- | --- | --- | --- |"
echo "| list, page_size 25, 32 connections | $(med rps32) req/s, p50 $(med p50_32) ms, p99 $(med p99_32) ms | | >= 500 req/s |"
echo "| list, page_size 25, 4 connections | $(med rps4) req/s, p99 $(med p99_4) ms | | p99 < 25 ms |"
echo "| 200k-invoice XLSX | $(med xlsx_inv) s | | < 4 s |"
echo "| 50k-OT XLSX | $(med xlsx_ots) s | | < 1 s |"
echo "| 200k-invoice CSV | $(med csv) s | COPY $(med copy) s: $(pct "$(med copy)" "$(med csv)")% of COPY | >= 70% of COPY |"
echo "| 4 x 50 MB uploads | $(med up4) MB/s | | >= 1.5 x original (174 MB/s): 261 MB/s |"
echo "| one 200 MB upload | $(med up1) MB/s | openssl dgst -sha256 $(med ossl) MB/s: $(pct "$(med up1)" "$(med ossl)")% | >= 80% of openssl |"
