"""The top-level module whose state_dict keys match XTTS v2's `model.pth` for the inference path."""
import torch
from torch import nn

from .dims import Dims
from .gpt import XttsGpt
from .hifigan import HifiDecoder

# Checkpoint entries this loader skips: the voice-cloning parts are loaded by cloning_export.load_cloning
# (conditioning encoder, perceiver, speaker encoder),
# mel_stats (their mel normaliser), and buffers older transformers/trainer versions saved.
NOT_EXPORTED_PREFIXES = (
    "gpt.conditioning_encoder.", "gpt.conditioning_perceiver.", "hifigan_decoder.speaker_encoder.",
    "mel_stats", "gpt.gpt_inference.",
)
BUFFER_SUFFIXES = (".attn.bias", ".attn.masked_bias")
# Coqui's init_gpt_for_inference sets `gpt.gpt.wte = mel_embedding`, so a checkpoint saved after that set-up
# (fine-tuned ones are) holds the mel embedding a second time under this name. Coqui's loader loads it into the
# same tensor; we skip it and take `gpt.mel_embedding.weight`.
ALIAS_KEYS = ("gpt.gpt.wte.weight",)
TRAINER_PREFIXES = ("dvae.", "torch_mel_spectrogram_style_encoder.", "torch_mel_spectrogram_dvae.")


class Xtts(nn.Module):
    def __init__(self, dims: Dims):
        super().__init__()
        self.dims = dims
        self.gpt = XttsGpt(dims)
        self.hifigan_decoder = HifiDecoder(dims)


def normalise_checkpoint(state: dict) -> dict:
    """Applies the renames Coqui's loader applies, and maps new-style weight-norm keys to the classic ones."""
    out = {}
    for key, value in state.items():
        if key.startswith("xtts."):
            key = key[len("xtts."):]
        key = key.replace(".parametrizations.weight.original0", ".weight_g")
        key = key.replace(".parametrizations.weight.original1", ".weight_v")
        if key.startswith(TRAINER_PREFIXES):
            continue
        out[key] = value
    return out


def load_checkpoint(model: Xtts, state: dict) -> list:
    """Loads the exported subset strictly: every key of ours must be present with its shape; a checkpoint
    key we do not know fails too, unless it is one of the documented not-exported parts. Returns skipped keys."""
    state = normalise_checkpoint(state)
    ours = model.state_dict()
    skipped = [k for k in state if k not in ours and (k.startswith(NOT_EXPORTED_PREFIXES)
                                                      or k.endswith(BUFFER_SUFFIXES) or k in ALIAS_KEYS)]
    unknown = [k for k in state if k not in ours and k not in skipped]
    missing = [k for k in ours if k not in state]
    wrong = [f"{k}: checkpoint {tuple(state[k].shape)} vs ours {tuple(v.shape)}"
             for k, v in ours.items() if k in state and tuple(state[k].shape) != tuple(v.shape)]
    if unknown or missing or wrong:
        raise ValueError("checkpoint does not match XTTS v2:\n  missing: %s\n  unknown: %s\n  wrong shape: %s"
                         % (missing[:10], unknown[:10], wrong[:10]))
    model.load_state_dict({k: state[k] for k in ours}, strict=True)
    return skipped


@torch.no_grad()
def randomise(model: Xtts, seed: int):
    """Random weights with enough spread that greedy decisions have clear margins (parity fixtures)."""
    gen = torch.Generator().manual_seed(seed)
    for name, p in model.named_parameters():
        if name.endswith("weight_g"):
            p.copy_(0.6 + 0.4 * torch.rand(p.shape, generator=gen))
        elif "ln_" in name or "norm" in name:
            p.copy_((1.0 if name.endswith("weight") else 0.0) + 0.1 * torch.randn(p.shape, generator=gen))
        elif p.dim() >= 2:
            fan_in = p.shape[0] if isinstance(p, torch.Tensor) and ".c_" in name else p[0].numel()
            std = 0.5 if "embedding" in name else 1.0 / fan_in ** 0.5
            p.copy_(std * torch.randn(p.shape, generator=gen))
        else:
            p.copy_(0.05 * torch.randn(p.shape, generator=gen))
