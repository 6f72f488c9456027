"""Regenerates tts-worker/src/test/resources/xtts-tiny: a random tiny model directory plus PyTorch reference
outputs the Java tests must reproduce. Run from this folder: /usr/bin/python3 make_fixtures.py [--out DIR]
Deterministic: fixed seeds, one thread; tests/test_fixtures.py regenerates into a temporary directory and
compares with the committed files (xtts_export/compare.py)."""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F

from clone_fixtures import write_cloning_reference
from xtts_export import quantize, tokenizer
from xtts_export.__main__ import random_model, PRESET_SPEAKERS
from xtts_export.dims import TINY
from xtts_export.quantize_reference import simulate
from xtts_export.reference import greedy_codes, top2_margin, waveform

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tts-worker/src/test/resources/xtts-tiny")
PENALTY = 5.0
STOP_TEXT, CAP_TEXT, CAP = "Hello there, this is a test.", "The weather is nice today!", 8
TOKENIZER_TEXTS = [("Hello there, this is a test.", "en"), ("  The  \"quick\"\tbrown fox!  ", "en"),
                   ("Ça va? Très bien: 42 «ok» & straße", "fr"), ("ni hao", "zh-cn"), ("Ünïcode…?!", "de")]
SPEAKER = PRESET_SPEAKERS[0]


def tune_stop(model, tok):
    """Sets the stop logit's bias so greedy decoding of STOP_TEXT ends by itself after 8-20 codes while
    CAP_TEXT runs past CAP, picking among a grid the value with the clearest greedy decisions."""
    special = tokenizer.special_ids(tok)
    cond = speaker_cond(tok)
    stop_ids = tokenizer.encode(tok, tokenizer.prepare(STOP_TEXT, "en"))
    cap_ids = tokenizer.encode(tok, tokenizer.prepare(CAP_TEXT, "en"))
    best = None
    for step in range(0, 400):
        bias = step * 0.02
        model.gpt.mel_head.bias.data[model.dims.stop_audio] = bias
        codes = greedy_codes(model, cond, stop_ids, special, PENALTY, 40)[0]
        capped = greedy_codes(model, cond, cap_ids, special, PENALTY, CAP)[0]
        if 8 <= len(codes) <= 20 and codes[-1] == model.dims.stop_audio and model.dims.stop_audio not in capped:
            margin = min(top2_margin(model, cond, stop_ids, special, PENALTY, codes),
                         top2_margin(model, cond, cap_ids, special, PENALTY, capped))
            if best is None or margin > best[0]:
                best = (margin, bias)
    assert best, "no stop bias gives a usable fixture; try another seed"
    model.gpt.mel_head.bias.data[model.dims.stop_audio] = best[1]


def speaker_cond(tok):
    # random_model() draws the voices after tweak(); draw the same ones here
    from xtts_export.export import random_speakers
    d = TINY
    return random_speakers(d, PRESET_SPEAKERS, 8)[SPEAKER][0].reshape(1, 32, -1)


def f32(path, tensor):
    np.asarray(tensor, dtype="<f4").tofile(path)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=OUT, help="the committed fixture folder unless given")
    write(p.parse_args(argv).out)


def write(out):
    torch.set_num_threads(1)
    shutil.rmtree(out, ignore_errors=True)
    model, manifest, tok, speakers = random_model(TINY, out, seed=7, tweak=tune_stop)
    special = tokenizer.special_ids(tok)
    cond, emb = speakers[SPEAKER]
    cond = cond.reshape(1, 32, -1)
    ref = {"speaker": SPEAKER, "repetition_penalty": PENALTY, "tokenizer": [], "cases": [], "interpolation": []}
    for text, lang in TOKENIZER_TEXTS:
        prepared = tokenizer.prepare(text, lang)
        ref["tokenizer"].append({"text": text, "language": lang, "prepared": prepared,
                                 "ids": tokenizer.encode(tok, prepared)})
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    for name, text, cap, speeds in [("stop", STOP_TEXT, 602, [1.0, 1.25, 0.8]), ("cap", CAP_TEXT, CAP, [1.0])]:
        ids = tokenizer.encode(tok, tokenizer.prepare(text, "en"))
        codes, latents = greedy_codes(model, cond, ids, special, PENALTY, cap)
        margin = top2_margin(model, cond, ids, special, PENALTY, codes)
        assert margin > 1e-3, f"{name}: greedy margin {margin} too small for a parity fixture"
        case = {"name": name, "text": text, "language": "en", "text_ids": ids, "cap": cap, "codes": codes,
                "stopped": codes[-1] == model.dims.stop_audio, "latents": f"{name}-latents.f32", "waves": {}}
        f32(os.path.join(out, "reference", case["latents"]), latents.numpy())
        for speed in speeds:
            wav = waveform(model, latents, emb, speed)
            case["waves"][str(speed)] = {"file": f"{name}-wave-{speed}.f32", "samples": int(wav.shape[0])}
            f32(os.path.join(out, "reference", case["waves"][str(speed)]["file"]), wav.numpy())
        print(f"{name}: {len(codes)} codes, stopped={case['stopped']}, min greedy margin {margin:.4f}", file=sys.stderr)
        ref["cases"].append(case)
    assert ref["cases"][0]["stopped"] and not ref["cases"][1]["stopped"]
    gen = torch.Generator().manual_seed(3)
    for length, scale in [(5, 4.0), (7, 24000 / 22050), (6, 1 / 1.25), (5, 1 / 0.8), (3, 1 / 0.05)]:
        x = torch.randn(1, 2, length, generator=gen)
        y = F.interpolate(x, scale_factor=[scale], mode="linear")
        ref["interpolation"].append({"scale": scale, "input": x[0].tolist(), "output": y[0].tolist()})
    ref["int8"] = int8_references(model, cond, special, out, ref["cases"])
    with open(os.path.join(out, "reference", "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    write_cloning_reference(model.dims, out, seed=7)


def int8_references(model, cond, special, out, cases):
    """Adds gpt.int8.onnx and what it should compute: greedy codes and latents of the PyTorch stand-in for the
    int8 graph (quantize_reference.py), which the Java engine with precision=int8 must reproduce."""
    quantize.quantize_dir(out)
    sim = simulate(model, onnx.load(os.path.join(out, "gpt.onnx")), onnx.load(os.path.join(out, quantize.INT8_FILE)))
    refs = []
    for case in cases:
        codes, latents = greedy_codes(sim, cond, case["text_ids"], special, PENALTY, case["cap"])
        margin = top2_margin(sim, cond, case["text_ids"], special, PENALTY, codes)
        assert margin > 1e-3, f"int8 {case['name']}: greedy margin {margin} too small for a parity fixture"
        refs.append({"name": case["name"], "codes": codes, "latents": f"int8-{case['name']}-latents.f32"})
        f32(os.path.join(out, "reference", refs[-1]["latents"]), latents.numpy())
        print(f"int8 {case['name']}: {len(codes)} codes, min greedy margin {margin:.4f}", file=sys.stderr)
    return refs


if __name__ == "__main__":
    main()
