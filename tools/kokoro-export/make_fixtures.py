"""Regenerates the Java test fixtures of the Kokoro engine from a random tiny model (fixed seed, one thread):

    tts-worker/src/test/resources/kokoro-tiny           the exporter's directory (model.onnx, model.int8.onnx,
                                                        config.json, voices/*.bin, manifest.json) and reference/:
                                                        the deterministic twin graph and PyTorch outputs
    tts-worker/src/test/resources/kokoro-tiny-release   the same weights in the kokoro-onnx release's layout:
                                                        kokoro-v1.0.onnx (`tokens`, int32 `speed`), voices-v1.0.bin

Run from this folder: /usr/bin/python3 make_fixtures.py [--out DIR]. tests/test_fixtures.py regenerates into a
temporary directory and compares with the committed files."""
import argparse
import json
import os

import numpy as np
import torch

from kokoro_export import directory, export, voices
from kokoro_export.random_model import random_model, tiny_config

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../tts-worker/src/test/resources")
SEED = 2026
VOICES = ("af_heart", "am_michael", "bf_emma")
RELEASE_VOICES = ("af_heart", "bf_emma")
SENTENCE = "ðə wˈɔTəɹ ɪnðə bˈɑTᵊl, ənd ə kwˈɪk bɹˈWn fˈɑks!"
# name, phonemes, voice, style row (None: the official rule), speed, waveform stride (0: durations only)
CASES = [("one", "ə", "af_heart", None, 1.0, 1),
         ("sentence", SENTENCE, "af_heart", None, 1.0, 10),
         ("fast", SENTENCE, "am_michael", None, 1.25, 10),
         ("slow", SENTENCE, "bf_emma", None, 0.8, 10),
         ("row509", SENTENCE, "af_heart", 509, 1.0, 10),
         ("longest", ("ðə kwˈɪk bɹˈWn fˈɑks " * 40)[:510], "af_heart", None, 1.0, 0)]


def reference(model, packs, out):
    """PyTorch outputs of the deterministic twin (weight norm not folded: the reference is the module itself)."""
    os.makedirs(out, exist_ok=True)
    export.export(model, os.path.join(out, "model.twin.onnx"), deterministic=True)
    model.set_deterministic(True)
    cases = []
    for name, phonemes, voice, row, speed, stride in CASES:
        ids = model.input_ids(phonemes)
        count = ids.shape[1] - 2
        row = min(max(count - 1, 0), 509) if row is None else row
        style = torch.tensor(packs[voice][row])[None]
        with torch.no_grad():
            wave, durations = model(ids, style, torch.tensor([speed]))
        case = {"name": name, "ids": ids[0].tolist(), "voice": voice, "row": row, "speed": speed,
                "durations": durations.tolist(), "samples": int(wave.shape[0]), "stride": stride}
        if stride:
            wave[::stride].numpy().astype("<f4").tofile(os.path.join(out, name + ".f32"))
            case["file"] = name + ".f32"
            case["rms"] = float(wave.pow(2).mean().sqrt())
        cases.append(case)
    model.set_deterministic(False)
    with open(os.path.join(out, "cases.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": SEED, "cases": cases}, f, ensure_ascii=False, indent=1)


def release_layout(model, packs, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(model.config, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "voices-v1.0.bin"), "wb") as f:
        np.savez(f, **{name: packs[name].reshape(510, 1, 256) for name in RELEASE_VOICES})
    export.kokoro_onnx_variant(os.path.join(out, "..", "kokoro-tiny", "model.onnx"),
                               os.path.join(out, "kokoro-v1.0.onnx"), int_speed=True)


def write(root):
    torch.set_num_threads(1)
    model = random_model(tiny_config(), SEED)
    packs = voices.random_packs(VOICES, SEED)
    tiny = os.path.join(root, "kokoro-tiny")
    directory.write(model, packs, tiny, quantize_int8=True)
    reference(model, packs, os.path.join(tiny, "reference"))
    release_layout(model, packs, os.path.join(root, "kokoro-tiny-release"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=OUT, help="folder to write kokoro-tiny and kokoro-tiny-release into")
    write(os.path.abspath(parser.parse_args().out))
