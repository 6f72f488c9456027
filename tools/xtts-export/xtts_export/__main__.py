"""CLI: /usr/bin/python3 -m xtts_export --out DIR (--checkpoint-dir DIR --accept-cpml | --random-tiny | --random-full)"""
import argparse
import json
import os
import sys
from dataclasses import replace

import torch

from . import export, tokenizer
from .dims import FULL, TINY
from .model import Xtts, load_checkpoint, randomise

# Studio voices the five presets use (see docs/xtts.md); random models get random voices under these names.
PRESET_SPEAKERS = ["Ana Florence", "Claribel Dervla", "Damien Black", "Sofia Hellen", "Andrew Chipper"]


def main(argv=None):
    p = argparse.ArgumentParser(prog="xtts_export", description=__doc__)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint-dir", help="folder with model.pth, vocab.json and speakers_xtts.pth")
    src.add_argument("--random-tiny", action="store_true", help="2 layers x 64 wide, for tests")
    src.add_argument("--random-full", action="store_true", help="XTTS v2 sizes with random weights, for benchmarks")
    p.add_argument("--out", required=True)
    p.add_argument("--accept-cpml", action="store_true",
                   help="you accept the Coqui Public Model License (non-commercial) for the weights you convert")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    if a.checkpoint_dir:
        if not a.accept_cpml:
            p.error("XTTS v2 weights are under the Coqui Public Model License (non-commercial use of the model "
                    "and its output only, https://coqui.ai/cpml.txt). Re-run with --accept-cpml if you accept it.")
        manifest = from_checkpoint(a.checkpoint_dir, a.out)
    else:
        manifest = random_model(TINY if a.random_tiny else FULL, a.out, a.seed)[1]
    print(f"wrote {a.out}: {manifest['dims']['layers']} layers x {manifest['dims']['model_dim']}, "
          f"{len(manifest['speakers'])} speakers", file=sys.stderr)


def random_model(base, out, seed, tweak=None):
    """Builds, randomises and exports; `tweak(model, tokenizer)` may adjust weights before export."""
    model, tok, speakers = build_random(base, seed, tweak)
    dims = model.dims
    name = "random-tiny" if base.layers == TINY.layers else "random-full"
    manifest = export.export_dir(model, tok, speakers, out, f"{name}-seed-{seed}", licensed=False)
    return model, manifest, tok, speakers


def build_random(base, seed, tweak=None):
    """The seeded random model, tokenizer and voices random_model() exports (same seed, same weights)."""
    tok = tokenizer.tiny_tokenizer_json()
    dims = replace(base, text_vocab=len(tok["model"]["vocab"]))
    torch.manual_seed(seed)
    model = Xtts(dims)
    randomise(model, seed)
    if tweak:
        tweak(model, tok)
    return model, tok, export.random_speakers(dims, PRESET_SPEAKERS, seed + 1)


def from_checkpoint(folder, out):
    with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
        tok = json.load(f)
    state = torch.load(os.path.join(folder, "model.pth"), map_location="cpu")
    state = state.get("model", state)
    dims = replace(FULL, text_vocab=max(t["id"] for t in tok["added_tokens"]) + 1)
    dims = replace(dims, text_vocab=max(dims.text_vocab, max(tok["model"]["vocab"].values()) + 1))
    model = Xtts(dims)
    skipped = load_checkpoint(model, state)
    print(f"loaded model.pth; not exported (voice cloning parts, buffers): {len(skipped)} keys", file=sys.stderr)
    raw = torch.load(os.path.join(folder, "speakers_xtts.pth"), map_location="cpu")
    speakers = {n: (v["gpt_cond_latent"], v["speaker_embedding"]) for n, v in raw.items()}
    missing = [n for n in PRESET_SPEAKERS if n not in speakers]
    if missing:
        raise SystemExit(f"speakers_xtts.pth lacks the preset voices {missing}")
    checkpoint = "sha256:" + export.sha256(os.path.join(folder, "model.pth"))
    return export.export_dir(model, tok, speakers, out, checkpoint, licensed=True)


if __name__ == "__main__":
    main()
