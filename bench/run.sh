#!/usr/bin/env bash
# Runs a benchmark against the local PostgreSQL (database briefaudio_bench, recreated each run).
#   bench/run.sh                      queue: claim+complete throughput for 1,2,4,8 workers, pickup latency
#   bench/run.sh --workers 1,4 --items 4000 --pickups 300
set -euo pipefail
cd "$(dirname "$0")/.."
tools/ensure-services.sh
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench -Dbench.args="$*"
