#!/usr/bin/env bash
# XTTS engine benchmark on random full-size weights (30 x 1024, 16 heads), generated once into a scratch
# directory (never committed). Needs the python-torch extra. The PyTorch reference is timed in the same run
# (skip it with --no-torch).
#   bench/run-xtts.sh [--model-dir /tmp/xtts-full] [--threads 2] [--batch 1,2,4,8,16] [--codes 40]
#                     [--slots 8] [--max-batch 16] [--json FILE] [--no-torch] [--precision fp32|int8]
# --precision int8 runs everything on the int8 GPT graph, added to the directory first if it lacks one.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/xtts-full
torch=1
precision=fp32
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --model-dir) dir=$2; shift 2 ;;
    --no-torch) torch=0; shift ;;
    --json) pass+=(--json "$(realpath -m "$2")"); shift 2 ;;
    --precision) precision=$2; pass+=(--precision "$2"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
# PyTorch timing as the known-good page prescribes: OpenBLAS on 2 threads, torch on 1, and the machine's
# old-OpenBLAS overrides unset for this command only.
torch_bench() {
  (cd tools/xtts-export && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 \
    /usr/bin/python3 bench_torch.py --out "$dir" "$@")
}
if [ ! -f "$dir/manifest.json" ] || ! grep -q '"format_version": 3' "$dir/manifest.json"; then
  tools/ensure-services.sh python-torch
  torch_bench
elif [ "$torch" = 1 ]; then
  torch_bench --time-only
fi
if [ "$precision" = int8 ] && ! grep -q "\"gpt_int8\"" "$dir/manifest.json"; then
  (cd tools/xtts-export && /usr/bin/python3 -m xtts_export --quantize int8 --model-dir "$dir")
fi
# The KV cache lives in direct buffers: allow more of them than the 1 GB heap.
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench -Dbench.jvm="-Xmx1g -XX:MaxDirectMemorySize=10g" \
  -Dbench.main=io.briefaudio.bench.XttsBenchmark -Dbench.args="--model-dir $dir ${pass[*]}"
