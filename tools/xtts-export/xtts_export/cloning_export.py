"""Writes the voice-cloning part of the model directory: cond_encoder.onnx, speaker_encoder.onnx, the front-end
constants (cloning.bin) and their description (cloning.json). See tools/xtts-export/README.md."""
import json
import os

import numpy as np
import torch

from . import frontend
from .cloning import Cloning, CloningDims, FULL_CLONING, tiny_cloning

OPSET = 17
CLONING_FORMAT = 1
PREFIXES = ("gpt.conditioning_encoder.", "gpt.conditioning_perceiver.", "hifigan_decoder.speaker_encoder.")
# torchaudio's MelSpectrogram/PreEmphasis buffers inside the speaker encoder: constants we compute ourselves.
FRONT_END_BUFFERS = "hifigan_decoder.speaker_encoder.torch_spec."


def load_cloning(cloning: Cloning, state: dict):
    """Loads the cloning keys of a normalised checkpoint strictly (every key of ours, with its shape). Checks the
    checkpoint's own speaker mel filter bank against ours when it carries one."""
    ours = cloning.state_dict()
    # Batch-norm step counters matter only for training; older saves may lack them.
    state = dict(state)
    state.update({k: v for k, v in ours.items() if k.endswith("num_batches_tracked") and k not in state})
    missing = [k for k in ours if k not in state]
    wrong = [f"{k}: {tuple(state[k].shape)} vs {tuple(v.shape)}" for k, v in ours.items()
             if k in state and tuple(state[k].shape) != tuple(v.shape)]
    unknown = [k for k in state if k.startswith(PREFIXES) and k not in ours and not k.startswith(FRONT_END_BUFFERS)]
    if missing or wrong or unknown:
        raise ValueError("voice-cloning keys do not match XTTS v2:\n  missing: %s\n  unknown: %s\n  wrong shape: %s"
                         % (missing[:10], unknown[:10], wrong[:10]))
    cloning.load_state_dict({k: state[k] for k in ours}, strict=True)
    fb = state.get(FRONT_END_BUFFERS + "1.mel_scale.fb")
    if fb is not None:
        ref = frontend.mel_filterbank(frontend.SPEAKER_MEL)
        if fb.shape != ref.shape or np.abs(fb.float().numpy() - ref).max() > 1e-5:
            raise ValueError("the checkpoint's speaker mel filter bank differs from frontend.SPEAKER_MEL")


def cloning_dims(dims) -> CloningDims:
    """The published encoder sizes for a full-size model, the tiny ones otherwise."""
    if dims.model_dim == FULL_CLONING.model_dim:
        return FULL_CLONING
    return tiny_cloning(dims.model_dim, dims.heads, dims.speaker_dim)


def random_cloning(dims, seed: int) -> Cloning:
    cloning = Cloning(cloning_dims(dims))
    randomise(cloning, seed + 100)
    return cloning.eval()


@torch.no_grad()
def randomise(cloning: Cloning, seed: int):
    """Random weights and batch-norm statistics with enough spread that every layer matters in the parity tests."""
    gen = torch.Generator().manual_seed(seed)
    for name, p in list(cloning.named_parameters()) + list(cloning.named_buffers()):
        if name.endswith("num_batches_tracked"):
            continue
        if name.endswith("running_var"):
            p.copy_(0.5 + torch.rand(p.shape, generator=gen))
        elif name == "mel_stats":
            p.copy_(1.0 + 3.0 * torch.rand(p.shape, generator=gen))     # log-mel divisors are positive
        elif name.endswith(("norm.weight", "bn1.weight", "bn2.weight", ".1.weight", "attention.2.weight", "gamma")) \
                and p.dim() == 1:
            p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=gen))
        elif p.dim() >= 2:
            p.copy_(torch.randn(p.shape, generator=gen) / p[0].numel() ** 0.5)
        else:
            p.copy_(0.05 * torch.randn(p.shape, generator=gen))


def export_cloning(cloning: Cloning, out: str) -> dict:
    """Writes the graphs and constants; returns the cloning.json content."""
    cloning = cloning.eval()
    d: CloningDims = cloning.dims
    torch.onnx.export(cloning.cond_graph(), (torch.rand(1, d.cond_mels, 40) + 0.01,),
                      os.path.join(out, "cond_encoder.onnx"), input_names=["mel"], output_names=["latent"],
                      dynamic_axes={"mel": {2: "frames"}}, opset_version=OPSET, do_constant_folding=True)
    torch.onnx.export(cloning.speaker_graph(), (torch.rand(1, d.speaker_mels, 50) + 0.01,),
                      os.path.join(out, "speaker_encoder.onnx"), input_names=["mel"], output_names=["embedding"],
                      dynamic_axes={"mel": {2: "frames"}}, opset_version=OPSET, do_constant_folding=True)
    front = frontend.FrontEnd()
    tables, offset = {}, 0
    with open(os.path.join(out, "cloning.bin"), "wb") as f:
        for name, t in [("cond_filterbank", front.cond_fb), ("cond_window", front.cond_window),
                        ("speaker_filterbank", front.speaker_fb), ("speaker_window", front.speaker_window)]:
            a = t.numpy().astype("<f4")
            f.write(a.tobytes())
            tables[name] = {"offset": offset, "rows": a.shape[0], "cols": a.shape[1] if a.ndim == 2 else 1}
            offset += a.size
    description = {
        "format_version": CLONING_FORMAT,
        "files": {"cond_encoder": "cond_encoder.onnx", "speaker_encoder": "speaker_encoder.onnx",
                  "constants": "cloning.bin"},
        "tables": tables,
        "cond_mel": frontend.COND_MEL, "speaker_mel": frontend.SPEAKER_MEL, "preemphasis": frontend.PREEMPHASIS,
        "settings": frontend.SETTINGS,
        "cond_latents": d.cond_latents, "model_dim": d.model_dim, "speaker_dim": d.speaker_dim,
    }
    with open(os.path.join(out, "cloning.json"), "w") as f:
        json.dump(description, f, indent=1)
    return description
