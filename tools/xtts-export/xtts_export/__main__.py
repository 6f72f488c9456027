"""CLI: /usr/bin/python3 -m xtts_export --out DIR (--checkpoint-dir DIR --accept-cpml | --random-tiny | --random-full)
[--quantize int8], or --quantize int8 --model-dir DIR to add the int8 GPT graph to an exported directory."""
import argparse
import os
import sys
from dataclasses import replace

import torch

from . import checkpoint_dir, cloning_export, export, quantize, tokenizer
from .cloning import Cloning
from .dims import FULL, TINY
from .export import PRESET_SPEAKERS
from .model import Xtts, randomise


def main(argv=None):
    p = argparse.ArgumentParser(prog="xtts_export", description=__doc__)
    src = p.add_mutually_exclusive_group()
    src.add_argument("--checkpoint-dir", help="folder with model.pth, vocab.json, speakers_xtts.pth and config.json")
    src.add_argument("--random-tiny", action="store_true", help="2 layers x 64 wide, for tests")
    src.add_argument("--random-full", action="store_true", help="XTTS v2 sizes with random weights, for benchmarks")
    p.add_argument("--out")
    p.add_argument("--quantize", choices=["int8"],
                   help="also write gpt.int8.onnx (int8 GPT weights, opt-in in the worker; see README)")
    p.add_argument("--model-dir", help="with --quantize int8 and no source: add the int8 graph to this exported directory")
    p.add_argument("--accept-cpml", action="store_true",
                   help="you accept the Coqui Public Model License (non-commercial) for the weights you convert")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    if a.model_dir:
        if not a.quantize or a.out or a.checkpoint_dir or a.random_tiny or a.random_full:
            p.error("--model-dir only goes with --quantize int8 (it adds the int8 graph to an exported directory)")
        if not os.path.isfile(os.path.join(a.model_dir, "manifest.json")):
            p.exit(1, f"{p.prog}: {a.model_dir} has no manifest.json; export it first\n")
        report_int8(a.model_dir, quantize.quantize_dir(a.model_dir))
        return
    if not (a.checkpoint_dir or a.random_tiny or a.random_full) or not a.out:
        p.error("give --out and one of --checkpoint-dir, --random-tiny, --random-full (or --quantize int8 --model-dir DIR)")
    torch.set_num_threads(a.threads)
    if a.checkpoint_dir:
        if not a.accept_cpml:
            p.error("XTTS v2 weights are under the Coqui Public Model License (non-commercial use of the model "
                    "and its output only, https://coqui.ai/cpml.txt). Re-run with --accept-cpml if you accept it.")
        try:
            manifest = from_checkpoint(a.checkpoint_dir, a.out)
        except ValueError as e:   # a checkpoint that is not XTTS v2: say why, without a traceback
            p.exit(1, f"{p.prog}: {e}\n")
    else:
        manifest = random_model(TINY if a.random_tiny else FULL, a.out, a.seed)[1]
    print(f"wrote {a.out}: {manifest['dims']['layers']} layers x {manifest['dims']['model_dim']}, "
          f"{len(manifest['speakers'])} speakers", file=sys.stderr)
    if a.quantize:
        report_int8(a.out, quantize.quantize_dir(a.out))


def report_int8(model_dir, manifest):
    path = os.path.join(model_dir, manifest["files"]["gpt_int8"])
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB, "
          f"{manifest['quantization']['gpt_int8']['matmuls']} weight MatMuls in int8)", file=sys.stderr)


def random_model(base, out, seed, tweak=None):
    """Builds, randomises and exports; `tweak(model, tokenizer)` may adjust weights before export."""
    model, tok, speakers = random_parts(base, seed, tweak)
    name = "random-tiny" if base.layers == TINY.layers else "random-full"
    manifest = export.export_dir(model, tok, speakers, out, f"{name}-seed-{seed}", licensed=False)
    cloning_export.export_cloning(cloning_export.random_cloning(model.dims, seed), out)
    return model, manifest, tok, speakers


def random_parts(base, seed, tweak=None):
    """(model, tokenizer JSON, speakers) with random weights, before export (weight norm not yet folded)."""
    tok = tokenizer.tiny_tokenizer_json()
    dims = replace(base, text_vocab=len(tok["model"]["vocab"]))
    torch.manual_seed(seed)
    model = Xtts(dims)
    randomise(model, seed)
    if tweak:
        tweak(model, tok)
    return model, tok, export.random_speakers(dims, PRESET_SPEAKERS, seed + 1)


def from_checkpoint(folder, out):
    model, tok, speakers, state = checkpoint_dir.read(folder)
    missing = [n for n in PRESET_SPEAKERS if n not in speakers]
    if missing:
        raise SystemExit(f"speakers_xtts.pth lacks the preset voices {missing}")
    checkpoint = "sha256:" + export.sha256(os.path.join(folder, "model.pth"))
    manifest = export.export_dir(model, tok, speakers, out, checkpoint, licensed=True)
    cloning = Cloning(cloning_export.checkpoint_cloning_dims(state, model.dims))
    cloning_export.load_cloning(cloning, state)
    cloning_export.export_cloning(cloning, out)
    return manifest


if __name__ == "__main__":
    main()
