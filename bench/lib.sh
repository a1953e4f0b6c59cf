# Process and port helpers shared by the benchmark scripts (sourced, not run). The caller defines
# log MESSAGE..., STOP_TIMEOUT_SECONDS and READY_TIMEOUT_SECONDS before calling them.

# stop_process PID NAME: TERM, then KILL if it has not gone within STOP_TIMEOUT_SECONDS.
stop_process() {
  local pid="$1" name="$2" waited=0
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( waited < STOP_TIMEOUT_SECONDS * 10 )); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on TERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Htan "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# free_port [TAKEN...]: prints a free loopback port not among TAKEN (ports this script picked but has not bound
# yet; a variable would not do, as callers run this in a subshell).
free_port() {
  local port attempt
  for attempt in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    [[ " $* " == *" $port "* ]] && continue
    port_in_use "$port" || { echo "$port"; return; }
  done
  log "found no free port after 200 tries"
  exit 1
}

# wait_ready NAME PID LOG CHECK...: runs CHECK until it succeeds, the process dies, or the timeout passes.
wait_ready() {
  local name="$1" pid="$2" log_file="$3"
  shift 3
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before it was ready; last lines of its log:"
      tail -n 30 "$log_file" >&2 || true
      exit 1
    fi
    if (( SECONDS >= deadline )); then
      log "$name not ready after ${READY_TIMEOUT_SECONDS}s; last lines of its log:"
      tail -n 30 "$log_file" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  log "$name ready (pid $pid)"
}
