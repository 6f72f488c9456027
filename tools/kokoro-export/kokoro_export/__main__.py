"""Kokoro-82M → Brief Audio's Kokoro model directory.

    /usr/bin/python3 -m kokoro_export --checkpoint-dir ~/Kokoro-82M --out /srv/kokoro [--quantize int8]
    /usr/bin/python3 -m kokoro_export --random-tiny --out /tmp/kokoro-tiny
    /usr/bin/python3 -m kokoro_export --random-full --out /tmp/kokoro-full

A checkpoint directory holds kokoro-v1_0.pth (or one other .pth), config.json and voices/NAME.pt, as
hexgrad/Kokoro-82M publishes them."""
import argparse
import json
import os
import sys

import torch

from . import directory, voices
from .model import CheckpointError, KokoroModel, load_checkpoint
from .random_model import VOICE_NAMES, full_config, random_model, tiny_config


def from_checkpoint_dir(path):
    config_file = os.path.join(path, "config.json")
    if not os.path.isfile(config_file):
        raise CheckpointError(f"{config_file} is missing: expected Kokoro's config.json")
    with open(config_file, encoding="utf-8") as f:
        config = json.load(f)
    weights = [f for f in sorted(os.listdir(path)) if f.endswith(".pth")]
    if not weights:
        raise CheckpointError(f"{path} holds no .pth checkpoint (expected kokoro-v1_0.pth)")
    checkpoint = os.path.join(path, "kokoro-v1_0.pth" if "kokoro-v1_0.pth" in weights else weights[0])
    model = load_checkpoint(KokoroModel(config).eval(), checkpoint)
    packs = voices.read_pt_dir(os.path.join(path, "voices"))
    return model, packs, checkpoint


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kokoro_export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint-dir")
    source.add_argument("--random-tiny", action="store_true")
    source.add_argument("--random-full", action="store_true")
    parser.add_argument("--out", required=True)
    parser.add_argument("--quantize", choices=["int8"])
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    if args.checkpoint_dir:
        try:
            model, packs, checkpoint = from_checkpoint_dir(args.checkpoint_dir)
        except (CheckpointError, ValueError) as e:
            print(f"kokoro_export: {e}", file=sys.stderr)
            return 1
        origin = "checkpoint"
    else:
        config = tiny_config() if args.random_tiny else full_config()
        model = random_model(config, args.seed)
        packs, checkpoint, origin = voices.random_packs(VOICE_NAMES, args.seed), None, "random weights"
    manifest = directory.write(model, packs, args.out, args.quantize == "int8", checkpoint, origin)
    print(f"wrote {args.out}: {', '.join(sorted(manifest['sha256']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
