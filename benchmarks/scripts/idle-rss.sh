#!/usr/bin/env bash
# Idle RSS of the server process on the embedded PostgreSQL (not counted: separate process). Starts the server RUNS
# times, waits until /health/ready answers, sends 20 health requests, waits 15 s (past one native-heap trim), reads
# VmRSS (and its anonymous / file-backed parts) of the Java process, stops it with SIGTERM. Prints each run and the
# median. Run it under the benchmark lock (fixed port): flock /tmp/bench.lock benchmarks/scripts/idle-rss.sh
#
# Usage: benchmarks/scripts/idle-rss.sh [RUNS] [--budget MB] [--plain-jar | --jar-options]
#   default        through the launcher server/target/nextops-server-<version>/bin/nextops-server at MEMORY_BUDGET_MB
#                  (--budget, default 256), which derives the JVM options and uses the AppCDS archive
#   --plain-jar    java -jar server/target/nextops-server.jar with no option at all (what a new user types)
#   --jar-options  java $(cat benchmarks/scripts/jvm-options) -jar ... with MALLOC_ARENA_MAX=2 (the former documented way)
# Extra JVM options for every mode: JAVA_OPTS (the launcher appends them; the jar modes too).
# Build first: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=5
MODE=launcher
BUDGET=256
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) BUDGET=$2; shift 2 ;;
    --plain-jar) MODE=plain-jar; shift ;;
    --jar-options) MODE=jar-options; shift ;;
    [0-9]*) RUNS=$1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
DIST=$(ls -d server/target/nextops-server-*/ 2>/dev/null | sed -n 1p)
JAR=server/target/nextops-server.jar
PORT=${PORT:-8099}
DATA=$(mktemp -d)
results=()
details=()
for i in $(seq 1 "$RUNS"); do
  case "$MODE" in
    launcher)
      [ -n "$DIST" ] || { echo "no distribution: mvn -B -q -DskipTests package" >&2; exit 2; }
      NEXTOPS_DATA_DIR="$DATA" PORT=$PORT MEMORY_BUDGET_MB=$BUDGET "${DIST}bin/nextops-server" serve >"$DATA/server.log" 2>&1 & ;;
    plain-jar)
      # shellcheck disable=SC2086
      NEXTOPS_DATA_DIR="$DATA" PORT=$PORT java ${JAVA_OPTS:-} -jar "$JAR" >"$DATA/server.log" 2>&1 & ;;
    jar-options)
      # shellcheck disable=SC2046,SC2086
      NEXTOPS_DATA_DIR="$DATA" PORT=$PORT MALLOC_ARENA_MAX=2 java $(cat benchmarks/scripts/jvm-options) ${JAVA_OPTS:-} \
        -jar "$JAR" >"$DATA/server.log" 2>&1 & ;;
  esac
  pid=$!
  for _ in $(seq 1 240); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  for _ in $(seq 1 20); do curl -fs "localhost:$PORT/api/health/" >/dev/null; done
  sleep 15
  [ "$(readlink /proc/$pid/exe)" != "" ] && case "$(readlink /proc/$pid/exe)" in *java) ;; *) echo "pid $pid is not java" >&2; exit 1 ;; esac
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  anon=$(awk '/RssAnon/ {print $2}' /proc/$pid/status)
  file=$(awk '/RssFile/ {print $2}' /proc/$pid/status)
  results+=("$rss")
  echo "run $i: VmRSS ${rss} kB (anon ${anon} kB, file ${file} kB)"
  if [ -n "${NMT:-}" ]; then jcmd "$pid" VM.native_memory summary | grep -E "committed" | sed -n 1,25p; fi
  kill -TERM $pid; wait $pid || true
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
label=$MODE; [ "$MODE" = launcher ] && label="launcher MEMORY_BUDGET_MB=$BUDGET"
echo "median idle RSS ($label): $((median / 1024)) MB (${median} kB) over $RUNS runs; load: $(uptime | sed 's/.*load average: //')"
rm -rf "$DATA"
