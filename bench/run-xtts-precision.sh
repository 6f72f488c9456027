#!/usr/bin/env bash
# fp32 against int8 GPT weights on one exported directory (default: the random full-size benchmark model that
# bench/run-xtts.sh makes): error (greedy codes until the first divergence, latent max-abs over a decoded
# sentence) and decode speed at each batch size, both engines in one process, runs interleaved.
#   bench/run-xtts-precision.sh [--model-dir /tmp/xtts-full] [--threads 2] [--batch 1,8] [--codes 30]
#                               [--rounds 2] [--error-codes 200] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/xtts-full
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --model-dir) dir=$2; shift 2 ;;
    --json) pass+=(--json "$(realpath -m "$2")"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
if [ ! -f "$dir/manifest.json" ]; then
  echo "no model in $dir: run bench/run-xtts.sh once (it exports random full-size weights there)" >&2
  exit 1
fi
if ! grep -q "\"gpt_int8\"" "$dir/manifest.json"; then
  (cd tools/xtts-export && /usr/bin/python3 -m xtts_export --quantize int8 --model-dir "$dir")
fi
# Both engines' KV caches live in direct buffers.
./mvnw -B -q -ntp -pl bench -am verify -DskipTests -Prun-bench -Dbench.jvm="-Xmx1g -XX:MaxDirectMemorySize=6g" \
  -Dbench.main=io.briefaudio.bench.XttsPrecisionBenchmark -Dbench.args="--model-dir $dir ${pass[*]}"
