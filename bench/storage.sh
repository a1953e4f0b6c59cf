#!/usr/bin/env bash
# Storage benchmarks of the device engine (issue: hybrid storage), all in one run on this machine:
#   1. the raw sequential write bandwidth of the disk under the benchmark directory (dd, 2 GiB, O_DIRECT);
#   2. JMH: inserts of 1 KiB records, each acknowledged only when durable, with and without commit-to-device:
#      64 threads each waiting for its insert, and 2 threads whose inserts the flusher acknowledges by callback
#      (4096 in flight, the server's way); the ratio of their bandwidth (records/s x 1104 device bytes) to the raw
#      bandwidth;
#   3. JMH: random reads of 1 KiB records from 2,000,000 records (30x the post-write cache): throughput and
#      latency percentiles;
#   4. index bytes per record, cold start and warm restart time at 10,000,000 records (io.terndb.jmh.StorageScale).
# Usage: bench/storage.sh [DIRECTORY]   (default: a directory under /var/tmp; it is removed at the end)
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
echo "== raw sequential write bandwidth (dd, 8 MiB blocks, O_DIRECT, 2 GiB)"
dd if=/dev/zero of="$DIR/raw" bs=8M count=256 oflag=direct 2>&1 | tail -1
rm -f "$DIR/raw"
echo "== inserts of 1 KiB records (JMH)"
"$JAVA" -Dtern.bench.dir="$DIR" -jar "$JAR" 'Device(Pipelined)?InsertBenchmark' -rf text -rff "$DIR/insert.txt" 2>&1 \
  | grep -E "^(Benchmark|Device(Pipelined)?Insert)" || true
echo "== random reads of 1 KiB records (JMH)"
"$JAVA" -Dtern.bench.dir="$DIR" -jar "$JAR" DeviceReadBenchmark 2>&1 | grep -E "^(Benchmark|DeviceRead)" || true
echo "== index and start times at 10M records"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g -Dtern.bench.dir="$DIR" -cp "$JAR" io.terndb.jmh.StorageScale \
  10000000 2>&1 | grep -v SLF4J
