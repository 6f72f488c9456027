"""PyTorch reference timing for bench/run-kokoro.sh: the exporter's own modules on the same random full-size
weights as `--random-full --seed S` (the same seed gives the same weights), over the phoneme chunks the Java
benchmark wrote, with the voice af_heart's style row by the official rule.

    /usr/bin/python3 bench_torch.py --phonemes FILE --json OUT [--seed 1234]"""
import argparse
import json
import time

import torch

from kokoro_export import voices
from kokoro_export.random_model import VOICE_NAMES, full_config, random_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--phonemes", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    torch.set_num_threads(1)
    model = random_model(full_config(), args.seed)
    pack = voices.random_packs(VOICE_NAMES, args.seed)["af_heart"]
    with open(args.phonemes, encoding="utf-8") as f:
        chunks = [line.rstrip("\n") for line in f if line.strip()]
    samples, started = 0, time.perf_counter()
    with torch.no_grad():
        for phonemes in chunks:
            ids = model.input_ids(phonemes)
            row = min(max(len(phonemes) - 1, 0), 509)
            wave, _ = model(ids, torch.tensor(pack[row])[None], torch.tensor([1.0]))
            samples += wave.shape[0]
    wall = time.perf_counter() - started
    audio = samples / 24000
    result = {"chunks": len(chunks), "audio_s": round(audio, 1), "wall_s": round(wall, 1),
              "x_realtime": round(audio / wall, 2), "torch_threads": 1}
    with open(args.json, "w") as f:
        json.dump(result, f)
    print("PyTorch reference:", result)


if __name__ == "__main__":
    main()
