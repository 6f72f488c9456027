#!/usr/bin/env bash
# eSpeak NG narration benchmark: the 5-item brief of the XTTS benchmark through the worker's narration path, with the
# quality gate off and on in the same run (alternating rounds; see bench/README.md).
#   bench/run-espeak.sh [--quality both|on|off] [--rounds 5] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --json) pass+=(--json "$(realpath -m "$2")"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
tools/ensure-services.sh
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench \
  -Dbench.main=io.briefaudio.bench.EspeakBenchmark -Dbench.args="${pass[*]}"
