#!/usr/bin/env bash
# Runs the cluster simulator over many seeds: the benchmark-style job (./tern test runs 200).
#   bench/simulate.sh [SEEDS [FIRST_SEED]]     e.g. bench/simulate.sh 5000 1000
# Each seed is a whole cluster on one thread (crashes, restarts, splits, flaps, a lossy control plane, a client
# writing throughout); a failing seed prints the command that replays it. Prints seeds per second at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SEEDS="${1:-2000}"
FIRST="${2:-$(( $(date +%s) % 1000000 ))}"
./tern build >/dev/null
started=$(date +%s)
./tern test -q -pl tern-cluster -Dtest=ClusterSimulationTest#manySeedsKeepEveryInvariant \
  -Dsim.seeds="$SEEDS" -Dsim.firstSeed="$FIRST" -Dsurefire.failIfNoSpecifiedTests=false | grep -E '^seed|failed|replay' | tail -3
elapsed=$(( $(date +%s) - started ))
echo "simulate: $SEEDS seeds from $FIRST passed in ${elapsed} s"
