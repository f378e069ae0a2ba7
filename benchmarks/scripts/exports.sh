#!/usr/bin/env bash
# Invoice export over HTTP from the jar vs PostgreSQL's own COPY of the same query, and server RSS.
# Builds the jar (unless SKIP_BUILD=1), seeds INVOICES invoices (default 200,000) and OTS OTs into a fresh embedded
# database in a temp dir, starts the server with benchmarks/scripts/jvm-options, logs in as admin and measures, RUNS
# times each (default 3): CSV over HTTP, XLSX over HTTP, COPY (query) TO STDOUT WITH CSV through psql, and 4 concurrent
# XLSX exports. Prints every run, the medians and the machine. Peak RSS = the highest VmRSS of the Java process sampled
# every 50 ms during the download (VmHWM at the end is printed too; it is the process lifetime's high-water mark).
# The server runs with TIMEOUT=600 (worker task limit): with the default 120 s, 4 concurrent 200k-row XLSX exports on a
# loaded 2-core machine are cut at 120 s (statement cancelled, body truncated). Each downloaded file's size is checked.
# Usage: benchmarks/scripts/exports.sh   (env: RUNS, INVOICES, OTS, PORT, SKIP_BUILD, KEEP_DATA, TIMEOUT,
#        REUSE_DATA=dir of an earlier KEEP_DATA run to skip seeding)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
INVOICES=${INVOICES:-200000}
OTS=${OTS:-50000}
PORT=${PORT:-8097}
JAR=server/target/nextops-server.jar
OPTS=$(cat benchmarks/scripts/jvm-options)
export MALLOC_ARENA_MAX=2   # documented with the JVM options (docs/deploy.md)
DATA=${REUSE_DATA:-$(mktemp -d /tmp/nextops-exports-bench.XXXXXX)}
PASS=${NEXTOPS_ADMIN_PASSWORD:-"bench-$(date +%s)-Aa1!"}
[ -n "${REUSE_DATA:-}" ] && PASS=$(cat "$DATA/admin-password")
echo "$PASS" >"$DATA/admin-password"
TIMEOUT=${TIMEOUT:-600}
export NEXTOPS_DATA_DIR="$DATA" NEXTOPS_ADMIN_PASSWORD="$PASS" PORT TIMEOUT

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package
echo "== machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $(java -version 2>&1 | sed -n 1p); options: $OPTS"

pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_DATA:-}${REUSE_DATA:-}" ] || rm -rf "$DATA"
}
trap cleanup EXIT

if [ -z "${REUSE_DATA:-}" ]; then
  t0=$(date +%s.%N)
  java $OPTS -jar "$JAR" seed-demo --invoices "$INVOICES" --ots "$OTS" >"$DATA/seed.log" 2>&1 \
    || { cat "$DATA/seed.log"; exit 1; }
  echo "== seeded $INVOICES invoices, $OTS OTs in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi

java $OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "localhost:$PORT/health/ready" >/dev/null
TOKEN=$(curl -fs -X POST "localhost:$PORT/api/token/" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASS\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')

# the embedded PostgreSQL serving this data dir
PGPORT=$(ps -eo args | grep -E "postgres.*$DATA" | grep -oE '(-p|port=) ?[0-9]+' | grep -oE '[0-9]+' | sed -n 1p || true)
if [ -z "$PGPORT" ]; then
  PGPORT=$(grep -oE 'port[" =:]+[0-9]{4,5}' "$DATA/server.log" | grep -oE '[0-9]{4,5}' | sed -n 1p)
fi
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

# sample VmRSS of the server every 50 ms while the given pids run; prints the peak in kB
peak_rss_while() {
  local peak=0 rss
  while kill -0 "$@" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.05
  done
  echo "$peak"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A RATE PEAK
http_run() { # format -> "rows/s peakKB bytes"
  local url="localhost:$PORT/api/invoices/export-excel/?format=$1" out="$DATA/out.$1"
  curl -fs -H "Authorization: Bearer $TOKEN" -o "$out" -w '%{time_total}\n' "$url" >"$DATA/time.$1" &
  local c=$!
  local peak; peak=$(peak_rss_while $c)
  wait $c
  local t; t=$(cat "$DATA/time.$1")
  echo "$(echo "$INVOICES / $t" | bc) $peak $(stat -c %s "$out") $t"
}
copy_run() {
  local t0 t
  t0=$(date +%s.%N)
  PGPASSWORD=postgres psql -h localhost -p "$PGPORT" -U postgres -d postgres -X -q \
    -c "COPY ($EXPORT_SQL) TO STDOUT WITH CSV" >"$DATA/out.copy"
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  echo "$(echo "$INVOICES / $t" | bc) 0 $(stat -c %s "$DATA/out.copy") $t"
}

for run in $(seq 1 "$RUNS"); do
  for kind in copy csv xlsx; do
    if [ "$kind" = copy ]; then r=$(copy_run); else r=$(http_run "$kind"); fi
    set -- $r
    echo "run $run $kind: $1 rows/s, ${4} s, $3 bytes, peak VmRSS $2 kB"
    RATE[$kind]+="$1 "; PEAK[$kind]+="$2 "
  done
  # 4 concurrent XLSX exports
  pids=()
  t0=$(date +%s.%N)
  for k in 1 2 3 4; do
    curl -fs -H "Authorization: Bearer $TOKEN" -o "$DATA/conc.$k" "localhost:$PORT/api/invoices/export-excel/" &
    pids+=($!)
  done
  peak=$(peak_rss_while "${pids[@]}")
  for p in "${pids[@]}"; do wait "$p"; done
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  for k in 1 2 3 4; do # a truncated body would be smaller than the single XLSX download (same rows, same styles)
    [ "$(stat -c %s "$DATA/conc.$k")" -ge "$(( $(stat -c %s "$DATA/out.xlsx") - 64 ))" ] \
      || echo "WARNING: concurrent export $k is truncated: $(stat -c %s "$DATA/conc.$k") bytes"
  done
  echo "run $run 4x xlsx: ${t} s for all four ($(echo "4 * $INVOICES / $t" | bc) rows/s together), peak VmRSS $peak kB"
  PEAK[conc]+="$peak "; RATE[conc]+="$(echo "4 * $INVOICES / $t" | bc) "
done

echo "== medians over $RUNS runs ($INVOICES invoices)"
for kind in copy csv xlsx conc; do
  r=$(echo "${RATE[$kind]}" | tr ' ' '\n' | grep . | median)
  p=$(echo "${PEAK[$kind]}" | tr ' ' '\n' | grep . | median)
  echo "$kind: $r rows/s, peak VmRSS $((p / 1024)) MB"
done
csv=$(echo "${RATE[csv]}" | tr ' ' '\n' | grep . | median); copy=$(echo "${RATE[copy]}" | tr ' ' '\n' | grep . | median)
echo "csv / copy: $(echo "scale=2; $csv / $copy" | bc)"
echo "server VmHWM (lifetime peak): $(awk '/VmHWM/ {print $2}' /proc/$pid/status) kB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -c '"export' "$DATA/server.log" >/dev/null 2>&1 || true
