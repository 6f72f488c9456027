#!/usr/bin/env bash
# Custom-voice preparation time on random full-size cloning graphs (conditioning encoder + perceiver, speaker
# encoder; ~217 MB), generated once into a scratch directory (never committed). Needs the python-torch extra then.
#   bench/run-cloning.sh [DIR] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/cloning-full}
threads=${2:-2}
if [ ! -f "$dir/cloning.json" ]; then
  tools/ensure-services.sh python-torch
  (cd tools/xtts-export && /usr/bin/python3 -c "
from xtts_export.cloning import Cloning, FULL_CLONING
from xtts_export.cloning_export import randomise, export_cloning
import os
c = Cloning(FULL_CLONING); randomise(c, 1); os.makedirs('$dir', exist_ok=True); export_cloning(c.eval(), '$dir')")
fi
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench \
  -Dbench.main=io.briefaudio.bench.VoiceCloningBenchmark -Dbench.args="$dir $threads"
