#!/usr/bin/env bash
# KV-cache tier benchmark (issue point 8): whole LLM KV-cache objects stored then loaded, on this machine, through
#   chunkstore  tern-kvcache's ChunkStore on a TernDB node (parallel segment writes, one batch read),
#   sequential  LMCache's connector pattern on the same node (one synchronous call per segment, in order),
#   redis       redis-server, each object one value (Jedis SET/GET),
# for every object size and in-flight count of the matrix, with the loopback TCP ceiling (iperf3) alongside.
# See docs/BENCHMARKS.md, section "KV-cache tier".
#
#   bench/kvcache.sh [SIZES_MIB [IN_FLIGHT [TARGETS]]]
#   bench/kvcache.sh                          # the full matrix: "14 32 80" x "8 32" x all three targets
#   bench/kvcache.sh "14" "8" "chunkstore redis"   # one corner of it
#   KVCACHE_ROUNDS=1 bench/kvcache.sh         # load every object once instead of 3 times
#
# What it does, in order:
#   1. builds the server and the tools with Maven (package only, nothing installed), prints the machine;
#   2. installs iperf3 if missing (apt-get, non-interactive) and measures the loopback ceiling with it; without
#      iperf3 it says so and measures with a single Java stream instead (bench/LoopbackCeiling.java);
#   3. starts one in-memory TernDB node (namespace lmcache, max-record-size 1M as LMCache assumes, data-size 8G)
#      and redis-server (no persistence) on free loopback ports;
#   4. runs `tern bench kvcache` for each cell: TernDB targets first, then the TernDB node is stopped so that its
#      memory is back before Redis holds the same data (the machine has 24 GiB; one 80 MiB x 32 cell holds about
#      3 GiB in the server and up to 12 GiB in the benchmark JVM);
#   5. prints a Markdown table: GiB/s and per-object p50/p99 for store and load, and the ratios
#      chunkstore/redis and chunkstore/sequential against the goal (load >= Redis and >= 2x sequential);
#   6. on any exit, stops what it started and removes its temporary directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES_MIB="${1:-14 32 80}"
IN_FLIGHT="${2:-8 32}"
TARGETS="${3:-chunkstore sequential redis}"
ROUNDS="${KVCACHE_ROUNDS:-3}"
# Each cell stores at least twice its in-flight count and at least 1 GiB, at most 3200 MiB (the server's memory).
DATA_MIN_MIB=1024
DATA_MAX_MIB=3200
# Direct memory: the benchmark's staging buffers (in flight x object size, 2.5 GiB at 32 x 80 MiB) plus the
# client's pooled write buffers, about 1 MiB per segment in flight; with 3g the client ran out of direct memory
# and some chunk-store calls never completed (see docs/BENCHMARKS.md).
BENCH_JVM_OPTS="-Xmx6g -XX:MaxDirectMemorySize=6g"
SERVER_JVM_OPTS="-Xmx3g"
IPERF_SECONDS=5
# Writes of a segment's size: iperf3's default (128 KiB) measured a third of this on the same machine.
IPERF_WRITE_BYTES=1M
READY_TIMEOUT_SECONDS=60
STOP_TIMEOUT_SECONDS=10

TMP_DIR=""
REDIS_PID=""
TERNDB_PID=""
IPERF_PID=""

log() { echo "kvcache.sh: $*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  local status=$?
  stop_process "$IPERF_PID" "iperf3 server"
  stop_process "$TERNDB_PID" "TernDB"
  stop_process "$REDIS_PID" "redis-server"
  [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

REQUIRED_JAVA=25
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' ./tern) # the launcher's JDK search
JAVA_HOME="$(find_jdk)"
[[ -n "$JAVA_HOME" ]] || { log "no JDK $REQUIRED_JAVA or newer found"; exit 1; }
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
JAVA="$JAVA_HOME/bin/java"
JVM_ARGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() { # PACKAGE: Debian's package, non-interactive; fails quietly when there is no root or no apt
  command -v apt-get >/dev/null || return 1
  log "$1 not found; installing it with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >&2 \
    || { as_root apt-get update >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >&2; }
}

tools() { # runs the command-line tools from the freshly packaged jars (./tern would install into ~/.m2)
  "$JAVA" ${TOOLS_JVM_OPTS:-} -cp "$ROOT/tern-tools/target/tern-tools.jar:$ROOT/tern-tools/target/lib/*" \
    io.terndb.tools.Tern "$@"
}

print_machine() {
  local memory_kb
  memory_kb="$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo "machine: $(nproc) processors, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
    "$((memory_kb / 1024 / 1024)) GiB, $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | head -n 1)"
  echo "redis: $(redis-server --version)"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Loopback ceiling: one TCP stream and four, memory to memory, 1 MiB writes, in GiB/s (2^30 bytes).
measure_loopback() {
  local port streams bits
  if ! command -v iperf3 >/dev/null && ! apt_install iperf3; then
    log "iperf3 is not available; measuring one Java TCP stream instead"
    echo "loopback ceiling (Java, 1 stream, 8 GiB): $("$JAVA" "$ROOT/bench/LoopbackCeiling.java" 8) GiB/s"
    return
  fi
  port="$(free_port)"
  iperf3 --server --bind 127.0.0.1 --port "$port" >"$TMP_DIR/iperf3.log" 2>&1 &
  IPERF_PID=$!
  wait_ready "iperf3 server on port $port" "$IPERF_PID" "$TMP_DIR/iperf3.log" port_in_use "$port"
  for streams in 1 4; do
    bits="$(iperf3 --client 127.0.0.1 --port "$port" --time "$IPERF_SECONDS" --parallel "$streams" \
      --length "$IPERF_WRITE_BYTES" --json \
      | sed -n '/"sum_received"/,/}/s/.*"bits_per_second":[[:space:]]*\([0-9.e+]*\).*/\1/p' | head -n 1)"
    echo "loopback ceiling (iperf3, $streams stream(s), $IPERF_WRITE_BYTES writes, ${IPERF_SECONDS} s):" \
      "$(awk -v b="$bits" 'BEGIN { printf "%.2f", b / 8 / 1073741824 }') GiB/s"
  done
  stop_process "$IPERF_PID" "iperf3 server"
  IPERF_PID=""
}

write_terndb_config() { # PATH SERVICE_PORT HEARTBEAT_PORT FABRIC_PORT
  cat >"$1" <<CONFIG
service {
  cluster-name kvbench
}
network {
  service {
    address 127.0.0.1
    port $2
  }
  heartbeat {
    mode mesh
    address 127.0.0.1
    port $3
    interval 150
    timeout 10
  }
  fabric {
    address 127.0.0.1
    port $4
  }
}
namespace lmcache {
  replication-factor 1
  default-ttl 0
  nsup-period 120
  max-record-size 1M
  storage-engine memory {
    data-size 8G
  }
}
CONFIG
}

start_terndb() {
  local port heartbeat fabric
  port="$(free_port)"
  heartbeat="$(free_port "$port")"
  fabric="$(free_port "$port" "$heartbeat")"
  write_terndb_config "$TMP_DIR/terndb.conf" "$port" "$heartbeat" "$fabric"
  (cd "$TMP_DIR" && exec "$JAVA" "${JVM_ARGS[@]}" $SERVER_JVM_OPTS \
    -cp "$ROOT/tern-server/target/tern-server.jar:$ROOT/tern-server/target/lib/*" io.terndb.server.Main \
    --config "$TMP_DIR/terndb.conf") >"$TMP_DIR/terndb.log" 2>&1 &
  TERNDB_PID=$!
  TERNDB_PORT="$port"
  wait_ready "TernDB on port $port" "$TERNDB_PID" "$TMP_DIR/terndb.log" terndb_ready
}

terndb_ready() {
  [[ "$(tools info -p "$TERNDB_PORT" --timeout 500 status)" == "ok" ]]
}

# No persistence; Redis's defaults already take 80 MiB values (proto-max-bulk-len 512 MB, client-query-buffer-limit
# 1 GB), so they are left alone.
start_redis() {
  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$TMP_DIR" >"$TMP_DIR/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_ready "redis-server on port $REDIS_PORT" "$REDIS_PID" "$TMP_DIR/redis.log" redis_ready
}

redis_ready() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)" == "PONG" ]]
}

objects_for() { # SIZE_MIB IN_FLIGHT: the cell's object count (see DATA_MIN_MIB, DATA_MAX_MIB)
  local size="$1" in_flight="$2" count
  count=$(( (DATA_MIN_MIB + size - 1) / size ))
  (( count < 2 * in_flight )) && count=$((2 * in_flight))
  (( count * size > DATA_MAX_MIB )) && count=$((DATA_MAX_MIB / size))
  echo "$count"
}

run_cell() { # TARGET SIZE_MIB IN_FLIGHT PORT
  local target="$1" size="$2" in_flight="$3" port="$4" status=0 load_average
  load_average="$(cut -d' ' -f1 /proc/loadavg)"
  echo
  echo "=== $target, $size MiB, $in_flight in flight"
  TOOLS_JVM_OPTS="$BENCH_JVM_OPTS" tools bench kvcache --target "$target" --port "$port" --object-mib "$size" \
    --in-flight "$in_flight" --objects "$(objects_for "$size" "$in_flight")" --rounds "$ROUNDS" \
    | tee "$TMP_DIR/cell.log" || status=$?
  # The 1-minute load average at the start of the cell goes with its results: the machine may be shared.
  grep '^result ' "$TMP_DIR/cell.log" | sed "s/\$/ load_avg=$load_average/" >>"$TMP_DIR/results.txt" || true
  (( status == 0 )) || log "$target $size MiB x $in_flight: exit status $status (errors or misses; see above)"
}

# Cells outer, targets inner: both TernDB targets of a cell run back to back on an equally warm node, rather than
# the chunk store taking every first cell on a freshly started one.
run_matrix() { # TARGET_GROUP PORT
  local target size in_flight
  for size in $SIZES_MIB; do
    for in_flight in $IN_FLIGHT; do
      for target in $TARGETS; do
        [[ " $1 " == *" $target "* ]] || continue
        run_cell "$target" "$size" "$in_flight" "$2"
      done
    done
  done
}

# The result lines of all cells as two Markdown tables: measurements, then ratios against the goal.
print_tables() {
  awk '
    function cell(t, s, f, p) { return t SUBSEP s SUBSEP f SUBSEP p }
    {
      delete field
      for (i = 2; i <= NF; i++) { split($i, pair, "="); field[pair[1]] = pair[2] }
      size = field["object_bytes"] / 1048576; flight = field["in_flight"]; target = field["target"]
      key = cell(target, size, flight, field["phase"])
      rate[key] = field["gib_per_s"]; p50[key] = field["p50_ms"]; p99[key] = field["p99_ms"]
      busy[cell(target, size, flight, "")] = field["load_avg"]
      bad[cell(target, size, flight, "")] += field["errors"] + field["misses"] + field["corrupt"]
      if (!((size, flight) in seen)) { seen[size, flight] = 1; order[++cells] = size SUBSEP flight }
    }
    function show(t, s, f, p,   k) {
      k = cell(t, s, f, p)
      return (k in rate) ? sprintf("%.3f | %.0f / %.0f", rate[k], p50[k], p99[k]) : "n/a | n/a"
    }
    function ratio(a, b, s, f, p,   x, y) {
      x = cell(a, s, f, p); y = cell(b, s, f, p)
      return (x in rate && y in rate && rate[y] > 0) ? sprintf("%.2f", rate[x] / rate[y]) : "n/a"
    }
    END {
      split("chunkstore sequential redis", names, " ")
      print "| object | in flight | target | store GiB/s | store p50 / p99 ms | load GiB/s | load p50 / p99 ms |" \
        " errors + misses + corrupt | load avg at start |"
      print "|---|---|---|---|---|---|---|---|---|"
      for (c = 1; c <= cells; c++) {
        split(order[c], sf, SUBSEP)
        for (n = 1; n <= 3; n++) {
          t = names[n]
          if (!(cell(t, sf[1], sf[2], "store") in rate)) continue
          printf "| %d MiB | %d | %s | %s | %s | %d | %s |\n", sf[1], sf[2], t, show(t, sf[1], sf[2], "store"),
            show(t, sf[1], sf[2], "load"), bad[cell(t, sf[1], sf[2], "")], busy[cell(t, sf[1], sf[2], "")]
        }
      }
      print ""
      print "| object | in flight | load chunkstore/redis | load chunkstore/sequential | store chunkstore/redis |" \
        " store chunkstore/sequential | load goal (>= 1x redis, >= 2x sequential) |"
      print "|---|---|---|---|---|---|---|"
      for (c = 1; c <= cells; c++) {
        split(order[c], sf, SUBSEP)
        lr = ratio("chunkstore", "redis", sf[1], sf[2], "load")
        ls = ratio("chunkstore", "sequential", sf[1], sf[2], "load")
        goal = (lr == "n/a" || ls == "n/a") ? "n/a" : ((lr + 0 >= 1 && ls + 0 >= 2) ? "met" : "not met")
        printf "| %d MiB | %d | %s | %s | %s | %s | %s |\n", sf[1], sf[2], lr, ls,
          ratio("chunkstore", "redis", sf[1], sf[2], "store"),
          ratio("chunkstore", "sequential", sf[1], sf[2], "store"), goal
      }
    }' "$1"
}

command -v redis-server >/dev/null || apt_install redis-server || { log "redis-server is missing"; exit 1; }
mvn -B -q -Dstyle.color=never -pl tern-server,tern-tools -am package -DskipTests >&2 # stdout stays the report
TMP_DIR="$(mktemp -d -t tern-kvcache.XXXXXX)"
: >"$TMP_DIR/results.txt"
print_machine
measure_loopback

start_terndb
run_matrix "chunkstore sequential" "$TERNDB_PORT"
stop_process "$TERNDB_PID" "TernDB"
TERNDB_PID=""
if [[ " $TARGETS " == *" redis "* ]]; then
  start_redis
  run_matrix "redis" "$REDIS_PORT"
fi

echo
echo "== results (GiB/s = 2^30 bytes per second; p50/p99 per object, ms; $ROUNDS load rounds per object)"
print_tables "$TMP_DIR/results.txt"
