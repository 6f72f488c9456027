"""The XTTS v2 voice-cloning modules, written from docs/spec §3: the conditioning encoder and perceiver that turn
a 22.05 kHz log-mel spectrogram into the 32 GPT conditioning latents, and the H/ASP ResNet speaker encoder that
turns a 16 kHz mel spectrogram into the HiFi-GAN speaker embedding.

Attribute names reproduce the checkpoint keys (`gpt.conditioning_encoder.attn.N.qkv.weight`,
`hifigan_decoder.speaker_encoder.layer2.0.downsample.1.running_var`, ...). The modules take spectrograms; the
front end (resampling, pre-emphasis, STFT, mel filter banks) is in `frontend.py` and, in the worker, in Java.
"""
import math
from dataclasses import dataclass, replace

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class CloningDims:
    model_dim: int = 1024
    cond_heads: int = 16                       # gpt_n_heads: the conditioning encoder's attention heads
    cond_blocks: int = 6
    perceiver_heads: int = 8                   # Coqui's PerceiverResampler fixes 8 heads of 64 at any width
    perceiver_head_dim: int = 64
    perceiver_depth: int = 2
    cond_latents: int = 32
    speaker_dim: int = 512
    speaker_layers: tuple = (3, 4, 6, 3)
    speaker_filters: tuple = (32, 64, 128, 256)
    speaker_attention: int = 128
    cond_mels: int = 80
    speaker_mels: int = 64


FULL_CLONING = CloningDims()


def tiny_cloning(model_dim: int, heads: int, speaker_dim: int) -> CloningDims:
    """Every structural feature of the real encoders (attention blocks, 2 perceiver layers of 8 heads, 4 ResNet
    stages with strided downsampling and SE) at a size that keeps the test fixtures small."""
    return replace(FULL_CLONING, model_dim=model_dim, cond_heads=heads, perceiver_head_dim=4,
                   speaker_dim=speaker_dim, speaker_layers=(2, 1, 1, 1), speaker_filters=(8, 8, 16, 16),
                   speaker_attention=16, cond_blocks=2)


def group_count(channels: int) -> int:
    """Tortoise's `normalization()`: 32 groups, fewer for narrow layers, halved until they divide."""
    groups = 8 if channels <= 16 else 16 if channels <= 64 else 32
    while channels % groups:
        groups //= 2
    return groups


class CondAttentionBlock(nn.Module):
    """GroupNorm, 1x1 qkv laid out per head as [q k v], both q and k scaled by hd^-1/4, 1x1 projection; the
    residual is added to the normalised input (XTTS's AttentionBlock without tortoise_norm)."""

    def __init__(self, channels: int, heads: int):
        super().__init__()
        self.heads = heads
        self.norm = nn.GroupNorm(group_count(channels), channels)
        self.qkv = nn.Conv1d(channels, 3 * channels, 1)
        self.proj_out = nn.Conv1d(channels, channels, 1)

    def forward(self, x):
        b, c, t = x.shape
        normed = self.norm(x)
        hd = c // self.heads
        qkv = self.qkv(normed).reshape(b * self.heads, 3 * hd, t)
        q, k, v = qkv[:, :hd], qkv[:, hd:2 * hd], qkv[:, 2 * hd:]
        scale = 1.0 / math.sqrt(math.sqrt(hd))
        weights = torch.softmax(torch.matmul((q * scale).transpose(1, 2), k * scale), dim=-1)   # [bh, t, s]
        out = torch.matmul(v, weights.transpose(1, 2)).reshape(b, c, t)
        return normed + self.proj_out(out)


class ConditioningEncoder(nn.Module):
    def __init__(self, d: CloningDims):
        super().__init__()
        self.init = nn.Conv1d(d.cond_mels, d.model_dim, 1)
        self.attn = nn.Sequential(*[CondAttentionBlock(d.model_dim, d.cond_heads) for _ in range(d.cond_blocks)])

    def forward(self, mel):
        return self.attn(self.init(mel))


class CrossAttention(nn.Module):
    """Perceiver attention: keys and values come from the latents followed by the context; no biases."""

    def __init__(self, dim: int, heads: int, head_dim: int):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        inner = heads * head_dim
        self.to_q = nn.Linear(dim, inner, bias=False)
        self.to_kv = nn.Linear(dim, 2 * inner, bias=False)
        self.to_out = nn.Linear(inner, dim, bias=False)

    def forward(self, latents, context):
        b, n, _ = latents.shape
        kv = self.to_kv(torch.cat([latents, context], dim=1))
        k, v = kv.chunk(2, dim=-1)

        def heads(t):
            return t.reshape(b, t.shape[1], self.heads, self.head_dim).transpose(1, 2)

        q, k, v = heads(self.to_q(latents)), heads(k), heads(v)
        sim = torch.matmul(q, k.transpose(-1, -2)) * self.head_dim ** -0.5
        out = torch.matmul(torch.softmax(sim, dim=-1), v)
        return self.to_out(out.transpose(1, 2).reshape(b, n, self.heads * self.head_dim))


class Geglu(nn.Module):
    def forward(self, x):
        x, gate = x.chunk(2, dim=-1)
        return x * F.gelu(gate)


class Perceiver(nn.Module):
    """32 learned latents, `depth` x (cross-attention + residual, GEGLU feed-forward + residual), RMSNorm."""

    def __init__(self, d: CloningDims):
        super().__init__()
        inner_ff = int(d.model_dim * 4 * 2 / 3)
        self.latents = nn.Parameter(torch.zeros(d.cond_latents, d.model_dim))
        self.layers = nn.ModuleList(
            nn.ModuleList([CrossAttention(d.model_dim, d.perceiver_heads, d.perceiver_head_dim),
                           nn.Sequential(nn.Linear(d.model_dim, 2 * inner_ff), Geglu(),
                                         nn.Linear(inner_ff, d.model_dim))])
            for _ in range(d.perceiver_depth))
        self.norm = RmsNorm(d.model_dim)

    def forward(self, context):
        x = self.latents.unsqueeze(0).expand(context.shape[0], -1, -1)
        for attn, ff in self.layers:
            x = attn(x, context) + x
            x = ff(x) + x
        return self.norm(x)


class RmsNorm(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(dim))
        self.scale = dim ** 0.5

    def forward(self, x):
        return F.normalize(x, dim=-1) * self.scale * self.gamma


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 8):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(channels, channels // reduction), nn.ReLU(),
                                nn.Linear(channels // reduction, channels), nn.Sigmoid())

    def forward(self, x):
        return x * self.fc(x.mean(dim=(2, 3))).unsqueeze(-1).unsqueeze(-1)


class SeBlock(nn.Module):
    """conv -> ReLU -> BN -> conv -> BN -> SE, plus the (downsampled) input, then ReLU."""

    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.se = SqueezeExcite(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.se(self.bn2(self.conv2(self.bn1(F.relu(self.conv1(x))))))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class SpeakerEncoder(nn.Module):
    """ResNet H/ASP on a 16 kHz power mel spectrogram [1, 64, T] -> L2-normalised embedding [1, speaker_dim]."""

    def __init__(self, d: CloningDims):
        super().__init__()
        f = d.speaker_filters
        self.conv1 = nn.Conv2d(1, f[0], 3, padding=1)
        self.bn1 = nn.BatchNorm2d(f[0])
        cin = f[0]
        for i, (n, cout) in enumerate(zip(d.speaker_layers, f)):
            stride = 1 if i == 0 else 2
            blocks = [SeBlock(cin, cout, stride)] + [SeBlock(cout, cout, 1) for _ in range(n - 1)]
            setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
            cin = cout
        self.instancenorm = nn.InstanceNorm1d(d.speaker_mels)
        pooled = f[-1] * (d.speaker_mels // 8)
        self.attention = nn.Sequential(nn.Conv1d(pooled, d.speaker_attention, 1), nn.ReLU(),
                                       nn.BatchNorm1d(d.speaker_attention),
                                       nn.Conv1d(d.speaker_attention, pooled, 1), nn.Softmax(dim=2))
        self.fc = nn.Linear(2 * pooled, d.speaker_dim)

    def forward(self, mel):
        x = self.instancenorm(torch.log(mel + 1e-6)).unsqueeze(1)
        x = self.bn1(F.relu(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = x.reshape(x.shape[0], -1, x.shape[-1])
        w = self.attention(x)
        mu = torch.sum(x * w, dim=2)
        sigma = torch.sqrt((torch.sum(x * x * w, dim=2) - mu * mu).clamp(min=1e-5))
        return F.normalize(self.fc(torch.cat([mu, sigma], dim=1)), dim=1)


class CondGraph(nn.Module):
    """What cond_encoder.onnx computes for one chunk: power mel [1, 80, T] -> log, clamp, divide by mel_stats ->
    conditioning encoder -> perceiver -> [1, 32, D] (Coqui's [1, D, 32] transposed)."""

    def __init__(self, encoder, perceiver, mel_stats):
        super().__init__()
        self.encoder, self.perceiver = encoder, perceiver
        self.register_buffer("mel_stats", mel_stats.reshape(1, -1, 1).clone())

    def forward(self, mel):
        x = torch.log(torch.clamp(mel, min=1e-5)) / self.mel_stats
        return self.perceiver(self.encoder(x).transpose(1, 2))


class _Holder(nn.Module):
    pass


class Cloning(nn.Module):
    """Holds the modules under the checkpoint's own prefixes: gpt.conditioning_encoder, gpt.conditioning_perceiver,
    hifigan_decoder.speaker_encoder and the top-level mel_stats buffer."""

    def __init__(self, d: CloningDims):
        super().__init__()
        self.dims = d
        self.gpt = _Holder()
        self.gpt.conditioning_encoder = ConditioningEncoder(d)
        self.gpt.conditioning_perceiver = Perceiver(d)
        self.hifigan_decoder = _Holder()
        self.hifigan_decoder.speaker_encoder = SpeakerEncoder(d)
        self.register_buffer("mel_stats", torch.ones(d.cond_mels))

    def cond_graph(self):
        return CondGraph(self.gpt.conditioning_encoder, self.gpt.conditioning_perceiver, self.mel_stats).eval()

    def speaker_graph(self):
        return self.hifigan_decoder.speaker_encoder.eval()
