"""The XTTS v2 HiFi-GAN decoder (HifiganGenerator with speaker conditioning), written from docs/spec §6.

Weight-normalised convolutions use torch's classic `weight_norm`, whose `weight_g`/`weight_v` keys are what
the released checkpoint stores. `fold_weight_norm` turns them into plain weights before export.
"""
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import weight_norm, remove_weight_norm

from .dims import (Dims, UPSAMPLE_RATES, UPSAMPLE_KERNELS, RESBLOCK_KERNELS, RESBLOCK_DILATIONS,
                   CODE_STRIDE, OUTPUT_HOP, INPUT_SAMPLE_RATE, OUTPUT_SAMPLE_RATE)

SLOPE = 0.1


class ResBlock1(nn.Module):
    def __init__(self, ch: int, k: int, dilations):
        super().__init__()
        self.convs1 = nn.ModuleList(
            weight_norm(nn.Conv1d(ch, ch, k, dilation=d, padding=(k * d - d) // 2)) for d in dilations)
        self.convs2 = nn.ModuleList(
            weight_norm(nn.Conv1d(ch, ch, k, dilation=1, padding=(k - 1) // 2)) for _ in dilations)

    def forward(self, x):
        return _residual_convs(self.convs1, self.convs2, x)


def _residual_convs(convs1, convs2, x):
    for c1, c2 in zip(convs1, convs2):
        x = x + c2(F.leaky_relu(c1(F.leaky_relu(x, SLOPE)), SLOPE))
    return x


class Generator(nn.Module):
    def __init__(self, dims: Dims):
        super().__init__()
        c0 = dims.decoder_channels
        self.conv_pre = nn.Conv1d(dims.model_dim, c0, 7, padding=3)
        self.cond_layer = nn.Conv1d(dims.speaker_dim, c0, 1)
        self.ups = nn.ModuleList()
        self.conds = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        for i, (u, k) in enumerate(zip(UPSAMPLE_RATES, UPSAMPLE_KERNELS)):
            cin, cout = c0 >> i, c0 >> (i + 1)
            self.ups.append(weight_norm(nn.ConvTranspose1d(cin, cout, k, u, padding=(k - u) // 2)))
            self.conds.append(nn.Conv1d(dims.speaker_dim, cout, 1))
            for rk, rd in zip(RESBLOCK_KERNELS, RESBLOCK_DILATIONS):
                self.resblocks.append(ResBlock1(cout, rk, rd))
        self.conv_post = nn.Conv1d(c0 >> len(UPSAMPLE_RATES), 1, 7, padding=3, bias=False)

    def forward(self, z, g):
        """z [1, D, F] (already interpolated to the output rate), g [1, speaker_dim, 1] -> wav [1, 1, 256F]."""
        o = self.conv_pre(z) + self.cond_layer(g)
        n = len(RESBLOCK_KERNELS)
        for i, up in enumerate(self.ups):
            o = up(F.leaky_relu(o, SLOPE)) + self.conds[i](g)
            o = sum(self.resblocks[i * n + j](o) for j in range(n)) / n
        # The last activation uses PyTorch's default slope 0.01, not 0.1.
        return torch.tanh(self.conv_post(F.leaky_relu(o)))

    def fold_weight_norm(self):
        for m in self.modules():
            if hasattr(m, "weight_g"):
                remove_weight_norm(m)


class PolyphaseUpsample(nn.Module):
    """A ConvTranspose1d computed as one Conv1d with stride x the output channels, then interleaved.

    Output sample S*m + r of a transposed convolution (stride S, kernel K, padding P) sums input m + t through
    tap r + P - S*t, for every t that puts the tap inside the kernel: a plain convolution over the input whose
    output channel (c, r) holds those taps (zero where a phase has no tap at an offset). The same multiply-adds
    as ConvTranspose1d, which ONNX Runtime runs as a matrix product followed by a scatter-add (col2im) several
    times slower per multiply-add than its convolutions. Used for export only; the reference keeps
    ConvTranspose1d.
    """

    def __init__(self, up: nn.ConvTranspose1d):
        super().__init__()
        (s,), (k,), (p,) = up.stride, up.kernel_size, up.padding
        if up.output_padding != (0,) or up.dilation != (1,) or up.groups != 1 or k - 2 * p != s:
            raise ValueError(f"unsupported transposed convolution {up}")
        offsets = [[t for t in range(-k, k) if 0 <= r + p - s * t < k] for r in range(s)]
        # With k - 2p = s the offsets run from -reach to reach: a symmetric padding keeps the input's length.
        reach = max(max(o) for o in offsets)
        w = torch.zeros(up.out_channels, s, up.in_channels, 2 * reach + 1)
        for r, ts in enumerate(offsets):
            for t in ts:
                w[:, r, :, t + reach] = up.weight.detach()[:, :, r + p - s * t].T
        self.stride = s
        self.reach = reach
        self.weight = nn.Parameter(w.reshape(up.out_channels * s, up.in_channels, 2 * reach + 1))
        self.bias = nn.Parameter(up.bias.detach().repeat_interleave(s))

    def forward(self, x):
        y = F.conv1d(x, self.weight, self.bias, padding=self.reach)
        b, _, n = y.shape
        return y.view(b, -1, self.stride, n).transpose(2, 3).reshape(b, -1, n * self.stride)


class HifiDecoder(nn.Module):
    """Holds `waveform_decoder` so keys read `hifigan_decoder.waveform_decoder.*` as in the checkpoint."""

    def __init__(self, dims: Dims):
        super().__init__()
        self.waveform_decoder = Generator(dims)

    def forward(self, latents, g, speed: float = 1.0):
        """latents [1, n, D] -> wav [1, 1, T]; the reference path with torch's own interpolation."""
        z = latents.transpose(1, 2)
        if speed != 1.0:
            z = F.interpolate(z, scale_factor=1.0 / max(speed, 0.05), mode="linear")
        z = F.interpolate(z, scale_factor=[CODE_STRIDE / OUTPUT_HOP], mode="linear")
        z = F.interpolate(z, scale_factor=[OUTPUT_SAMPLE_RATE / INPUT_SAMPLE_RATE], mode="linear")
        return self.waveform_decoder(z, g)


class PlanarResBlock(nn.Module):
    """A ResBlock1 computed on [B, C, 1, T] with (1, k) Conv2d kernels: the same products, exported as 2-D
    convolutions. ONNX Runtime's blocked (NCHWc) convolution kernels take only 2-D convolutions; at 128 and 256
    channels they ran a conv pair 12-25 % faster than its 1-D path (im2col and a matrix product), at 32-64
    channels slower (bench/README.md), so the exporter uses this for the wide stages only.
    Used for export only; the reference keeps ResBlock1.
    """

    def __init__(self, block: ResBlock1):
        super().__init__()
        self.convs1 = nn.ModuleList(_planar(c) for c in block.convs1)
        self.convs2 = nn.ModuleList(_planar(c) for c in block.convs2)

    def forward(self, x):
        return _residual_convs(self.convs1, self.convs2, x.unsqueeze(2)).squeeze(2)


def _planar(conv: nn.Conv1d) -> nn.Conv2d:
    if hasattr(conv, "weight_g"):
        raise ValueError("fold the weight norm before making a planar copy")
    (k,), (d,), (p,) = conv.kernel_size, conv.dilation, conv.padding
    out = nn.Conv2d(conv.in_channels, conv.out_channels, (1, k), dilation=(1, d), padding=(0, p),
                    bias=conv.bias is not None)
    with torch.no_grad():
        out.weight.copy_(conv.weight.unsqueeze(2))
        if conv.bias is not None:
            out.bias.copy_(conv.bias)
    return out
