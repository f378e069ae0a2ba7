#!/usr/bin/env bash
# Two server instances behind HAProxy on one PostgreSQL and one S3-compatible store (issue 18's scenario).
#
# Starts the embedded PostgreSQL (`nextops-server.jar embedded-db`), seeds it, starts s3proxy (the S3-compatible
# server the S3 store's integration tests use; filesystem backend) with one bucket, two instances through the
# launcher (BLOB_STORE=s3, same DATABASE_URL and JWT_SECRET), and HAProxy in front (health check /health/ready every
# second, down after 2 failures). Then:
#   1. dedup across instances: the same file is uploaded to both instances directly, at the same moment, ROUNDS times;
#   2. the mixed load (MixedLoad: exports, 5-50 MB uploads, list/detail traffic) through the balancer, every upload's
#      outcome logged (--ack-log); halfway, instance 1 is killed with SIGKILL while it has an upload in flight (waits
#      up to 15 s for one of its spool files while a multipart upload is open in the bucket, likely its transfer to S3,
#      else up to 5 s more for any spool file of it), and a probe sends a list request through the balancer every 0.25 s;
#   3. checks: every acknowledged upload's row is present with its digest and size, one row and one object per digest,
#      the object's content has the digest; every object has its row and every row its object; no multipart upload
#      left open (ListMultipartUploads) and no other file under the bucket's directory; the balancer marked the killed
#      instance down and requests through it succeed afterwards (and uploads are acknowledged); files stored before
#      the kill download through the survivor with their digest.
# The instances run with S3_SWEEP_INTERVAL=5 (--sweep-s; the default is 60): a multipart upload the SIGKILL cut is
# aborted by the survivor's sweeper once PostgreSQL has dropped the dead instance's digest lock. After the load ends,
# the script waits two sweep intervals (so that a sweep started after the last upload has finished) before it checks
# for multipart leftovers, and reports the aborts the survivor logged (LOG_LEVEL=INFO: the sweeper logs each abort
# at INFO).
# Prints a summary table. Exit status: 0 PASS, 1 FAIL, 2 cannot run (tools, build, start-up).
#
# Installs what it misses with apt-get (haproxy, awscli, postgresql-client, jq, curl; needs root then). Loopback only.
# Usage: flock /tmp/bench.lock benchmarks/scripts/two-instances.sh [--duration S] [--invoices N] [--ots M]
#            [--upload-min-mb A] [--upload-max-mb B] [--rounds R] [--dedup-mb D] [--failover-max-s F]
#            [--sweep-s W] [--keep]
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=75
INVOICES=3000
OTS=1000   # MixedLoad pages OT lists up to page 40 of 25
UPLOAD_MIN_MB=5
UPLOAD_MAX_MB=50
ROUNDS=3
DEDUP_MB=20
FAILOVER_MAX_S=10
BUDGET_MB=256
SWEEP_S=5
KEEP=false
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --invoices) INVOICES=$2; shift 2 ;;
    --ots) OTS=$2; shift 2 ;;
    --upload-min-mb) UPLOAD_MIN_MB=$2; shift 2 ;;
    --upload-max-mb) UPLOAD_MAX_MB=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --dedup-mb) DEDUP_MB=$2; shift 2 ;;
    --failover-max-s) FAILOVER_MAX_S=$2; shift 2 ;;
    --sweep-s) SWEEP_S=$2; shift 2 ;;
    --keep) KEEP=true; shift ;;
    *) echo "unknown option $1" >&2; sed -n '2,28p' "$0" >&2; exit 2 ;;
  esac
done

log() { printf '[two-instances %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "CANNOT RUN: $*"; exit 2; }
now_ms() { date +%s%3N; }

# ---- tools ------------------------------------------------------------------------------------------------------
APT_UPDATED=false
need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || die "$1 is missing and installing $2 needs root"
  if ! $APT_UPDATED; then apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"; APT_UPDATED=true; fi
  log "installing $2 (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || die "apt-get install $2 failed"
  command -v "$1" >/dev/null 2>&1 || die "$2 installed but $1 is not on the PATH"
}
need haproxy haproxy
need psql postgresql-client
need jq jq
need curl curl
need java default-jre-headless
# the Debian AWS CLI; another `aws` on the PATH (pip, pyenv) is used only when it runs
if [ -x /usr/bin/aws ]; then AWS_BIN=/usr/bin/aws
elif command -v aws >/dev/null 2>&1 && aws --version >/dev/null 2>&1; then AWS_BIN=$(command -v aws)
else need aws awscli; AWS_BIN=$(command -v aws); fi

# ---- jars (copied: others rebuild target/ while we run) ------------------------------------------------------------
WORK=$(mktemp -d /tmp/nextops-two.XXXXXX)
DIST_SRC=$(ls -d server/target/nextops-server-*/ 2>/dev/null | sed -n 1p)
if [ -z "$DIST_SRC" ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
  log "building the distribution and benchmarks.jar (mvn -B -q -o package -DskipTests)"
  mvn -B -q -o package -DskipTests -pl server,benchmarks -am || die "build failed"
  DIST_SRC=$(ls -d server/target/nextops-server-*/ | sed -n 1p)
fi
cp server/target/nextops-server.jar "$WORK/server.jar"
cp benchmarks/target/benchmarks.jar "$WORK/benchmarks.jar"
cp -r "$DIST_SRC" "$WORK/dist"
rm -f "$WORK/dist/lib/nextops-server.jsa"   # built for another path: the launcher would skip it anyway
LAUNCHER=$WORK/dist/bin/nextops-server
S3PROXY_VERSION=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml | sed -n 1p)
[ -n "$S3PROXY_VERSION" ] || die "no s3proxy.version in pom.xml (is the S3 store merged?)"
S3PROXY_JAR=$HOME/.m2/repository/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
if [ -f server/target/s3proxy/s3proxy.jar ]; then S3PROXY_JAR=server/target/s3proxy/s3proxy.jar
elif [ ! -f "$S3PROXY_JAR" ]; then
  log "fetching s3proxy $S3PROXY_VERSION (mvn dependency:copy)"
  mvn -B -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$WORK" >/dev/null || die "cannot fetch org.gaul:s3proxy:$S3PROXY_VERSION"
  S3PROXY_JAR=$WORK/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
fi
cp "$S3PROXY_JAR" "$WORK/s3proxy.jar"

PIDS=()   # every process started here, stopped in reverse order
PG_PID=""
cleanup() {
  set +e
  touch "$WORK/stop-probe" 2>/dev/null
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    p=${PIDS[$i]}
    kill -0 "$p" 2>/dev/null && kill -TERM "$p" 2>/dev/null
  done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  done
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -TERM "$PG_PID"; for _ in $(seq 1 30); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$PG_PID" 2>/dev/null
  fi
  if [ "$KEEP" = true ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
wait_http() { # wait_http URL PID SECONDS: any answer with status 200
  for _ in $(seq 1 $(($3 * 4))); do
    curl -fs -m 2 "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

MACHINE="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | sed -n 1p)), $(free -g | awk '/^Mem:/ {print $2}') GB, $(java -version 2>&1 | sed -n 1p)"
log "machine: $MACHINE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "haproxy $(haproxy -v | sed -n 's/HAProxy version \([^ ]*\).*/\1/p'), $($AWS_BIN --version 2>&1 | cut -d' ' -f1), s3proxy $S3PROXY_VERSION"

# ---- PostgreSQL ---------------------------------------------------------------------------------------------------
PG_PORT=$(free_port)
mkdir -p "$WORK/pgdata"
NEXTOPS_DATA_DIR=$WORK/pgdata java -Xmx64m -jar "$WORK/server.jar" embedded-db --port "$PG_PORT" >"$WORK/pg.log" 2>&1 &
PG_PID=$!
DATABASE_URL=""
for _ in $(seq 1 240); do
  DATABASE_URL=$(sed -n 's/^DATABASE_URL=//p' "$WORK/pg.log" | sed -n 1p)
  [ -n "$DATABASE_URL" ] && break
  kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/pg.log"; die "embedded-db exited"; }
  sleep 0.5
done
[ -n "$DATABASE_URL" ] || die "embedded-db printed no DATABASE_URL"
export DATABASE_URL
export JWT_SECRET="two-instances-jwt-$RANDOM$RANDOM-0123456789abcdefghijklmnop"
sql() { psql "$DATABASE_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1" </dev/null; }
log "PostgreSQL on 127.0.0.1:$PG_PORT; seeding $INVOICES invoices and $OTS OTs"
java -Xmx256m -jar "$WORK/server.jar" seed-demo --invoices "$INVOICES" --ots "$OTS" >"$WORK/seed.log" 2>&1 \
  || { tail -20 "$WORK/seed.log"; die "seed-demo failed"; }
sql "SELECT 1" >/dev/null || die "psql cannot reach $DATABASE_URL"
SEEDED_FILES=$(sql "SELECT count(*) FROM invoices_uploaded_file")

# ---- s3proxy and the bucket ----------------------------------------------------------------------------------------
S3_PORT=$(free_port)
S3_BASE=$WORK/s3data
BUCKET=nextops-two
PREFIX=invoices
export AWS_ACCESS_KEY_ID=two-instances-key AWS_SECRET_ACCESS_KEY="two-instances-secret-$RANDOM$RANDOM"
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
export AWS_CONFIG_FILE=$WORK/aws-config AWS_SHARED_CREDENTIALS_FILE=$WORK/aws-credentials
printf '[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n' >"$AWS_CONFIG_FILE"
: >"$AWS_SHARED_CREDENTIALS_FILE"
mkdir -p "$S3_BASE"
cat >"$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_BASE
EOF
java -Xmx256m -XX:+UseSerialGC -jar "$WORK/s3proxy.jar" --properties "$WORK/s3proxy.conf" >"$WORK/s3proxy.log" 2>&1 &
S3_PID=$!; PIDS+=("$S3_PID")
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$S3_PORT/" 2>/dev/null)" != 000 ] && break
  kill -0 "$S3_PID" 2>/dev/null || { tail -20 "$WORK/s3proxy.log"; die "s3proxy exited"; }
  sleep 0.25
done
s3api() { "$AWS_BIN" --endpoint-url "http://127.0.0.1:$S3_PORT" s3api "$@"; }
s3api create-bucket --bucket "$BUCKET" >/dev/null || { tail -20 "$WORK/s3proxy.log"; die "cannot create bucket"; }
log "s3proxy on 127.0.0.1:$S3_PORT (filesystem backend $S3_BASE), bucket $BUCKET, prefix $PREFIX"

# ---- two instances -------------------------------------------------------------------------------------------------
PASSWORD=two-$RANDOM$RANDOM-Aa1
P1=$(free_port); P2=$(free_port)
while [ "$P2" = "$P1" ]; do P2=$(free_port); done
start_instance() { # start_instance N PORT
  mkdir -p "$WORK/i$1"
  env NEXTOPS_DATA_DIR="$WORK/i$1" UPLOAD_DIR="$WORK/i$1/files" PORT="$2" HOST=127.0.0.1 \
      DATABASE_URL="$DATABASE_URL" JWT_SECRET="$JWT_SECRET" NEXTOPS_ADMIN_PASSWORD="$PASSWORD" \
      BLOB_STORE=s3 S3_ENDPOINT="http://127.0.0.1:$S3_PORT" S3_BUCKET="$BUCKET" S3_REGION=us-east-1 \
      S3_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" S3_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" S3_PATH_STYLE=true \
      S3_PREFIX="$PREFIX" S3_SWEEP_INTERVAL="$SWEEP_S" MEMORY_BUDGET_MB="$BUDGET_MB" TRUSTED_PROXIES=127.0.0.1/32 \
      UPLOAD_MAX_FILE_MB=$((UPLOAD_MAX_MB > DEDUP_MB ? UPLOAD_MAX_MB + 1 : DEDUP_MB + 1)) UPLOAD_MAX_FILES=4 \
      TIMEOUT=300 LOG_FORMAT=text LOG_LEVEL=INFO ACCESS_LOG=false JAVA_OPTS= \
      "$LAUNCHER" serve >"$WORK/i$1.log" 2>&1 &
}
start_instance 1 "$P1"; I1_PID=$!; PIDS+=("$I1_PID")
start_instance 2 "$P2"; I2_PID=$!; PIDS+=("$I2_PID")
wait_http "http://127.0.0.1:$P1/health/ready" "$I1_PID" 120 || { tail -30 "$WORK/i1.log"; die "instance 1 did not become ready"; }
wait_http "http://127.0.0.1:$P2/health/ready" "$I2_PID" 120 || { tail -30 "$WORK/i2.log"; die "instance 2 did not become ready"; }
log "instance 1 pid $I1_PID on 127.0.0.1:$P1, instance 2 pid $I2_PID on 127.0.0.1:$P2 (BLOB_STORE=s3, S3_SWEEP_INTERVAL=$SWEEP_S, MEMORY_BUDGET_MB=$BUDGET_MB)"

# ---- HAProxy -------------------------------------------------------------------------------------------------------
LB=$(free_port); STATS=$(free_port)
cat >"$WORK/haproxy.cfg" <<EOF
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 10m
  timeout server 10m
  timeout http-request 30s
  option forwardfor
  option redispatch
  retries 2
frontend api
  bind 127.0.0.1:$LB
  default_backend servers
backend servers
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  server s1 127.0.0.1:$P1 check
  server s2 127.0.0.1:$P2 check
listen stats
  bind 127.0.0.1:$STATS
  stats enable
  stats uri /stats
EOF
haproxy -c -q -f "$WORK/haproxy.cfg" || die "haproxy refused its configuration"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HA_PID=$!; PIDS+=("$HA_PID")
stat_of() { # stat_of SERVER FIELD(1-based CSV column): 18 status, 5 current sessions
  curl -s -m 2 "http://127.0.0.1:$STATS/stats;csv" | awk -F, -v s="$1" -v f="$2" '$1=="servers" && $2==s {print $f}'
}
for _ in $(seq 1 40); do
  [ "$(stat_of s1 18)" = UP ] && [ "$(stat_of s2 18)" = UP ] && break
  sleep 0.25
done
[ "$(stat_of s1 18)" = UP ] && [ "$(stat_of s2 18)" = UP ] || { cat "$WORK/haproxy.log"; die "haproxy does not see both instances UP"; }
LB_URL=http://127.0.0.1:$LB
log "HAProxy pid $HA_PID on $LB_URL (roundrobin, check /health/ready every 1 s, down after 2 failures), stats on :$STATS"

TOKEN=$(curl -fs -m 10 -X POST "$LB_URL/api/token/" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | jq -r .access) || die "cannot log in through the balancer"
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no access token"
AUTH="Authorization: Bearer $TOKEN"
PROVIDER=$(curl -fs -m 10 -X POST "$LB_URL/api/catalogs/providers/" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"nombre":"Naviera Two Instances","tipo":"naviera","categoria":"internacional"}' | jq -r .id) \
  || die "cannot create a provider"

# ---- 1. dedup across instances ---------------------------------------------------------------------------------------
log "dedup across instances: $ROUNDS rounds, one ${DEDUP_MB} MB file sent to both instances at once"
DEDUP_OK=0
DEDUP_DETAIL=""
: >"$WORK/dedup-digests"
for r in $(seq 1 "$ROUNDS"); do
  f=$WORK/dedup-$r.pdf
  { printf '%%PDF-1.7\n'; head -c $((DEDUP_MB * 1048576 - 9)) /dev/urandom; } >"$f"
  digest=$(sha256sum "$f" | cut -d' ' -f1)
  echo "$digest" >>"$WORK/dedup-digests"
  pids=()
  for n in 1 2; do
    port=$P1; [ "$n" = 2 ] && port=$P2
    curl -s -m 120 -o "$WORK/dedup-$r-$n.json" -w '%{http_code}' -H "$AUTH" -F "proveedor_id=$PROVIDER" \
      -F "tipo_costo=OTRO" -F "files[]=@$f;type=application/pdf" "http://127.0.0.1:$port/api/invoices/upload/" \
      >"$WORK/dedup-$r-$n.status" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  s1=$(cat "$WORK/dedup-$r-1.status"); s2=$(cat "$WORK/dedup-$r-2.status")
  processed=$(( $(jq -r '.processed // 0' "$WORK/dedup-$r-1.json" 2>/dev/null || echo 0) + $(jq -r '.processed // 0' "$WORK/dedup-$r-2.json" 2>/dev/null || echo 0) ))
  dups=$(( $(jq -r '.duplicates // 0' "$WORK/dedup-$r-1.json" 2>/dev/null || echo 0) + $(jq -r '.duplicates // 0' "$WORK/dedup-$r-2.json" 2>/dev/null || echo 0) ))
  rows=$(sql "SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = '$digest'")
  invoices=$(sql "SELECT count(*) FROM invoices_invoice i JOIN invoices_uploaded_file f ON f.id = i.uploaded_file_id WHERE f.sha256 = '$digest'")
  objects=$(s3api list-objects-v2 --bucket "$BUCKET" --prefix "$PREFIX/" --output json | jq -r '.Contents[]?.Key' | grep -c "/$digest\$" || true)
  line="round $r: HTTP $s1/$s2, processed $processed, duplicates $dups, rows $rows, invoices $invoices, objects $objects"
  log "  $line"
  if [ "$s1" = 200 ] && [ "$s2" = 200 ] && [ "$processed" = 1 ] && [ "$dups" = 1 ] && [ "$rows" = 1 ] \
     && [ "$invoices" = 1 ] && [ "$objects" = 1 ]; then
    DEDUP_OK=$((DEDUP_OK + 1))
  else
    DEDUP_DETAIL="$DEDUP_DETAIL; $line"
  fi
  rm -f "$f"
done

# ---- 2. mixed load through the balancer, instance 1 killed halfway -----------------------------------------------------
KILL_AT=$((DURATION * 45 / 100))
log "mixed load through the balancer for $DURATION s (uploads ${UPLOAD_MIN_MB}-${UPLOAD_MAX_MB} MB); SIGKILL of instance 1 at ~${KILL_AT} s"
LOAD_T0=$(now_ms)
java -Xmx128m -cp "$WORK/benchmarks.jar" io.nextops.benchmarks.load.MixedLoad --url "$LB_URL" --user admin \
  --password "$PASSWORD" --duration "$DURATION" --grace 60 --csv-exporters 1 --xlsx-exporters 1 --uploaders 2 \
  --upload-min-mb "$UPLOAD_MIN_MB" --upload-max-mb "$UPLOAD_MAX_MB" --max-uploads 400 --max-exports 40 \
  --list-rps 10 --provider-id "$PROVIDER" --ack-log "$WORK/acks.log" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!; PIDS+=("$LOAD_PID")

sleep "$KILL_AT"
spools=0; PHASE="receiving (spool file)"
# up to 15 s for instance 1 to hold a spool file while a multipart upload is open in the bucket (most likely its own
# transfer to S3: the phase that leaves leftovers), else up to 5 s more for any upload in flight on it (a spool file)
for i in $(seq 1 80); do
  spools=$(find "$WORK/i1/files/tmp" -type f 2>/dev/null | wc -l)
  if [ "$spools" -gt 0 ] && [ -n "$(find "$S3_BASE/$BUCKET" -path '*.mpus-*' -type f -print -quit 2>/dev/null)" ]; then
    PHASE="sending to S3 (spool file + open multipart upload)"; break
  fi
  [ "$i" -gt 60 ] && [ "$spools" -gt 0 ] && break
  sleep 0.25
done
SESSIONS_AT_KILL=$(stat_of s1 5)
KILL_MS=$(now_ms)
kill -KILL "$I1_PID"
log "SIGKILL instance 1 (pid $I1_PID) at +$(( (KILL_MS - LOAD_T0) / 1000 )) s: $SESSIONS_AT_KILL request(s) in flight through the balancer, $spools spool file(s), phase: $PHASE"

# probe: a list request through the balancer every 0.25 s, with the balancer's view of instance 1, until the load ends
( end=$(( $(now_ms) + (DURATION + 90) * 1000 ))
  while [ ! -f "$WORK/stop-probe" ] && [ "$(now_ms)" -lt "$end" ]; do
    t=$(now_ms)
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "$AUTH" "$LB_URL/api/invoices/?page_size=1" 2>/dev/null || true)
    echo "$t ${code:-000} $(stat_of s1 18 | cut -d' ' -f1)"
    sleep 0.25
  done ) >"$WORK/probe.log" &
PROBE_PID=$!; PIDS+=("$PROBE_PID")

set +e
{ wait "$LOAD_PID"; LOAD_STATUS=$?; } 2>/dev/null   # (bash would report the killed instance's job here)
set -e
touch "$WORK/stop-probe"; wait "$PROBE_PID" 2>/dev/null || true
LOAD_END=$(now_ms)
wait "$I1_PID" 2>/dev/null || true
SURVIVOR_ALIVE=false; kill -0 "$I2_PID" 2>/dev/null && SURVIVOR_ALIVE=true
sed -n '/=== mixed load report/,$p' "$WORK/load.log" | sed 's/^/[load] /' || true

# ---- 3. checks -------------------------------------------------------------------------------------------------------
# the survivor's sweeper aborts what the kill left open: wait until a sweep that started after the last upload is done
if [ "$SWEEP_S" -gt 0 ]; then
  log "waiting $((2 * SWEEP_S)) s (two S3_SWEEP_INTERVALs) for the survivor's multipart sweep"
  sleep $((2 * SWEEP_S))
fi
SWEEP_ABORTS=$(grep -c 'aborted unfinished multipart upload' "$WORK/i2.log" || true)
log "checking the database and the bucket"
s3api list-objects-v2 --bucket "$BUCKET" --output json | jq -r '.Contents[]? | "\(.Key) \(.Size)"' | sort >"$WORK/objects.txt"
sql "SELECT path, size, sha256, id FROM invoices_uploaded_file ORDER BY path" | tr '|' ' ' >"$WORK/rows.txt"
OBJECTS=$(wc -l <"$WORK/objects.txt"); ROWS=$(wc -l <"$WORK/rows.txt")

# a) every acknowledged upload: its row (by file_id) with the digest and size sent, one row and one object per digest,
#    the object holding that content
ACKED=$(grep -c '^ACK ' "$WORK/acks.log" || true)
FAILED_UPLOADS=$(grep -c '^FAIL ' "$WORK/acks.log" || true)
DUP_UPLOADS=$(grep -c '^DUP ' "$WORK/acks.log" || true)
ACK_BAD=0; ACK_DETAIL=""
while read -r kind start end status id digest size name; do
  [ "$kind" = ACK ] || continue
  row=$(sql "SELECT sha256 || ' ' || size FROM invoices_uploaded_file WHERE id = $id")
  nrows=$(sql "SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = '$digest'")
  nobj=$(grep -c "/$digest " "$WORK/objects.txt" || true)
  key="$PREFIX/${digest:0:2}/${digest:2:2}/$digest"
  content=""
  [ -f "$S3_BASE/$BUCKET/$key" ] && content=$(sha256sum "$S3_BASE/$BUCKET/$key" | cut -d' ' -f1)
  if [ "$row" != "$digest $size" ] || [ "$nrows" != 1 ] || [ "$nobj" != 1 ] || [ "$content" != "$digest" ]; then
    ACK_BAD=$((ACK_BAD + 1))
    [ "$ACK_BAD" -le 3 ] && ACK_DETAIL="$ACK_DETAIL; file $id ($name): row '${row:-none}', rows $nrows, objects $nobj, content ${content:0:12}"
  fi
done <"$WORK/acks.log"

# b) objects and rows match one to one (path = key, sizes equal)
awk '{print $1, $2}' "$WORK/rows.txt" | sort >"$WORK/rows-keys.txt"
ORPHAN_OBJECTS=$(comm -23 "$WORK/objects.txt" "$WORK/rows-keys.txt" | wc -l)
ROWS_WITHOUT_OBJECT=$(comm -13 "$WORK/objects.txt" "$WORK/rows-keys.txt" | wc -l)
DUP_DIGEST_ROWS=$(sql "SELECT count(*) FROM (SELECT sha256 FROM invoices_uploaded_file GROUP BY sha256 HAVING count(*) > 1) d")
BAD_KEYS=$(awk '{print $1}' "$WORK/objects.txt" | grep -cvE "^$PREFIX/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\$" || true)

# c) nothing temporary: no open multipart upload, no file under the bucket's directory that is not a listed object
MPU_JSON=$(s3api list-multipart-uploads --bucket "$BUCKET" --output json 2>"$WORK/mpu.err") || MPU_JSON=ERROR
if [ "$MPU_JSON" = ERROR ]; then OPEN_MPU="error: $(head -c 200 "$WORK/mpu.err")"
else OPEN_MPU=$(printf '%s' "$MPU_JSON" | jq -s '[.[].Uploads[]?] | length'); fi
( cd "$S3_BASE/$BUCKET" && find . -type f | sed 's:^\./::' | sort ) >"$WORK/bucket-files.txt"
STRAY_FILES=$(comm -23 "$WORK/bucket-files.txt" <(awk '{print $1}' "$WORK/objects.txt") | wc -l)
# the uploads the SIGKILL cut (in flight on either instance at that moment, not acknowledged) and what they left
awk -v k="$KILL_MS" '$1 != "ACK" && $2 < k && $3 >= k {print $6}' "$WORK/acks.log" >"$WORK/cut-digests.txt"
CUT=$(wc -l <"$WORK/cut-digests.txt")
MPU_KEYS=$(printf '%s' "$MPU_JSON" | jq -rs '.[].Uploads[]? | .Key' 2>/dev/null || true)
MPU_OF_CUT=0
for k in $MPU_KEYS; do grep -qx "${k##*/}" "$WORK/cut-digests.txt" && MPU_OF_CUT=$((MPU_OF_CUT + 1)); done
SURVIVOR_SPOOL=$(find "$WORK/i2/files/tmp" -type f 2>/dev/null | wc -l)
VICTIM_SPOOL=$(find "$WORK/i1/files/tmp" -type f 2>/dev/null | wc -l)

# d) failover: the balancer marks instance 1 down; requests through it succeed after that
DOWN_MS=$(awk '$3 ~ /^DOWN/ {print $1; exit}' "$WORK/probe.log")
PROBES=$(wc -l <"$WORK/probe.log")
PROBE_FAILS=$(awk '$2 != 200' "$WORK/probe.log" | wc -l)
FIRST_OK_MS=$(awk '$2 == 200 {print $1; exit}' "$WORK/probe.log")
if [ -n "$DOWN_MS" ]; then
  AFTER_DOWN=$(awk -v d="$DOWN_MS" '$1 >= d' "$WORK/probe.log" | wc -l)
  AFTER_DOWN_FAILS=$(awk -v d="$DOWN_MS" '$1 >= d && $2 != 200' "$WORK/probe.log" | wc -l)
  DOWN_S=$(awk -v a="$DOWN_MS" -v k="$KILL_MS" 'BEGIN {printf "%.1f", (a - k) / 1000}')
  UPLOADS_AFTER_DOWN=$(awk -v d="$DOWN_MS" '$1 == "ACK" && $2 >= d' "$WORK/acks.log" | wc -l)
  UPLOADS_AFTER_DOWN_FAILED=$(awk -v d="$DOWN_MS" '$1 != "ACK" && $2 >= d' "$WORK/acks.log" | wc -l)
else
  AFTER_DOWN=0; AFTER_DOWN_FAILS=0; DOWN_S=never; UPLOADS_AFTER_DOWN=0; UPLOADS_AFTER_DOWN_FAILED=0
fi
FIRST_OK_S=$( [ -n "$FIRST_OK_MS" ] && awk -v a="$FIRST_OK_MS" -v k="$KILL_MS" 'BEGIN {printf "%.1f", (a - k) / 1000}' || echo never)
# uploads around the kill: answered with an error or cut (not acknowledged) while instance 1 was still listed UP
AROUND_KILL_FAILED=$(awk -v k="$KILL_MS" '$1 != "ACK" && $3 >= k' "$WORK/acks.log" | wc -l)

# e) files stored before the kill download through the balancer (the survivor reads them from the bucket)
DL_OK=0; DL_TRIED=0; DL_DETAIL=""
while read -r kind start end status id digest size name; do
  DL_TRIED=$((DL_TRIED + 1))
  inv=$(sql "SELECT id FROM invoices_invoice WHERE uploaded_file_id = $id LIMIT 1")
  got=$(curl -s -m 60 -H "$AUTH" "$LB_URL/api/invoices/$inv/file/" | sha256sum | cut -d' ' -f1)
  if [ "$got" = "$digest" ]; then DL_OK=$((DL_OK + 1)); else DL_DETAIL="$DL_DETAIL; file $id via invoice $inv: ${got:0:12}"; fi
done < <(awk -v k="$KILL_MS" '$1 == "ACK" && $3 < k' "$WORK/acks.log" | sed -n 1,4p)

# ---- verdict -----------------------------------------------------------------------------------------------------------
FAIL=0
row() { # row CHECK OK(true/false) DETAIL
  local verdict=PASS
  if [ "$2" != true ]; then verdict=FAIL; FAIL=1; fi
  printf '| %s | %s | %s |\n' "$1" "$verdict" "$3" >>"$WORK/table.md"
}
: >"$WORK/table.md"
row "dedup across instances (same file to both at once)" \
  "$([ "$DEDUP_OK" = "$ROUNDS" ] && echo true || echo false)" \
  "$DEDUP_OK/$ROUNDS rounds: 200/200, 1 processed + 1 duplicate, 1 row, 1 invoice, 1 object${DEDUP_DETAIL}"
row "every acknowledged upload stored exactly once" \
  "$([ "$ACKED" -gt 0 ] && [ "$ACK_BAD" = 0 ] && echo true || echo false)" \
  "$ACKED acknowledged: $((ACKED - ACK_BAD)) with their row (digest, size), 1 row and 1 object per digest, object content = digest${ACK_DETAIL}"
row "no orphan objects, no row without its object" \
  "$([ "$ORPHAN_OBJECTS" = 0 ] && [ "$ROWS_WITHOUT_OBJECT" = 0 ] && [ "$DUP_DIGEST_ROWS" = 0 ] && [ "$BAD_KEYS" = 0 ] && echo true || echo false)" \
  "$OBJECTS objects, $ROWS rows ($SEEDED_FILES seeded); objects without row $ORPHAN_OBJECTS, rows without object $ROWS_WITHOUT_OBJECT, digests with >1 row $DUP_DIGEST_ROWS, keys off the layout $BAD_KEYS"
row "no temporary or multipart leftovers in the store" \
  "$([ "$OPEN_MPU" = 0 ] && [ "$STRAY_FILES" = 0 ] && [ "$SURVIVOR_SPOOL" = 0 ] && echo true || echo false)" \
  "open multipart uploads: $OPEN_MPU ($MPU_OF_CUT of them for an upload cut by the SIGKILL; $CUT upload(s) cut; $SWEEP_ABORTS aborted by the survivor's sweeper, S3_SWEEP_INTERVAL=$SWEEP_S); files in the bucket directory that are no object: $STRAY_FILES; survivor's spool files: $SURVIVOR_SPOOL (killed instance's local spool: $VICTIM_SPOOL, swept at its next start)"
row "balancer fails over (instance 1 marked DOWN)" \
  "$([ "$DOWN_S" != never ] && awk -v d="$DOWN_S" -v m="$FAILOVER_MAX_S" 'BEGIN {exit !(d <= m)}' && echo true || echo false)" \
  "DOWN ${DOWN_S} s after the SIGKILL (limit ${FAILOVER_MAX_S} s; check every 1 s, fall 2)"
row "the survivor serves on through the balancer" \
  "$($SURVIVOR_ALIVE && [ "$AFTER_DOWN" -ge 10 ] && [ "$AFTER_DOWN_FAILS" = 0 ] && [ "$UPLOADS_AFTER_DOWN" -gt 0 ] && [ "$UPLOADS_AFTER_DOWN_FAILED" = 0 ] && [ "$FIRST_OK_S" != never ] && awk -v d="$FIRST_OK_S" -v m="$FAILOVER_MAX_S" 'BEGIN {exit !(d <= m)}' && echo true || echo false)" \
  "probes: first 200 ${FIRST_OK_S} s after the kill, $PROBES sent, $PROBE_FAILS not 200 ($((PROBE_FAILS - AFTER_DOWN_FAILS)) before DOWN), $AFTER_DOWN after DOWN with $AFTER_DOWN_FAILS not 200; uploads started after DOWN: $UPLOADS_AFTER_DOWN acknowledged, $UPLOADS_AFTER_DOWN_FAILED not; instance 2 alive: $SURVIVOR_ALIVE"
row "files stored before the kill download through the survivor" \
  "$([ "$DL_TRIED" -gt 0 ] && [ "$DL_OK" = "$DL_TRIED" ] && echo true || echo false)" \
  "$DL_OK/$DL_TRIED downloads with the uploaded digest${DL_DETAIL}"
row "mixed load ran" \
  "$([ "$LOAD_STATUS" = 0 ] && echo true || echo false)" \
  "MixedLoad exit $LOAD_STATUS; uploads: $ACKED acknowledged, $DUP_UPLOADS duplicate, $FAILED_UPLOADS not acknowledged ($AROUND_KILL_FAILED of them answered after the kill); $(sed -n 's/^RESULT duration_s=\([0-9]*\) server_errors_5xx_non503=\([0-9]*\) busy_503=\([0-9]*\) io_errors=\([0-9]*\).*/\2 5xx other than 503, \3 busy 503, \4 I\/O errors (all requests)/p' "$WORK/load.log")"

echo
log "===================== two instances behind a balancer ====================="
log "$(date -u '+%Y-%m-%d %H:%M UTC'); $MACHINE; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
log "$INVOICES invoices, $OTS OTs seeded; $DURATION s of mixed load; instance 1 SIGKILLed at +$(( (KILL_MS - LOAD_T0) / 1000 )) s with $SESSIONS_AT_KILL request(s) in flight, $spools upload(s) being received ($PHASE)"
echo
echo "| check | verdict | detail |"
echo "| --- | --- | --- |"
cat "$WORK/table.md"
echo
if [ "$FAIL" = 0 ]; then log "VERDICT: PASS"; exit 0; fi
log "VERDICT: FAIL"
comm -23 "$WORK/objects.txt" "$WORK/rows-keys.txt" | sed -n 1,5p | sed 's/^/[orphan object] /'
comm -13 "$WORK/objects.txt" "$WORK/rows-keys.txt" | sed -n 1,5p | sed 's/^/[row without object] /'
comm -23 "$WORK/bucket-files.txt" <(awk '{print $1}' "$WORK/objects.txt") | sed -n 1,5p | sed 's/^/[stray file] /'
printf '%s' "$MPU_JSON" | jq -rs '.[].Uploads[]? | "\(.Key) upload id \(.UploadId)"' 2>/dev/null | sed -n 1,5p | sed 's/^/[open multipart upload] /' || true
grep -iE 'ERROR|Exception|sweep' "$WORK/i2.log" | sed -n 1,10p | sed 's/^/[instance 2] /' || true
exit 1
