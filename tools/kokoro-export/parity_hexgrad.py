"""The exporter's graph against hexgrad/kokoro's own KModel (PyTorch), on the same random full-size weights.

Not a CI test: it reads hexgrad's source, which CI cannot fetch, and hexgrad's HEAD needs torch >= 2.1 and a current
transformers, newer than Debian's. Nothing of hexgrad's is copied into this project; the script imports it from the
folder you name. See README.md, "Parity with hexgrad's KModel".

    /tmp/kokoro-venv/bin/python parity_hexgrad.py --kokoro-src /tmp/kokoro-src [--work /tmp/kokoro-parity]

What it does, on one random checkpoint in hexgrad's layout (kokoro_export.random_checkpoint, full size):
  1. loads it with hexgrad's KModel (its own loader) and checks that every weight arrived (hexgrad retries a failed
     load with strict=False, which would hide a gap);
  2. exports our model directory from the same checkpoint through our command line, with Debian's torch
     (--exporter-python), plus the deterministic twin graph;
  3. runs each case through hexgrad (PyTorch), our graphs (ONNX Runtime) and our PyTorch modules, and compares:
     - durations: hexgrad's pred_dur against the graphs' duration output, exactly;
     - twin: hexgrad with its harmonic source silenced (what our twin graph does; torch.rand and torch.randn_like
       return zeros, the sines are zeroed) against our PyTorch twin and our twin graph: max |diff| of the waveform,
       also without the first and last frame (600 samples; see README.md, "Why the twin's edges differ"). hexgrad's
       STFT takes the angle of bins that are real in exact arithmetic as they come out of rounding (±π by the sign
       of noise); it is given our one branch (parts under 1e-5 set to +0), and its output without that is reported;
     - noise-free source (the issue's twin: hexgrad's random initial phases and noise zeroed, sines on) against our
       PyTorch modules with the same noise zeroed: PyTorch on both sides, since our ONNX graph draws its noise inside;
     - the normal graph: equal durations, finite audio, 600 samples per frame;
     - for scale: hexgrad's own export path (disable_complex=True, its CustomSTFT) against its default path, and
       hexgrad against itself with the F0 curve changed by 1e-6 (how far rounding moves its sine path).
Prints one line per case and writes the numbers as JSON (--json)."""
import argparse
import contextlib
import importlib
import json
import math
import os
import subprocess
import sys
import types

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from kokoro_export import random_checkpoint  # noqa: E402
from kokoro_export.model import SAMPLES_PER_FRAME, KokoroModel, load_checkpoint  # noqa: E402
from kokoro_export.voices import read_pt_dir  # noqa: E402
from kokoro_export.vocoder import SNAP  # noqa: E402

SEED = 1234
# name, phoneme count (ids drawn from the vocabulary, seeded), voice, style row (None: the official rule), speed
CASES = [("T3", 1, "af_heart", None, 1.0),
         ("T50", 48, "af_heart", None, 1.0),
         ("T50-fast", 48, "am_michael", None, 1.25),
         ("T50-slow", 48, "bf_emma", None, 0.8),
         ("T50-row509", 48, "af_heart", 509, 1.0),
         ("T510", 510, "ef_dora", None, 1.0)]
TWIN_EXPORT = """
import sys
from kokoro_export.__main__ import from_checkpoint_dir
from kokoro_export import export
model, _, _ = from_checkpoint_dir(sys.argv[1])
export.export(model, sys.argv[2], deterministic=True)
"""


def import_kokoro(src):
    """hexgrad's kokoro package from `src` without its __init__.py, which imports the pipeline (misaki, spaCy)."""
    package_dir = os.path.join(src, "kokoro")
    if not os.path.isfile(os.path.join(package_dir, "model.py")):
        raise SystemExit(f"{package_dir}/model.py is missing: --kokoro-src must be a hexgrad/kokoro checkout")
    package = types.ModuleType("kokoro")
    package.__path__ = [package_dir]
    sys.modules["kokoro"] = package
    return importlib.import_module("kokoro.model"), importlib.import_module("kokoro.istftnet")


@contextlib.contextmanager
def zero_randomness():
    """torch.rand (hexgrad's initial phases) and torch.randn_like (its noise, and ours) give zeros."""
    rand, randn_like = torch.rand, torch.randn_like
    torch.rand = lambda *shape, **kw: torch.zeros(*shape, **{k: v for k, v in kw.items() if k != "generator"})
    torch.randn_like = lambda x, **kw: torch.zeros_like(x)
    try:
        yield
    finally:
        torch.rand, torch.randn_like = rand, randn_like


@contextlib.contextmanager
def one_phase_branch(istftnet):
    """hexgrad's TorchSTFT.transform with parts under 1e-5 set to +0 before the angle, as our graph does (vocoder.SNAP):
    a bin that is real in exact arithmetic (the DC and Nyquist bins always, every bin of a constant source) has phase
    0 or +π instead of ±π by the sign of rounding noise, which moves the audio wherever it flips."""
    original = istftnet.TorchSTFT.transform

    def transform(self, input_data):
        spec = torch.stft(input_data, self.filter_length, self.hop_length, self.win_length,
                          window=self.window.to(input_data.device), return_complex=True)
        real = torch.where(spec.real.abs() < SNAP, torch.zeros_like(spec.real), spec.real)
        imag = torch.where(spec.imag.abs() < SNAP, torch.zeros_like(spec.imag), spec.imag)
        return torch.abs(spec), torch.atan2(imag, real)

    istftnet.TorchSTFT.transform = transform
    try:
        yield
    finally:
        istftnet.TorchSTFT.transform = original


@contextlib.contextmanager
def nudged_f0(istftnet, factor):
    """hexgrad's generator fed its F0 curve times `factor`: how far rounding-sized changes of the source move its audio."""
    original = istftnet.Generator.forward
    istftnet.Generator.forward = lambda self, x, s, f0: original(self, x, s, f0 * factor)
    try:
        yield
    finally:
        istftnet.Generator.forward = original


@contextlib.contextmanager
def silent_source(istftnet):
    """hexgrad's SineGen as our twin graph has it: no sines, no noise (its tanh(linear(0)) still feeds the STFT)."""
    original = istftnet.SineGen.forward

    def silent(self, f0):
        sines, uv, noise = original(self, f0)
        return torch.zeros_like(sines), uv, torch.zeros_like(noise)

    istftnet.SineGen.forward = silent
    try:
        with zero_randomness():
            yield
    finally:
        istftnet.SineGen.forward = original


def check_hexgrad_load(kmodel, checkpoint):
    """Every tensor of the checkpoint is in hexgrad's model with the same value (weight norm compared as the weight
    it computes); returns what is missing or different, beyond the AdaIN norms that no checkpoint holds."""
    parts = torch.load(checkpoint, map_location="cpu")
    problems = []
    for name, state in parts.items():
        module = getattr(kmodel, name)
        ours = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
        theirs = dict(module.state_dict())
        for key, value in ours.items():
            candidates = [key, key.replace(".weight_g", ".parametrizations.weight.original0")
                          .replace(".weight_v", ".parametrizations.weight.original1")]
            found = next((theirs[c] for c in candidates if c in theirs), None)
            if found is None:
                problems.append(f"{name}.{key}: not in KModel")
            elif found.shape != value.shape or not torch.equal(found, value):
                problems.append(f"{name}.{key}: differs")
    return problems


def run_ort(session, ids, style, speed):
    wave, duration = session.run(["waveform", "duration"], {
        "input_ids": ids.numpy(), "style": style.numpy(), "speed": np.array([speed], dtype=np.float32)})
    return np.asarray(wave).reshape(-1), np.asarray(duration).reshape(-1)


def diffs(a, b):
    a, b = np.asarray(a, dtype=np.float64).reshape(-1), np.asarray(b, dtype=np.float64).reshape(-1)
    if a.shape != b.shape:
        return {"length": [int(a.size), int(b.size)]}
    d = np.abs(a - b)
    inner = d[SAMPLES_PER_FRAME:-SAMPLES_PER_FRAME] if d.size > 2 * SAMPLES_PER_FRAME else d[:0]
    return {"max": float(d.max()), "inner_max": float(inner.max()) if inner.size else None,
            "edge_max": float(max(d[:SAMPLES_PER_FRAME].max(), d[-SAMPLES_PER_FRAME:].max())),
            "over_1e-3": int((d > 1e-3).sum()), "rms_ref": float(np.sqrt((b ** 2).mean()))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kokoro-src", required=True, help="a hexgrad/kokoro checkout (its kokoro/*.py are imported)")
    parser.add_argument("--work", default="/tmp/kokoro-parity", help="scratch folder for the checkpoint and graphs")
    parser.add_argument("--exporter-python", default="/usr/bin/python3",
                        help="the interpreter our exporter runs with (Debian's, torch 1.13)")
    parser.add_argument("--json", help="write the numbers here")
    args = parser.parse_args()
    torch.set_num_threads(1)
    import onnxruntime as ort
    model_module, istftnet = import_kokoro(args.kokoro_src)

    checkpoint_dir = os.path.join(args.work, "checkpoint")
    out_dir = os.path.join(args.work, "model")
    twin_path = os.path.join(args.work, "model.twin.onnx")
    if not os.path.isfile(os.path.join(checkpoint_dir, "kokoro-v1_0.pth")):
        random_checkpoint.write(checkpoint_dir, tiny=False, seed=SEED)
    checkpoint = os.path.join(checkpoint_dir, "kokoro-v1_0.pth")
    if not os.path.isfile(os.path.join(out_dir, "model.onnx")):
        subprocess.run([args.exporter_python, "-m", "kokoro_export", "--checkpoint-dir", checkpoint_dir,
                        "--out", out_dir], cwd=HERE, check=True)
    if not os.path.isfile(twin_path):
        subprocess.run([args.exporter_python, "-c", TWIN_EXPORT, checkpoint_dir, twin_path], cwd=HERE, check=True)

    config = os.path.join(checkpoint_dir, "config.json")
    kmodel = model_module.KModel(repo_id="hexgrad/Kokoro-82M", config=config, model=checkpoint).eval()
    kmodel_custom = model_module.KModel(repo_id="hexgrad/Kokoro-82M", config=config, model=checkpoint,
                                        disable_complex=True).eval()
    load_problems = check_hexgrad_load(kmodel, checkpoint)
    print(f"hexgrad KModel loaded the checkpoint: {'every tensor' if not load_problems else load_problems[:10]}")
    with open(config, encoding="utf-8") as f:
        ours = load_checkpoint(KokoroModel(json.load(f)).eval(), checkpoint)
    packs = read_pt_dir(os.path.join(checkpoint_dir, "voices"))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    normal = ort.InferenceSession(os.path.join(out_dir, "model.onnx"), options)
    twin = ort.InferenceSession(twin_path, options)

    vocab = sorted(kmodel.vocab.values())
    rng = np.random.RandomState(SEED)
    results = {"torch": torch.__version__, "onnxruntime": ort.__version__, "load_problems": load_problems,
               "cases": []}
    for name, count, voice, row, speed in CASES:
        ids = torch.tensor([[0, *rng.choice(vocab, count).tolist(), 0]], dtype=torch.long)
        row = min(max(count - 1, 0), 509) if row is None else row
        style = torch.tensor(packs[voice][row])[None]
        with torch.no_grad():
            with silent_source(istftnet), one_phase_branch(istftnet):
                hex_twin, hex_dur = kmodel.forward_with_tokens(ids, style, speed)
                hex_twin_again, _ = kmodel.forward_with_tokens(ids, style, speed)
            with silent_source(istftnet):
                hex_twin_raw, _ = kmodel.forward_with_tokens(ids, style, speed)
            with zero_randomness(), one_phase_branch(istftnet):
                hex_quiet, _ = kmodel.forward_with_tokens(ids, style, speed)
                our_quiet, our_dur = ours(ids, style, torch.tensor([speed]))
            if name == "T50":
                with zero_randomness():
                    hex_custom, _ = kmodel_custom.forward_with_tokens(ids, style, speed)
                    hex_default, _ = kmodel.forward_with_tokens(ids, style, speed)
                with zero_randomness(), one_phase_branch(istftnet), nudged_f0(istftnet, 1 + 1e-6):
                    hex_nudged, _ = kmodel.forward_with_tokens(ids, style, speed)
            ours.set_deterministic(True)
            our_twin, _ = ours(ids, style, torch.tensor([speed]))
            ours.set_deterministic(False)
            hex_normal, hex_normal_dur = kmodel.forward_with_tokens(ids, style, speed)
        twin_wave, twin_dur = run_ort(twin, ids, style, speed)
        normal_wave, normal_dur = run_ort(normal, ids, style, speed)
        hex_dur = hex_dur.reshape(-1).numpy()
        frames = int(hex_dur.sum())
        case = {
            "name": name, "tokens": int(ids.shape[1]), "speed": speed, "row": row, "frames": frames,
            "durations_equal": {"twin_graph": bool(np.array_equal(hex_dur, twin_dur)),
                                "normal_graph": bool(np.array_equal(hex_dur, normal_dur)),
                                "hexgrad_normal": bool(np.array_equal(hex_dur, hex_normal_dur.reshape(-1).numpy())),
                                "our_pytorch": bool(np.array_equal(hex_dur, our_dur.numpy()))},
            "hexgrad_twin_deterministic": bool(torch.equal(hex_twin, hex_twin_again)),
            "twin_graph_vs_hexgrad": diffs(twin_wave, hex_twin.numpy()),
            "twin_our_pytorch_vs_hexgrad": diffs(our_twin.numpy(), hex_twin.numpy()),
            "twin_graph_vs_our_pytorch": diffs(twin_wave, our_twin.numpy()),
            "twin_hexgrad_unsnapped_vs_snapped": diffs(hex_twin_raw.numpy(), hex_twin.numpy()),
            "noise_free_our_pytorch_vs_hexgrad": diffs(our_quiet.numpy(), hex_quiet.numpy()),
            "normal_graph": {"samples": int(normal_wave.size), "expected": SAMPLES_PER_FRAME * frames,
                             "finite": bool(np.isfinite(normal_wave).all()),
                             "rms": float(np.sqrt((normal_wave.astype(np.float64) ** 2).mean())),
                             "hexgrad_rms": float(hex_normal.pow(2).mean().sqrt())},
        }
        if name == "T50":
            case["hexgrad_custom_stft_vs_default"] = diffs(hex_custom.numpy(), hex_default.numpy())
            case["noise_free_hexgrad_f0_times_1e-6_vs_hexgrad"] = diffs(hex_nudged.numpy(), hex_quiet.numpy())
        results["cases"].append(case)
        print(f"{name}: T={case['tokens']} speed={speed} row={row} frames={frames} durations "
              f"{'equal' if all(case['durations_equal'].values()) else case['durations_equal']}")
        for key, value in case.items():
            if isinstance(value, dict) and key != "durations_equal":
                print(f"  {key}: {json.dumps(value)}")
        sys.stdout.flush()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    failed = load_problems or any(
        not all(c["durations_equal"].values()) or not c["hexgrad_twin_deterministic"]
        or c["twin_our_pytorch_vs_hexgrad"].get("max", math.inf) > 1e-3
        or (c["twin_graph_vs_hexgrad"].get("inner_max") or 0) > 1e-3
        or c["normal_graph"]["samples"] != c["normal_graph"]["expected"] or not c["normal_graph"]["finite"]
        for c in results["cases"])
    print("parity: " + ("FAILED (see above)" if failed else "durations identical; twin: our PyTorch within 1e-3 of "
                                                              "hexgrad, our graph within 1e-3 inside the edge frames; "
                                                              "normal graph sound"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
