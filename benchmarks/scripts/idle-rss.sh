#!/usr/bin/env bash
# Idle RSS of the server jar with the documented JVM options, on the embedded PostgreSQL (not counted: separate
# process). Starts the jar RUNS times, waits until /health/ready answers, sends 20 health requests, waits 15 s (past one native-heap trim),
# reads VmRSS of the Java process, stops it with SIGTERM. Prints each run and the median.
# Usage: benchmarks/scripts/idle-rss.sh [RUNS]   (build first: mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
JAR=${JAR:-server/target/nextops-server.jar}
OPTS=$(cat benchmarks/scripts/jvm-options)
export MALLOC_ARENA_MAX=2   # documented with the JVM options (docs/deploy.md)
PORT=${PORT:-8099}
DATA=$(mktemp -d)
results=()
for i in $(seq 1 "$RUNS"); do
  NEXTOPS_DATA_DIR="$DATA" PORT=$PORT java $OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  for _ in $(seq 1 20); do curl -fs "localhost:$PORT/api/health/" >/dev/null; done
  sleep 15
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  results+=("$rss")
  echo "run $i: VmRSS ${rss} kB"
  kill -TERM $pid; wait $pid || true
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median idle RSS: $((median / 1024)) MB (${median} kB) over $RUNS runs"
rm -rf "$DATA"
