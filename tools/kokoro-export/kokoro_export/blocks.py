"""Style-conditioned building blocks of StyleTTS 2 as Kokoro uses them (AdaIN, AdaLN, the residual blocks of the
prosody predictor and decoder). Written from the architecture; attribute names follow the checkpoint's keys."""
import math

import torch
from torch import nn
from torch.nn.utils import weight_norm


class AdaIN1d(nn.Module):
    """Instance norm whose scale and shift come from the style: (1 + γ(s)) · norm(x) + β(s). Kokoro builds the norm
    with affine=True (so old torch.onnx keeps its channels); checkpoints do not hold those, so they stay 1 and 0."""

    def __init__(self, style_dim, channels):
        super().__init__()
        self.norm = nn.InstanceNorm1d(channels, affine=True)
        self.fc = nn.Linear(style_dim, channels * 2)

    def forward(self, x, s):
        gamma, beta = self.fc(s).unsqueeze(-1).chunk(2, dim=1)
        return (1 + gamma) * self.norm(x) + beta


class AdaLayerNorm(nn.Module):
    """Layer norm over channels of [B, T, C], scaled and shifted by the style."""

    def __init__(self, style_dim, channels):
        super().__init__()
        self.channels = channels
        self.fc = nn.Linear(style_dim, channels * 2)
        # Explicit ones and zeros: torch 1.13 exports a weightless layer_norm as an invalid LayerNormalization.
        self.register_buffer("unit", torch.ones(channels), persistent=False)
        self.register_buffer("zero", torch.zeros(channels), persistent=False)

    def forward(self, x, s):
        gamma, beta = self.fc(s).unsqueeze(1).chunk(2, dim=-1)
        normed = nn.functional.layer_norm(x, (self.channels,), self.unit, self.zero, eps=1e-5)
        return (1 + gamma) * normed + beta


class ChannelLayerNorm(nn.Module):
    """Layer norm over the channels of [B, C, T] with parameters named gamma and beta."""

    def __init__(self, channels):
        super().__init__()
        self.channels = channels
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        y = nn.functional.layer_norm(x.transpose(1, -1), (self.channels,), self.gamma, self.beta, 1e-5)
        return y.transpose(1, -1)


class AdainResBlk1d(nn.Module):
    """(residual(x, s) + shortcut(x)) / √2; with upsample, both paths double the frames (the residual through a
    depthwise transposed conv, the shortcut by repetition)."""

    def __init__(self, dim_in, dim_out, style_dim, upsample=False):
        super().__init__()
        self.upsample_type = "half" if upsample else "none"
        self.learned_sc = dim_in != dim_out
        self.conv1 = weight_norm(nn.Conv1d(dim_in, dim_out, 3, 1, 1))
        self.conv2 = weight_norm(nn.Conv1d(dim_out, dim_out, 3, 1, 1))
        self.norm1 = AdaIN1d(style_dim, dim_in)
        self.norm2 = AdaIN1d(style_dim, dim_out)
        if self.learned_sc:
            self.conv1x1 = weight_norm(nn.Conv1d(dim_in, dim_out, 1, 1, 0, bias=False))
        self.pool = weight_norm(nn.ConvTranspose1d(dim_in, dim_in, 3, stride=2, groups=dim_in, padding=1,
                                                   output_padding=1)) if upsample else nn.Identity()

    def forward(self, x, s):
        r = nn.functional.leaky_relu(self.norm1(x, s), 0.2)
        r = self.conv1(self.pool(r))
        r = self.conv2(nn.functional.leaky_relu(self.norm2(r, s), 0.2))
        shortcut = x
        if self.upsample_type != "none":
            shortcut = nn.functional.interpolate(shortcut, scale_factor=2.0, mode="nearest")
        if self.learned_sc:
            shortcut = self.conv1x1(shortcut)
        return (r + shortcut) / math.sqrt(2.0)


class BiLstm(nn.LSTM):
    """A one-layer bidirectional LSTM over [B, T, C] that returns only its outputs."""

    def __init__(self, inputs, hidden):
        super().__init__(inputs, hidden, 1, batch_first=True, bidirectional=True)

    def forward(self, x):
        return super().forward(x)[0]
