#!/usr/bin/env bash
# Kokoro engine benchmark on random full-size weights (82 M parameters, the published config.json), exported once
# into a scratch directory (never committed): the 5-item brief of the XTTS benchmark through the worker's narration
# path, and the exporter's PyTorch modules on the same weights and the same phoneme chunks in the same run.
# Random weights: the timing is real, the audio is noise; see bench/README.md.
#   bench/run-kokoro.sh [--model-dir /tmp/kokoro-full] [--threads 2] [--slots 1] [--precision fp32|int8] [--json FILE] [--no-torch]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/kokoro-full
torch=1
threads=2
slots=1
precision=fp32
json=
while [ $# -gt 0 ]; do
  case "$1" in
    --model-dir) dir=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --slots) slots=$2; shift 2 ;;
    --precision) precision=$2; shift 2 ;;
    --json) json=$(realpath -m "$2"); shift 2 ;;
    --no-torch) torch=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ ! -f "$dir/manifest.json" ] || { [ "$precision" = int8 ] && ! grep -q model_int8 "$dir/manifest.json"; }; then
  tools/ensure-services.sh python-torch
  (cd tools/kokoro-export && /usr/bin/python3 -m kokoro_export --random-full --out "$dir" --quantize int8)
fi
# The JVM sized as the worker image sizes it in the Kokoro pool's container (2 GiB limit, -XX:MaxRAMPercentage=75:
# 32 MB initial heap, 1.5 GB maximum); on this 24 GB machine the defaults would start with a 380 MB heap.
run() {
  ./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench -Dbench.jvm="-XX:MaxRAM=2g -XX:MaxRAMPercentage=75" \
    -Dbench.main=io.briefaudio.bench.KokoroBenchmark -Dbench.args="--model-dir $dir $*"
}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kokoro-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
torch_json=
if [ "$torch" = 1 ]; then
  run --phonemes-out "$scratch/phonemes.txt"
  # PyTorch as the known-good page prescribes: OpenBLAS on 2 threads, torch on 1, old-OpenBLAS overrides unset.
  (cd tools/kokoro-export && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 \
    /usr/bin/python3 bench_torch.py --phonemes "$scratch/phonemes.txt" --json "$scratch/torch.json")
  torch_json="--torch $scratch/torch.json"
fi
run --threads "$threads" --slots "$slots" --precision "$precision" $torch_json ${json:+--json "$json"}
