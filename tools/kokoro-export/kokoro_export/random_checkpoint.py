"""A random checkpoint directory in hexgrad/Kokoro-82M's layout (kokoro-v1_0.pth with each part's keys under
'module.', config.json, voices/NAME.pt), to run --checkpoint-dir without the real weights.

    /usr/bin/python3 -m kokoro_export.random_checkpoint --out /tmp/ckpt [--tiny]"""
import argparse
import json
import os

import torch

from .model import checkpoint_of
from .random_model import VOICE_NAMES, full_config, random_model, tiny_config
from .voices import random_packs


def write(out, tiny=True, seed=99, new_style_weight_norm=False):
    os.makedirs(os.path.join(out, "voices"), exist_ok=True)
    config = tiny_config() if tiny else full_config()
    model = random_model(config, seed)
    parts = checkpoint_of(model)
    if new_style_weight_norm:  # torch >= 2.1 parametrizations names, as hexgrad's HEAD would save them
        parts = {name: {k.replace(".weight_g", ".parametrizations.weight.original0")
                         .replace(".weight_v", ".parametrizations.weight.original1"): v for k, v in state.items()}
                 for name, state in parts.items()}
    torch.save(parts, os.path.join(out, "kokoro-v1_0.pth"))
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False)
    for name, pack in random_packs(VOICE_NAMES, seed).items():
        torch.save(torch.tensor(pack).reshape(510, 1, 256), os.path.join(out, "voices", name + ".pt"))
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    write(args.out, tiny=args.tiny)
