#!/usr/bin/env bash
# XTTS engine benchmark on random full-size weights (30 x 1024, 16 heads), generated once into a scratch
# directory (never committed). Needs the python-torch extra for the first run.
#   bench/run-xtts.sh [--model-dir /tmp/xtts-full] [--threads 2] [--codes 60] [--runs 2]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/xtts-full
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = "--model-dir" ] && dir=${args[$((i + 1))]}; done
if [ ! -f "$dir/manifest.json" ]; then
  tools/ensure-services.sh python-torch
  # PyTorch timing as the known-good page prescribes: OpenBLAS on 2 threads, torch on 1, and the machine's
  # old-OpenBLAS overrides unset for this command only.
  (cd tools/xtts-export && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 \
    /usr/bin/python3 bench_torch.py --out "$dir")
fi
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench \
  -Dbench.main=io.briefaudio.bench.XttsBenchmark -Dbench.args="--model-dir $dir $*"
