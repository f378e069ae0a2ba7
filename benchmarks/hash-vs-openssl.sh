#!/usr/bin/env bash
# Compares SHA-256 throughput of the upload-hashing library with `openssl dgst -sha256` and `sha256sum` on one file.
# Build first:  mvn -B -q -pl benchmarks -am package -DskipTests
# Usage:        benchmarks/hash-vs-openssl.sh     env: RUNS=5 SIZE_MB=1024 FILE=/tmp/... KEEP_FILE=0 JAVA_OPTS= JAR=
# MB = 10^6 bytes. The file is made once from /dev/urandom and read once, so every tool hashes from the page cache.
# Per tool and run it records wall-clock MB/s and CPU MB/s (bytes / (user+sys) of the process); for Java also the
# in-process figures printed by HashFile (hashing thread only, no JVM start). Runs are interleaved so background load
# on the shared machine hits every tool alike; medians are printed. Expect noise when other work is running.
set -euo pipefail

RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-1024}
FILE=${FILE:-/tmp/nextops-hash-bench-${SIZE_MB}m.bin}
KEEP_FILE=${KEEP_FILE:-0}
JAVA_OPTS=${JAVA_OPTS:-}
cd "$(dirname "$0")/.."
JAR=${JAR:-benchmarks/target/benchmarks.jar}  # override with a copy if others rebuild benchmarks/ meanwhile
[[ -f $JAR ]] || { echo "missing $JAR; build: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }

bytes_wanted=$((SIZE_MB * 1024 * 1024))
if [[ ! -f $FILE || $(stat -c %s "$FILE") -ne $bytes_wanted ]]; then
  echo "creating $FILE ($SIZE_MB MiB)..."
  head -c "$bytes_wanted" /dev/urandom > "$FILE"
fi
[[ $KEEP_FILE == 1 ]] || trap 'rm -f "$FILE"' EXIT
cat "$FILE" > /dev/null
bytes=$(stat -c %s "$FILE")
out_file=$(mktemp)
time_file=$(mktemp)
trap 'rm -f "$out_file" "$time_file"; [[ $KEEP_FILE == 1 ]] || rm -f "$FILE"' EXIT

median() { grep . | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f\n", b / 1e6 / s }'; }

declare -A wall cpu digest
inproc_wall="" inproc_cpu=""
TIMEFORMAT='%3R %3U %3S'
run() { # name, command...
  local name=$1; shift
  { time "$@" > "$out_file"; } 2> "$time_file"
  read -r real user sys < "$time_file"
  wall[$name]+="$(mbps "$real") "
  cpu[$name]+="$(mbps "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')") "
  digest[$name]=$(awk '{ print $1; exit }' "$out_file")
  if [[ $name == java ]]; then
    inproc_wall+="$(sed -n 's/.*wall_mbps=\([0-9.]*\).*/\1/p' "$out_file") "
    inproc_cpu+="$(sed -n 's/.*cpu_mbps=\([0-9.]*\).*/\1/p' "$out_file") "
  fi
}

echo "file: $FILE  bytes: $bytes  runs: $RUNS  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')  nproc: $(nproc)  sha_ni: $(grep -o -m1 sha_ni /proc/cpuinfo || echo absent)"
echo "java: $(java -version 2>&1 | head -1)  JAVA_OPTS: ${JAVA_OPTS:-none}"
echo "openssl: $(openssl version)  sha256sum: $(sha256sum --version | head -1)"
for ((i = 1; i <= RUNS; i++)); do
  run openssl openssl dgst -sha256 -r "$FILE"
  run sha256sum sha256sum "$FILE"
  # shellcheck disable=SC2086
  run java java $JAVA_OPTS -cp "$JAR" io.nextops.benchmarks.hashing.HashFile "$FILE"
done

row() { printf '%-34s %9s %9s   wall runs: %s\n' "$1" "$(tr ' ' '\n' <<< "$2" | median)" "$(tr ' ' '\n' <<< "$3" | median)" "$2"; }
printf '\n%-34s %9s %9s   (MB/s, medians of %d runs)\n' "tool" "wall" "cpu" "$RUNS"
row "openssl dgst -sha256" "${wall[openssl]}" "${cpu[openssl]}"
row "sha256sum" "${wall[sha256sum]}" "${cpu[sha256sum]}"
row "java HashFile (process, incl. JVM)" "${wall[java]}" "${cpu[java]}"
row "java HashFile (in-process, thread)" "$inproc_wall" "$inproc_cpu"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ ${digest[openssl]} == "${digest[java]}" && ${digest[sha256sum]} == "${digest[java]}" ]]; then
  echo "digests agree: ${digest[java]}"
else
  echo "DIGESTS DIFFER: openssl=${digest[openssl]} sha256sum=${digest[sha256sum]} java=${digest[java]}" >&2
  exit 1
fi
