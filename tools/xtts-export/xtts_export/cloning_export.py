"""Writes the voice-cloning part of the model directory: cond_encoder.onnx, speaker_encoder.onnx, the front-end
constants (cloning.bin) and their description (cloning.json). See tools/xtts-export/README.md."""
import json
import os
from dataclasses import replace

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
    """For the random models (--random-full, --random-tiny): the published encoder sizes at full width, the tiny
    ones otherwise. A checkpoint's encoders are read from the checkpoint instead (checkpoint_cloning_dims)."""
    if dims.model_dim == FULL_CLONING.model_dim:
        return replace(FULL_CLONING, cond_heads=dims.heads)
    return tiny_cloning(dims.model_dim, dims.heads, dims.speaker_dim)


def checkpoint_cloning_dims(state: dict, dims) -> CloningDims:
    """The encoders as a (normalised) checkpoint holds them, whatever its width: widths, block, layer and stage
    counts from the tensors' shapes; the conditioning encoder's heads from config.json's gpt_n_heads (`dims.heads`),
    as Coqui builds it; the perceiver's 8 heads, which Coqui fixes (its head width is what the weights leave)."""
    enc, per, spk = PREFIXES

    def shape(key):
        if key not in state:
            raise ValueError(f"voice-cloning keys do not match XTTS v2: missing {key}")
        return tuple(state[key].shape)

    def count(pattern, first=0):
        n = first
        while pattern.format(n) in state:
            n += 1
        return n - first

    model_dim, cond_mels = shape(enc + "init.weight")[:2]
    inner = shape(per + "layers.0.0.to_q.weight")[0]
    stages = count(spk + "layer{}.0.conv1.weight", first=1)
    if model_dim != dims.model_dim:
        raise ValueError(f"the conditioning encoder is {model_dim} wide, the GPT {dims.model_dim} (config.json)")
    if model_dim % dims.heads or inner % FULL_CLONING.perceiver_heads:
        raise ValueError(f"{model_dim} channels do not split into gpt_n_heads={dims.heads} heads, or the perceiver's "
                         f"{inner} into {FULL_CLONING.perceiver_heads}")
    if stages != len(FULL_CLONING.speaker_filters):
        raise ValueError(f"the speaker encoder has {stages} ResNet stages; XTTS v2 has 4")
    return replace(
        FULL_CLONING, model_dim=model_dim, cond_mels=cond_mels, cond_heads=dims.heads,
        cond_blocks=count(enc + "attn.{}.qkv.weight"),
        perceiver_head_dim=inner // FULL_CLONING.perceiver_heads,
        perceiver_depth=count(per + "layers.{}.0.to_q.weight"), cond_latents=shape(per + "latents")[0],
        speaker_dim=shape(spk + "fc.weight")[0], speaker_attention=shape(spk + "attention.0.weight")[0],
        speaker_filters=tuple(shape(f"{spk}layer{i}.0.conv1.weight")[0] for i in range(1, stages + 1)),
        speaker_layers=tuple(count(f"{spk}layer{i}.{{}}.conv1.weight") for i in range(1, stages + 1)))


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
