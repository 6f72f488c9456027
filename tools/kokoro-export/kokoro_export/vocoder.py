"""Kokoro's decoder: StyleTTS 2's decoder blocks and an iSTFTNet generator with an hn-NSF harmonic source, at
24 kHz, 600 samples per predicted frame. Written from the architecture (shared/spec/kokoro.md §2); attribute names
follow the checkpoint's keys. The STFT pair is ours, made of convolutions (so it exports to ONNX opset 17): a
reflect-padded Hann STFT and an overlap-add inverse normalised by the window envelope, as torch.stft/istft.

Kokoro writes three decoder widths as literals (1024, 64, and the last block's 512, which is the generator's
upsample_initial_channel); here they are arguments, `decoder_width` and `asr_res_width` defaulting to the real
values, so tiny test models keep the real architecture (the "one documented patch" of the spec)."""
import math

import numpy as np
import torch
from torch import nn
from torch.nn.utils import weight_norm

from .blocks import AdaIN1d, AdainResBlk1d

SAMPLE_RATE = 24000
HARMONICS = 8
VOICED_HZ = 10.0
SINE_AMP = 0.1
NOISE_STD = 0.003
SNAP = 1e-5


def padding(kernel, dilation=1):
    return (kernel * dilation - dilation) // 2


class AdaINResBlock1(nn.Module):
    """Three (AdaIN, Snake, dilated conv, AdaIN, Snake, conv) steps, each added to its input."""

    def __init__(self, channels, kernel, dilations, style_dim):
        super().__init__()
        self.convs1 = nn.ModuleList([weight_norm(nn.Conv1d(channels, channels, kernel, dilation=d,
                                                           padding=padding(kernel, d))) for d in dilations])
        self.convs2 = nn.ModuleList([weight_norm(nn.Conv1d(channels, channels, kernel, padding=padding(kernel)))
                                     for _ in dilations])
        self.adain1 = nn.ModuleList([AdaIN1d(style_dim, channels) for _ in dilations])
        self.adain2 = nn.ModuleList([AdaIN1d(style_dim, channels) for _ in dilations])
        self.alpha1 = nn.ParameterList([nn.Parameter(torch.ones(1, channels, 1)) for _ in dilations])
        self.alpha2 = nn.ParameterList([nn.Parameter(torch.ones(1, channels, 1)) for _ in dilations])

    @staticmethod
    def snake(x, alpha):
        return x + torch.sin(alpha * x) ** 2 / alpha

    def forward(self, x, s):
        for c1, c2, n1, n2, a1, a2 in zip(self.convs1, self.convs2, self.adain1, self.adain2, self.alpha1, self.alpha2):
            x = x + c2(self.snake(n2(c1(self.snake(n1(x, s), a1)), s), a2))
        return x


def atan2(y, x):
    """atan2 from Atan and comparisons, so ONNX opset 17 has it; y = ±0 with x < 0 gives +π on both runtimes."""
    safe = torch.where(x == 0, torch.ones_like(x), x)
    base = torch.atan(y / safe)
    left = torch.where(y >= 0, base + math.pi, base - math.pi)
    axis = torch.where(y > 0, torch.full_like(y, math.pi / 2),
                       torch.where(y < 0, torch.full_like(y, -math.pi / 2), torch.zeros_like(y)))
    return torch.where(x > 0, base, torch.where(x < 0, left, axis))


class ConvStft(nn.Module):
    """STFT and inverse with a periodic Hann window, centred frames (reflect padding), as convolutions."""

    def __init__(self, n_fft, hop):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        bins = n_fft // 2 + 1
        n = np.arange(n_fft)
        window = 0.5 - 0.5 * np.cos(2 * np.pi * n / n_fft)
        angle = 2 * np.pi * np.outer(np.arange(bins), n) / n_fft
        cos, sin = np.cos(angle), np.sin(angle)
        cos[np.abs(cos) < 1e-9], sin[np.abs(sin) < 1e-9] = 0.0, 0.0  # exact zeros: DC and Nyquist have no imaginary part
        forward = np.concatenate([cos * window, -sin * window])[:, None, :]
        scale = np.full(bins, 2.0)
        scale[0] = scale[-1] = 1.0
        inverse = np.concatenate([cos * (scale / n_fft)[:, None] * window, -sin * (scale / n_fft)[:, None] * window])
        self.register_buffer("forward_basis", torch.tensor(forward, dtype=torch.float32), persistent=False)
        self.register_buffer("inverse_basis", torch.tensor(inverse[:, None, :], dtype=torch.float32), persistent=False)
        self.register_buffer("window_square", torch.tensor((window ** 2)[None, None, :], dtype=torch.float32),
                             persistent=False)

    def transform(self, signal):
        """[B, N] → magnitude and phase [B, bins, N / hop + 1]."""
        pad = self.n_fft // 2
        x = nn.functional.pad(signal[:, None, :], (pad, pad), mode="reflect")
        spec = nn.functional.conv1d(x, self.forward_basis, stride=self.hop)
        bins = self.n_fft // 2 + 1
        # Parts below SNAP are rounding noise (a bin that is exactly 0 or real in exact arithmetic); left alone, their
        # sign decides between +π and −π or picks a random phase, differently on every runtime.
        real = torch.where(spec[:, :bins].abs() < SNAP, torch.zeros_like(spec[:, :bins]), spec[:, :bins])
        imag = torch.where(spec[:, bins:].abs() < SNAP, torch.zeros_like(spec[:, bins:]), spec[:, bins:])
        return torch.sqrt(real ** 2 + imag ** 2), atan2(imag, real)

    def inverse(self, magnitude, phase):
        """Magnitude and phase [B, bins, frames] → [B, 1, hop · (frames − 1)]."""
        frames = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        out = nn.functional.conv_transpose1d(frames, self.inverse_basis, stride=self.hop)
        ones = torch.ones_like(magnitude[:, :1, :])
        envelope = nn.functional.conv_transpose1d(ones, self.window_square, stride=self.hop)
        pad = self.n_fft // 2
        length = out.shape[-1] - 2 * pad
        return out[..., pad:pad + length] / envelope[..., pad:pad + length]


class SineGen(nn.Module):
    """hn-NSF source: 9 harmonics of F0 (phase accumulated per frame, then interpolated linearly to samples),
    zero where F0 ≤ 10 Hz, plus Gaussian noise. `deterministic` silences it (the parity twin, see forward)."""

    def __init__(self, upsample_scale):
        super().__init__()
        self.scale = upsample_scale
        self.deterministic = False

    def forward(self, f0_frames):
        """f0_frames [1, F2] (one value per 300 samples) → sines [1, F2 · 300, 9]."""
        harmonics = torch.arange(1, HARMONICS + 2, dtype=torch.float32)
        rad = torch.remainder(f0_frames[..., None] * harmonics / SAMPLE_RATE, 1.0)
        phase = torch.cumsum(rad, dim=1) * (2 * math.pi * self.scale)
        count = f0_frames.shape[1]
        samples = torch.arange(count * self.scale, dtype=torch.float32)
        position = torch.clamp((samples + 0.5) / self.scale - 0.5, min=0.0)
        left = torch.floor(position)
        weight = (position - left)[None, :, None]
        left = left.long()
        right = torch.clamp(left + 1, max=count - 1)
        phase = phase[:, left] * (1 - weight) + phase[:, right] * weight
        voiced = (f0_frames > VOICED_HZ).float()
        voiced = voiced[:, torch.div(samples.long(), self.scale, rounding_mode="floor")][..., None]
        sines = torch.sin(phase) * SINE_AMP
        if self.deterministic:
            # The twin's source is silent: the STFT phase of a sinusoid jumps by 2π where a bin's imaginary part
            # crosses zero left of the origin, so 1e-7 of rounding moves the audio by 0.04 (measured); no two
            # runtimes agree there. Without the sines every other layer is compared exactly.
            return torch.zeros_like(sines)
        noise = (voiced * NOISE_STD + (1 - voiced) * SINE_AMP / 3) * torch.randn_like(sines)
        return sines * voiced + noise


class SourceModule(nn.Module):
    def __init__(self, upsample_scale):
        super().__init__()
        self.l_sin_gen = SineGen(upsample_scale)
        self.l_linear = nn.Linear(HARMONICS + 1, 1)

    def forward(self, f0_frames):
        return torch.tanh(self.l_linear(self.l_sin_gen(f0_frames)))


class Generator(nn.Module):
    def __init__(self, style_dim, resblock_kernel_sizes, upsample_rates, upsample_initial_channel,
                 resblock_dilation_sizes, upsample_kernel_sizes, gen_istft_n_fft, gen_istft_hop_size):
        super().__init__()
        self.kernels = len(resblock_kernel_sizes)
        scale = math.prod(upsample_rates) * gen_istft_hop_size
        self.m_source = SourceModule(scale)
        self.ups = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        self.noise_convs = nn.ModuleList()
        self.noise_res = nn.ModuleList()
        channels = upsample_initial_channel
        for i, (rate, kernel) in enumerate(zip(upsample_rates, upsample_kernel_sizes)):
            channels = upsample_initial_channel // 2 ** (i + 1)
            self.ups.append(weight_norm(nn.ConvTranspose1d(channels * 2, channels, kernel, rate,
                                                           padding=(kernel - rate) // 2)))
            for k, d in zip(resblock_kernel_sizes, resblock_dilation_sizes):
                self.resblocks.append(AdaINResBlock1(channels, k, d, style_dim))
            if i + 1 < len(upsample_rates):
                stride = math.prod(upsample_rates[i + 1:])
                self.noise_convs.append(nn.Conv1d(gen_istft_n_fft + 2, channels, stride * 2, stride,
                                                  padding=(stride + 1) // 2))
                self.noise_res.append(AdaINResBlock1(channels, 7, [1, 3, 5], style_dim))
            else:
                self.noise_convs.append(nn.Conv1d(gen_istft_n_fft + 2, channels, 1))
                self.noise_res.append(AdaINResBlock1(channels, 11, [1, 3, 5], style_dim))
        self.n_fft = gen_istft_n_fft
        self.conv_post = weight_norm(nn.Conv1d(channels, gen_istft_n_fft + 2, 7, 1, padding=3))
        self.stft = ConvStft(gen_istft_n_fft, gen_istft_hop_size)

    def forward(self, x, s, f0):
        harmonic = self.m_source(f0)[..., 0]
        magnitude, phase = self.stft.transform(harmonic)
        source = torch.cat([magnitude, phase], dim=1)
        for i, up in enumerate(self.ups):
            x = up(nn.functional.leaky_relu(x, 0.1))
            if i == len(self.ups) - 1:
                x = nn.functional.pad(x, (1, 0), mode="reflect")
            x = x + self.noise_res[i](self.noise_convs[i](source), s)
            blocks = self.resblocks[i * self.kernels:(i + 1) * self.kernels]
            x = sum(block(x, s) for block in blocks) / self.kernels
        x = self.conv_post(nn.functional.leaky_relu(x, 0.01))
        bins = self.n_fft // 2 + 1
        return self.stft.inverse(torch.exp(x[:, :bins]), torch.sin(x[:, bins:]))


class Decoder(nn.Module):
    def __init__(self, dim_in, style_dim, istftnet, decoder_width=1024, asr_res_width=64):
        super().__init__()
        out = istftnet["upsample_initial_channel"]
        extra = 2 + asr_res_width
        self.encode = AdainResBlk1d(dim_in + 2, decoder_width, style_dim)
        self.decode = nn.ModuleList([AdainResBlk1d(decoder_width + extra, decoder_width, style_dim)
                                     for _ in range(3)]
                                    + [AdainResBlk1d(decoder_width + extra, out, style_dim, upsample=True)])
        self.F0_conv = weight_norm(nn.Conv1d(1, 1, 3, stride=2, padding=1))
        self.N_conv = weight_norm(nn.Conv1d(1, 1, 3, stride=2, padding=1))
        self.asr_res = nn.Sequential(weight_norm(nn.Conv1d(dim_in, asr_res_width, 1)))
        self.generator = Generator(style_dim, **istftnet)

    def forward(self, asr, f0_curve, n_curve, s):
        f0 = self.F0_conv(f0_curve[:, None])
        n = self.N_conv(n_curve[:, None])
        x = self.encode(torch.cat([asr, f0, n], dim=1), s)
        residual = self.asr_res(asr)
        for block in self.decode:
            x = block(torch.cat([x, residual, f0, n], dim=1), s)  # the last block upsamples; none follows it
        return self.generator(x, s, f0_curve)
