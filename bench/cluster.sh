#!/usr/bin/env bash
# Cluster benchmarks on loopback, every node a separate ./tern start process with a device namespace:
#   1. throughput: a 3-node cluster (RF 2) against one node (RF 1), through the official client, with the servers'
#      CPU time per operation (from /proc: every server process's user + system time during the run);
#   2. migration: records loaded into 2 nodes, a third joins: time to a stable cluster, records and MB moved per
#      second; then that node is killed under a write load: time to the survivors' stable cluster and the window
#      of failed writes (tern cluster --kill-pid), and time until the 2-node cluster has settled.
#   bench/cluster.sh                 all, migrate-threads 1 and 4
# Environment: RECORDS (200000), RECORD_BYTES (1000), MIGRATE_THREADS ("1 4"), BENCH_SECONDS (15),
#   HEARTBEAT_INTERVAL_MS (150), HEARTBEAT_TIMEOUT (10), LOAD_ON_LEAVE (1: the loss under a write load; 0: idle),
#   ONLY (throughput or migration), STORAGE (device, or memory), KEEP (1: keep the work folder).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
STOP_TIMEOUT_SECONDS=15
READY_TIMEOUT_SECONDS=60
RECORDS="${RECORDS:-200000}"
RECORD_BYTES="${RECORD_BYTES:-1000}"
MIGRATE_THREADS="${MIGRATE_THREADS:-1 4}"
BENCH_SECONDS="${BENCH_SECONDS:-15}"
HEARTBEAT_INTERVAL_MS="${HEARTBEAT_INTERVAL_MS:-150}"
HEARTBEAT_TIMEOUT="${HEARTBEAT_TIMEOUT:-10}"
WORK="$(mktemp -d -t tern-cluster-bench-XXXXXX)"
declare -a PIDS PORTS HEARTBEATS FABRICS

log() { echo "cluster.sh: $*" >&2; }

cleanup() {
  for pid in "${PIDS[@]:-}"; do stop_process "$pid" server; done
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

# node_config INDEX COUNT REPLICATION MIGRATE_THREADS: the config of node INDEX of COUNT, seeded with the others.
node_config() {
  local index="$1" count="$2" replication="$3" threads="$4" seeds="" other
  for ((other = 0; other < count; other++)); do
    (( other == index )) || seeds+="        mesh-seed-address-port 127.0.0.1 ${HEARTBEATS[$other]}"$'\n'
  done
  mkdir -p "$WORK/node$index"
  cat <<EOF
service {
    cluster-name bench
    migrate-threads $threads
}
logging {
    console {
        context any warning
    }
}
network {
    service {
        address 127.0.0.1
        port ${PORTS[$index]}
    }
    heartbeat {
        mode mesh
        address 127.0.0.1
        port ${HEARTBEATS[$index]}
$seeds        interval $HEARTBEAT_INTERVAL_MS
        timeout $HEARTBEAT_TIMEOUT
    }
    fabric {
        address 127.0.0.1
        port ${FABRICS[$index]}
    }
}
namespace test {
    replication-factor $replication
    nsup-period 0
$(storage_stanza "$index")
}
EOF
}

# storage_stanza INDEX: device files by default, STORAGE=memory for an all-memory namespace.
storage_stanza() {
  if [[ "${STORAGE:-device}" == memory ]]; then
    printf '    storage-engine memory {\n        data-size 8G\n    }\n'
  else
    printf '    storage-engine device {\n        file %s\n        filesize 4G\n    }\n' "$WORK/node$1/test.dat"
  fi
}

start_node() { # INDEX COUNT REPLICATION MIGRATE_THREADS
  local index="$1"
  node_config "$@" > "$WORK/node$index.conf"
  ./tern start --config "$WORK/node$index.conf" > "$WORK/node$index.log" 2>&1 &
  PIDS[$index]=$!
  wait_ready "node $index" "${PIDS[$index]}" "$WORK/node$index.log" ./tern info -p "${PORTS[$index]}" status
}

stop_all() {
  for index in "${!PIDS[@]}"; do stop_process "${PIDS[$index]}" "node $index"; done
  PIDS=()
  rm -rf "$WORK"/node*
}

pick_ports() {
  local taken=""
  for index in 0 1 2; do
    PORTS[$index]=$(free_port $taken); taken+=" ${PORTS[$index]}"
    HEARTBEATS[$index]=$(free_port $taken); taken+=" ${HEARTBEATS[$index]}"
    FABRICS[$index]=$(free_port $taken); taken+=" ${FABRICS[$index]}"
  done
}

cpu_ticks() { # the user + system clock ticks of the given processes and their threads
  local total=0 pid
  for pid in "$@"; do
    read -r -a stat < "/proc/$pid/stat"
    total=$((total + stat[13] + stat[14]))
  done
  echo "$total"
}

# throughput NAME COUNT REPLICATION WORKLOAD: one bench run through the official client, with server CPU per op.
throughput() {
  local name="$1" count="$2" replication="$3" workload="$4" index before after out ops
  pick_ports
  for ((index = 0; index < count; index++)); do start_node "$index" "$count" "$replication" 1; done
  ./tern cluster --ports "$(IFS=,; echo "${PORTS[*]:0:$count}")" --size "$count" >/dev/null
  ./tern bench -p "${PORTS[0]}" --driver aerospike -w I -k 100000 --bin-bytes "$RECORD_BYTES" -z 32 -t 600 >/dev/null
  before=$(cpu_ticks "${PIDS[@]}")
  out=$(./tern bench -p "${PORTS[0]}" --driver aerospike -w "$workload" -k 100000 --bin-bytes "$RECORD_BYTES" \
    -z 32 -t "$BENCH_SECONDS" --warmup 3)
  after=$(cpu_ticks "${PIDS[@]}")
  ops=$(echo "$out" | sed -n 's/^result .*ops_per_s=\([0-9]*\).*/\1/p')
  echo "$out" | grep -E '^(measured|result)' >&2
  local ticks_per_second; ticks_per_second=$(getconf CLK_TCK)
  awk -v n="$name" -v w="$workload" -v ops="${ops//,/}" -v t=$((after - before)) -v hz="$ticks_per_second" \
    -v s="$((BENCH_SECONDS + 3))" 'BEGIN { printf "throughput %-28s %-6s %10.0f ops/s  server CPU %.1f us/op\n",
      n, w, ops, (t / hz) * 1e6 / (ops * s) }'
  stop_all
}

# migration THREADS: load 2 nodes, join a third, then kill it under load and let the two settle.
migration() {
  local threads="$1" joined_ms received moved_mb leave_ms
  pick_ports
  start_node 0 3 2 "$threads"
  start_node 1 3 2 "$threads"
  ./tern cluster --ports "${PORTS[0]},${PORTS[1]}" --size 2 >/dev/null
  log "loading $RECORDS records of $RECORD_BYTES bytes into 2 nodes"
  ./tern bench -p "${PORTS[0]}" --driver aerospike -w I -k "$RECORDS" --bin-bytes "$RECORD_BYTES" -z 32 -t 600 >/dev/null
  start_node 2 3 2 "$threads"
  settled=$(./tern cluster --ports "${PORTS[0]},${PORTS[1]},${PORTS[2]}" --size 3 --poll-ms 10)
  joined_ms=$(echo "$settled" | sed -n 's/.*stable at 3 after \([0-9]*\) ms.*/\1/p')
  view_ms=$(echo "$settled" | sed -n 's/.*view of 3 after \([0-9]*\) ms.*/\1/p')
  received=$(./tern info -p "${PORTS[2]}" namespace/test | tr ';' '\n' | sed -n 's/^migrate_records_received=//p')
  awk -v t="$threads" -v ms="$joined_ms" -v v="$view_ms" -v r="$received" -v b="$RECORD_BYTES" 'BEGIN {
    m = (ms - v) / 1000; mb = r * (b + 64) / 1e6
    printf "join 2->3     migrate-threads %d: stable %5.1f s after the node started (its view after %.1f s);", t, ms / 1000, v / 1000
    printf " %d records (%.0f MB) received in %.1f s: %.0f records/s, %.1f MB/s\n", r, mb, m, r / m, mb / m }'
  if [[ "${LOAD_ON_LEAVE:-1}" == 1 ]]; then
    ./tern cluster --ports "${PORTS[0]},${PORTS[1]}" --size 2 --kill-pid "${PIDS[2]}" --poll-ms 10 \
      | sed 's/^/leave 3->2     /'
  else
    ./tern cluster --ports "${PORTS[0]},${PORTS[1]}" --size 2 --kill-pid "${PIDS[2]}" --threads 0 --poll-ms 10 \
      | sed 's/^/leave 3->2     /'
  fi
  unset 'PIDS[2]'
  stop_all
}

./tern build >/dev/null
log "work folder $WORK; $(nproc) cores"
if [[ "${ONLY:-}" != migration ]]; then
  throughput "one node, RF 1" 1 1 "RU,50"
  throughput "three nodes, RF 2" 3 2 "RU,50"
  throughput "one node, RF 1" 1 1 "RU,0"
  throughput "three nodes, RF 2" 3 2 "RU,0"
fi
if [[ "${ONLY:-}" != throughput ]]; then
  for threads in $MIGRATE_THREADS; do migration "$threads"; done
fi
