#!/usr/bin/env bash
# The table of docs/benchmarks.md "Memory budget through the launcher": idle RSS (idle-rss.sh, median of RUNS) and peak
# RSS under the mixed scenario in a memory cgroup (memory-budget.sh, one run each) for a plain `java -jar`, the former
# option string, and the launcher at 192 / 256 / 512 MB. Needs root (cgroups); run it under the benchmark lock:
#   flock /tmp/bench.lock benchmarks/scripts/budget-table.sh [RUNS] [DURATION_S]
# Build first: mvn -B -q -o -DskipTests package -pl server,benchmarks -am
set -uo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
DURATION=${2:-60}
OUT=$(mktemp -d /tmp/budget-table.XXXXXX)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GB; $(java -version 2>&1 | sed -n 1p)"
echo "load before: $(uptime | sed 's/.*load average: //')"
idle() { benchmarks/scripts/idle-rss.sh "$RUNS" "$@" | tee -a "$OUT/idle.log" | tail -1; }
idle --plain-jar
idle --jar-options
for b in 192 256 512; do idle --budget "$b"; done
peak() {
  local label=$1; shift
  benchmarks/scripts/memory-budget.sh --duration "$DURATION" "$@" >"$OUT/peak-$label.log" 2>&1
  local status=$?
  echo "peak $label (exit $status):"
  grep -E "idle VmRSS|JVM peak RSS|OOM kills|RESULT|VERDICT|JVM options" "$OUT/peak-$label.log" | sed 's/^/  /'
}
# plain java -jar: no option at all; in a 4 GB cgroup (so that it is measured the same way) the JVM sizes its heap
# from the cgroup (1 GB max) instead of the host's 24 GB
peak plain-jar --jar --jvm-options /dev/null --limit-mb 4096
peak jar-options --jar --limit-mb 256
for b in 192 256 512; do peak "launcher-$b" --limit-mb "$b"; done
echo "load after: $(uptime | sed 's/.*load average: //')"
echo "logs: $OUT"
