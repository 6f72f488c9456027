#!/usr/bin/env bash
# SSE fan-out benchmark: 1,000 subscribers of one job on one packaged api-service (database briefaudio_bench).
#   bench/run-sse.sh [--subscribers 1000] [--items 50] [--interval-ms 50]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/ensure-services.sh
./mvnw -B -q -ntp -pl api-service -am package -DskipTests
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench \
  -Dbench.main=io.briefaudio.bench.SseFanOutBenchmark -Dbench.args="$*"
