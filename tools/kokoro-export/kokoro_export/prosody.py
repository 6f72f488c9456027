"""Kokoro's text encoder and prosody predictor (StyleTTS 2's), for one unpadded sequence. Written from the
architecture; attribute names follow the checkpoint's keys."""
import torch
from torch import nn
from torch.nn.utils import weight_norm

from .blocks import AdaLayerNorm, AdainResBlk1d, BiLstm, ChannelLayerNorm


class TextEncoder(nn.Module):
    """ids [1, T] → [1, C, T]: embedding, `depth` × (conv, layer norm, leaky ReLU 0.2), a bi-LSTM."""

    def __init__(self, channels, kernel_size, depth, n_symbols):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, channels)
        self.cnn = nn.ModuleList([nn.Sequential(
            weight_norm(nn.Conv1d(channels, channels, kernel_size, padding=(kernel_size - 1) // 2)),
            ChannelLayerNorm(channels), nn.LeakyReLU(0.2)) for _ in range(depth)])
        self.lstm = BiLstm(channels, channels // 2)

    def forward(self, ids):
        x = self.embedding(ids).transpose(1, 2)
        for block in self.cnn:
            x = block(x)
        return self.lstm(x.transpose(1, 2)).transpose(1, 2)


class DurationEncoder(nn.Module):
    """[1, C, T] and style s [1, S] → [1, T, C + S]: `nlayers` × (bi-LSTM over x‖s, AdaLN), s appended again."""

    def __init__(self, style_dim, d_model, nlayers):
        super().__init__()
        self.lstms = nn.ModuleList()
        for _ in range(nlayers):
            self.lstms.append(BiLstm(d_model + style_dim, d_model // 2))
            self.lstms.append(AdaLayerNorm(style_dim, d_model))

    def forward(self, x, s):
        styles = s[:, None, :].expand(-1, x.shape[2], -1)
        x = torch.cat([x.transpose(1, 2), styles], dim=-1)
        for block in self.lstms:
            if isinstance(block, AdaLayerNorm):
                x = torch.cat([block(x, s), styles], dim=-1)
            else:
                x = block(x)
        return x


class LinearNorm(nn.Module):
    def __init__(self, inputs, outputs):
        super().__init__()
        self.linear_layer = nn.Linear(inputs, outputs)

    def forward(self, x):
        return self.linear_layer(x)


class ProsodyPredictor(nn.Module):
    def __init__(self, style_dim, d_hid, nlayers, max_dur):
        super().__init__()
        self.text_encoder = DurationEncoder(style_dim, d_hid, nlayers)
        self.lstm = BiLstm(d_hid + style_dim, d_hid // 2)
        self.duration_proj = LinearNorm(d_hid, max_dur)
        self.shared = BiLstm(d_hid + style_dim, d_hid // 2)
        self.F0 = self._curve(d_hid, style_dim)
        self.N = self._curve(d_hid, style_dim)
        self.F0_proj = nn.Conv1d(d_hid // 2, 1, 1)
        self.N_proj = nn.Conv1d(d_hid // 2, 1, 1)

    @staticmethod
    def _curve(d_hid, style_dim):
        return nn.ModuleList([AdainResBlk1d(d_hid, d_hid, style_dim),
                              AdainResBlk1d(d_hid, d_hid // 2, style_dim, upsample=True),
                              AdainResBlk1d(d_hid // 2, d_hid // 2, style_dim)])

    def durations(self, d, speed):
        """Frames per token: Σ sigmoid over the max_dur bins, divided by speed, rounded, at least 1."""
        logits = self.duration_proj(self.lstm(d))
        return torch.clamp(torch.round(torch.sigmoid(logits).sum(dim=-1) / speed), min=1).long()[0]

    def F0Ntrain(self, en, s):
        """Aligned features [1, C + S, F] → pitch and energy curves [1, 2F] each."""
        x = self.shared(en.transpose(1, 2)).transpose(1, 2)
        f0, n = x, x
        for block in self.F0:
            f0 = block(f0, s)
        for block in self.N:
            n = block(n, s)
        return self.F0_proj(f0)[:, 0], self.N_proj(n)[:, 0]
