#!/usr/bin/env bash
# Peer benchmark: the same read/update workload against a TernDB node and a Redis server, one after the other,
# on this machine, through each one's official client (Aerospike Java client, Jedis). See docs/BENCHMARKS.md.
#
#   bench/peers.sh [bench-peers options...]
#
# What it does, in order:
#   1. prints the machine (processors, CPU model, kernel, memory, JDK, Redis version);
#   2. installs Debian's redis-server if it is missing (apt-get; needs root or sudo);
#   3. builds TernDB if stale (./tern build);
#   4. picks free loopback ports and starts redis-server (no persistence unless REDIS_APPENDONLY=yes) and one
#      TernDB node (namespace test, in memory unless TERN_STORAGE=device) from a temporary config, and waits until
#      each answers (PING; ./tern info status = ok);
#   5. runs ./tern bench-peers against both, passing every argument of this script through;
#   6. on any exit, stops both servers and removes its temporary directory.
#
# Examples:
#   bench/peers.sh                                   # defaults: 32 threads, 100000 keys, 100 B, 50% reads, 5 s + 20 s
#   bench/peers.sh --seconds 5 --warmup-seconds 2    # a short run
#   bench/peers.sh --only redis                      # Redis alone (TernDB is then not started)
#   bench/peers.sh --help                            # the benchmark's options
#   TERN_SERVICE_THREADS=1 bench/peers.sh            # TernDB with one event loop (default: one per core)
#   TERN_STORAGE=device REDIS_APPENDONLY=yes bench/peers.sh
#                        # TernDB on a device file (writes answered once they reached the OS) against Redis with
#                        # an append-only file (appendfsync no: also written to the OS before the reply)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

READY_TIMEOUT_SECONDS=60
STOP_TIMEOUT_SECONDS=10
TMP_DIR=""
REDIS_PID=""
TERNDB_PID=""
BENCH_PID=""

log() { echo "peers.sh: $*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  local status=$?
  stop_process "$BENCH_PID" "bench-peers"
  stop_process "$TERNDB_PID" "TernDB"
  stop_process "$REDIS_PID" "redis-server"
  [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Which servers to start follows the benchmark's own --only option (the last one given wins, as there).
ONLY="both"
previous=""
for argument in "$@"; do
  [[ "$previous" == "--only" ]] && ONLY="$argument"
  [[ "$argument" == --only=* ]] && ONLY="${argument#--only=}"
  previous="$argument"
done
case "$ONLY" in
  both|aerospike|redis) ;;
  *) log "--only must be aerospike, redis or both, not '$ONLY'"; exit 2 ;;
esac
for argument in "$@"; do
  if [[ "$argument" == "-h" || "$argument" == "--help" ]]; then
    exec ./tern bench-peers --help
  fi
done
NEED_REDIS=$([[ "$ONLY" != "aerospike" ]] && echo yes || echo no)
NEED_TERNDB=$([[ "$ONLY" != "redis" ]] && echo yes || echo no)

# The JDK that ./tern will pick: JAVA_HOME if it is 25 or newer, else the first such JDK in the usual places.
tern_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" && -f "$candidate/release" ]] || continue
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")"
    if [[ -n "$major" && "$major" -ge 25 ]]; then echo "$candidate"; return; fi
  done
}

print_machine() {
  local jdk memory_kb
  jdk="$(tern_jdk)"
  memory_kb="$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo "machine:"
  echo "  processors: $(nproc)"
  echo "  cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "  kernel: $(uname -sr)"
  echo "  memory: $((memory_kb / 1024 / 1024)) GiB"
  if [[ -n "$jdk" ]]; then
    echo "  java: $("$jdk/bin/java" -version 2>&1 | head -n 1)"
  else
    echo "  java: no JDK 25+ found (./tern will say so)"
  fi
  if command -v redis-server >/dev/null; then
    echo "  redis: $(redis-server --version)"
  fi
}

ensure_redis() {
  command -v redis-server >/dev/null && return 0
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || { log "redis-server is missing and neither root nor sudo is available"; exit 1; }
    sudo=(sudo)
  fi
  log "redis-server not found; installing Debian's redis-server"
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y redis-server
}

redis_ready() {
  if command -v redis-cli >/dev/null; then
    [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping)" == "PONG" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1")
  fi
}

terndb_ready() {
  [[ "$(./tern info -p "$1" --timeout 500 status)" == "ok" ]]
}

write_terndb_config() { # PATH SERVICE_PORT HEARTBEAT_PORT FABRIC_PORT
  # Aerospike's format: one setting per line.
  cat >"$1" <<CONFIG
service {
  cluster-name bench${TERN_SERVICE_THREADS:+
  service-threads $TERN_SERVICE_THREADS}
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
namespace test {
  replication-factor 1
  default-ttl 0
  nsup-period 120
$(storage_stanza "$(dirname "$1")")
}
CONFIG
}

storage_stanza() { # DIRECTORY
  case "${TERN_STORAGE:-memory}" in
    memory) printf '  storage-engine memory {\n    data-size 4G\n  }' ;;
    device) printf '  storage-engine device {\n    file %s/test.dat\n    filesize 4G\n  }' "$1" ;;
    *) log "TERN_STORAGE must be memory or device, not '$TERN_STORAGE'"; exit 2 ;;
  esac
}

[[ "$NEED_REDIS" == yes ]] && ensure_redis
print_machine
./tern build
TMP_DIR="$(mktemp -d -t tern-peers.XXXXXX)"

REDIS_PORT="$(free_port)"
TERNDB_PORT="$(free_port "$REDIS_PORT")"
HEARTBEAT_PORT="$(free_port "$REDIS_PORT" "$TERNDB_PORT")"
FABRIC_PORT="$(free_port "$REDIS_PORT" "$TERNDB_PORT" "$HEARTBEAT_PORT")"

if [[ "$NEED_REDIS" == yes ]]; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly "${REDIS_APPENDONLY:-no}" \
    --appendfsync no --daemonize no \
    --dir "$TMP_DIR" >"$TMP_DIR/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_ready "redis-server on port $REDIS_PORT" "$REDIS_PID" "$TMP_DIR/redis.log" redis_ready "$REDIS_PORT"
fi
if [[ "$NEED_TERNDB" == yes ]]; then
  write_terndb_config "$TMP_DIR/terndb.conf" "$TERNDB_PORT" "$HEARTBEAT_PORT" "$FABRIC_PORT"
  # From the temporary directory, so anything the node writes next to itself goes away with it.
  (cd "$TMP_DIR" && exec "$ROOT/tern" start --config "$TMP_DIR/terndb.conf") >"$TMP_DIR/terndb.log" 2>&1 &
  TERNDB_PID=$!
  wait_ready "TernDB on port $TERNDB_PORT" "$TERNDB_PID" "$TMP_DIR/terndb.log" terndb_ready "$TERNDB_PORT"
fi

# In the background and waited for, so that INT or TERM reach the trap at once rather than after the run.
./tern bench-peers --aerospike "127.0.0.1:$TERNDB_PORT" --redis "127.0.0.1:$REDIS_PORT" --only "$ONLY" "$@" &
BENCH_PID=$!
wait "$BENCH_PID"
