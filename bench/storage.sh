#!/usr/bin/env bash
# Storage benchmarks of the device engine (issue: hybrid storage), all in one run on this machine:
#   1. inserts of 1 KiB records against the raw disk, in ROUNDS rounds (default 3) because a virtual disk's
#      bandwidth moves from minute to minute: each round measures the raw sequential write bandwidth of the disk
#      under the benchmark directory (dd, 2 GiB in 8 MiB blocks, O_DIRECT, into a new file, as the engine's file is
#      new), then right after it the engine (JMH DevicePipelinedInsertBenchmark: 2 threads whose inserts the
#      flusher acknowledges by callback, 4096 in flight, the server's way), with and without commit-to-device, and
#      prints the ratio of the engine's bandwidth (inserts/s x 1104 device bytes per record) to the raw one;
#   2. JMH DeviceInsertBenchmark: 64 threads, each waiting for its own insert to be durable;
#   3. JMH: random reads of 1 KiB records from 2,000,000 records (30x the post-write cache), through the page cache
#      and with direct-files (direct I/O): throughput and latency percentiles;
#   4. index bytes per record, cold start and warm restart time at 10,000,000 records (io.terndb.jmh.StorageScale).
# Usage: bench/storage.sh [DIRECTORY]   (default: a directory under /var/tmp; it is removed at the end)
#        ROUNDS=N bench/storage.sh ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="${1:-/var/tmp/tern-storage-bench}"
mkdir -p "$DIR"
trap 'rm -rf "$DIR"' EXIT
REQUIRED_JAVA=25
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' ./tern) # the launcher's JDK search
JAVA_HOME="$(find_jdk)"
[[ -n "$JAVA_HOME" ]] || { echo "storage.sh: no JDK 25 or newer found" >&2; exit 1; }
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
JAVA="$JAVA_HOME/bin/java"
mvn -B -q -pl tern-jmh -am package -DskipTests
JAR=tern-jmh/target/benchmarks.jar

echo "machine: $(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "disk: $(df -h "$DIR" | tail -1 | awk '{print $1, $2}') ($(findmnt -no FSTYPE -T "$DIR"))"
ROUNDS="${ROUNDS:-3}"
RECORD_DEVICE_BYTES=1104 # a 1 KiB value in the device format: record header, bin, padding to 16 bytes
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS: raw sequential write bandwidth (dd, 8 MiB blocks, O_DIRECT, new file, 2 GiB)"
  raw_line="$(dd if=/dev/zero of="$DIR/raw" bs=8M count=256 oflag=direct 2>&1 | tail -1)"
  rm -f "$DIR/raw"
  echo "$raw_line"
  raw_bytes_per_second="$(awk '{print $1 / $(NF-3)}' <<<"$raw_line")" # bytes / seconds
  echo "== round $round of $ROUNDS: pipelined inserts of 1 KiB records (JMH)"
  "$JAVA" -Dtern.bench.dir="$DIR" -jar "$JAR" DevicePipelinedInsertBenchmark -rf text -rff "$DIR/insert.txt" \
    2>&1 | grep -E "^(Benchmark|DevicePipelinedInsert)" || true
  awk -v raw="$raw_bytes_per_second" -v bytes="$RECORD_DEVICE_BYTES" '/^DevicePipelinedInsertBenchmark/ {
      for (i = 1; i <= NF; i++) if ($i == "thrpt") score = $(i + 2) # Mode, Cnt, Score
      printf "commit-to-device %-5s %10.0f inserts/s = %6.0f MB/s; raw %6.0f MB/s; ratio %.2f\n",
             $2, score, score * bytes / 1e6, raw / 1e6, score * bytes / raw }' "$DIR/insert.txt"
done
echo "== inserts of 1 KiB records, 64 threads each waiting for its insert (JMH)"
"$JAVA" -Dtern.bench.dir="$DIR" -jar "$JAR" 'DeviceInsertBenchmark' 2>&1 | grep -E "^(Benchmark|DeviceInsert)" || true
echo "== random reads of 1 KiB records (JMH)"
"$JAVA" -Dtern.bench.dir="$DIR" -jar "$JAR" DeviceReadBenchmark 2>&1 | grep -E "^(Benchmark|DeviceRead)" || true
echo "== index and start times at 10M records"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g -Dtern.bench.dir="$DIR" -cp "$JAR" io.terndb.jmh.StorageScale \
  10000000 2>&1 | grep -v SLF4J
