"""PyTorch side of the XTTS benchmark: builds the random full-size model (seeded, so identical to the exported
one), times cached greedy decoding and HiFi-GAN, and exports the model directory for the Java benchmark.
    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench_torch.py --out /tmp/xtts-full [--codes 60] [--time-only]
With --time-only the directory already exists: the model is rebuilt from the seed and only timed."""
import argparse
import json
import os
import resource
import sys
import time

import torch

from xtts_export import tokenizer
from xtts_export.__main__ import random_parts, random_model, PRESET_SPEAKERS
from xtts_export.dims import FULL
from xtts_export.reference import greedy_codes, waveform

TEXT = ("This is a benchmark sentence for the narration engine, long enough to look like a real chunk of a brief, "
        "with a few clauses and some punctuation.")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--codes", type=int, default=60)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--time-only", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.time()
    if a.time_only:
        model, tok, speakers = random_parts(FULL, seed=11)
    else:
        model, manifest, tok, speakers = random_model(FULL, a.out, seed=11)
    print(f"built{'' if a.time_only else ' and exported'} in {time.time() - t0:.0f} s", file=sys.stderr)
    special = tokenizer.special_ids(tok)
    cond, emb = speakers[PRESET_SPEAKERS[0]]
    ids = tokenizer.encode(tok, tokenizer.prepare(TEXT, "en"))
    greedy_codes(model, cond.reshape(1, 32, -1), ids[:5], special, 5.0, 3)  # warm-up
    t0 = time.time()
    prefix = model.gpt.prefix_embeddings(cond.reshape(1, 32, -1), ids, special["start"], special["stop"])
    with torch.no_grad():
        model.gpt.step(prefix, model.gpt.empty_past())
    prefill = time.time() - t0
    t0 = time.time()
    codes, latents = greedy_codes(model, cond.reshape(1, 32, -1), ids, special, 5.0, a.codes)
    total = time.time() - t0
    decode_rate = (len(codes) - 1) / (total - prefill)
    t0 = time.time()
    wav = waveform(model, latents, emb)
    hifi = time.time() - t0
    result = {"engine": "pytorch-eager", "threads": torch.get_num_threads(),
              "blas": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
              "prefix_positions": prefix.shape[1], "prefill_s": round(prefill, 3), "codes": len(codes),
              "decode_codes_per_s": round(decode_rate, 2),
              "hifigan_rtf": round(hifi / (wav.shape[0] / 24000), 3),
              "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
    with open(os.path.join(a.out, "torch-bench.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result), file=sys.stderr)


if __name__ == "__main__":
    main()
