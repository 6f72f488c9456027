"""The audio front end of voice cloning (docs/spec §3.1-3.3), our own PyTorch reference of what Coqui gets from
torchaudio: windowed-sinc resampling, pre-emphasis, centred STFT power spectra and HTK mel filter banks. The Java
worker (`io.briefaudio.worker.tts.xtts.cloning`) reproduces it; the filter banks and windows it reads are the
ones written here, so both sides multiply by identical float32 constants."""
import math

import numpy as np
import torch
import torch.nn.functional as F

COND_RATE, SPEAKER_RATE = 22050, 16000
# wav_to_mel_cloning as get_gpt_cond_latents calls it; the speaker encoder's torchaudio MelSpectrogram.
COND_MEL = {"sample_rate": COND_RATE, "n_fft": 2048, "win_length": 1024, "hop_length": 256, "n_mels": 80,
            "f_min": 0.0, "f_max": 8000.0, "norm": "slaney", "window": "hann"}
SPEAKER_MEL = {"sample_rate": SPEAKER_RATE, "n_fft": 512, "win_length": 400, "hop_length": 160, "n_mels": 64,
               "f_min": 0.0, "f_max": 8000.0, "norm": None, "window": "hamming"}
PREEMPHASIS = 0.97
# config.json's voice settings (the TTS-API path): gpt_cond_len 30, gpt_cond_chunk_len 4, max_ref_len 30.
SETTINGS = {"max_ref_seconds": 30, "cond_seconds": 30, "chunk_seconds": 4, "min_chunk_seconds": 0.33,
            "resample_width": 6, "resample_rolloff": 0.99}


def _hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def _mel_to_hz(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def mel_filterbank(cfg) -> np.ndarray:
    """[n_fft/2+1, n_mels] triangular HTK-scale filters, optionally area-normalised (slaney), in float64."""
    n_freqs = cfg["n_fft"] // 2 + 1
    freqs = np.linspace(0, cfg["sample_rate"] // 2, n_freqs)
    points = _mel_to_hz(np.linspace(_hz_to_mel(cfg["f_min"]), _hz_to_mel(cfg["f_max"]), cfg["n_mels"] + 2))
    widths = np.diff(points)
    slopes = points[None, :] - freqs[:, None]
    rising = -slopes[:, :-2] / widths[:-1]
    falling = slopes[:, 2:] / widths[1:]
    fb = np.maximum(0.0, np.minimum(rising, falling))
    if cfg["norm"] == "slaney":
        fb *= 2.0 / (points[2:] - points[:-2])
    return fb


def window(cfg) -> np.ndarray:
    """The periodic analysis window, zero-padded on both sides to n_fft as torch.stft does."""
    n, total = cfg["win_length"], cfg["n_fft"]
    phase = 2.0 * np.pi * np.arange(n) / n
    w = 0.5 - 0.5 * np.cos(phase) if cfg["window"] == "hann" else 0.54 - 0.46 * np.cos(phase)
    left = (total - n) // 2
    return np.pad(w, (left, total - n - left))


def power_mel(wav: torch.Tensor, cfg, fb: torch.Tensor, win: torch.Tensor) -> torch.Tensor:
    """wav [T] -> [n_mels, frames]: reflect-padded centred STFT, |X|^2, filter bank."""
    pad = cfg["n_fft"] // 2
    x = F.pad(wav.reshape(1, 1, -1), (pad, pad), mode="reflect").reshape(-1)
    spec = torch.stft(x, cfg["n_fft"], hop_length=cfg["hop_length"], window=win, center=False, return_complex=True)
    return torch.matmul(fb.transpose(0, 1), spec.abs() ** 2)


def resample_kernel(orig: int, new: int, width=SETTINGS["resample_width"], rolloff=SETTINGS["resample_rolloff"]):
    """Hann-windowed sinc low-pass kernels, one row per output phase: [new/g, 2w+orig/g] float64, plus the reduced
    rates and w. Output phase j at input offset i uses kernel[j][i]; see resample()."""
    g = math.gcd(orig, new)
    orig, new = orig // g, new // g
    base = min(orig, new) * rolloff
    w = math.ceil(width * orig / base)
    idx = np.arange(-w, w + orig, dtype=np.float64)[None, :] / orig
    t = (-np.arange(new, dtype=np.float64)[:, None] / new + idx) * base
    t = np.clip(t, -width, width)
    hann = np.cos(t * math.pi / width / 2) ** 2
    t = t * math.pi
    with np.errstate(divide="ignore", invalid="ignore"):
        sinc = np.where(t == 0, 1.0, np.sin(t) / t)
    return sinc * hann * (base / orig), orig, new, w


def resample(wav: torch.Tensor, orig: int, new: int) -> torch.Tensor:
    """[T] float32 -> [ceil(new*T/orig)]: kernels in float32, applied with a strided convolution."""
    if orig == new:
        return wav
    kernel, o, n, w = resample_kernel(orig, new)
    k = torch.from_numpy(kernel.astype(np.float32)).unsqueeze(1)          # [n, 1, L]
    x = F.pad(wav.reshape(1, 1, -1), (w, w + o))
    y = F.conv1d(x, k, stride=o)                                           # [1, n, frames]
    out = y.transpose(1, 2).reshape(-1)
    return out[: math.ceil(n * wav.shape[0] / o)]


def preemphasis(wav: torch.Tensor, coefficient=PREEMPHASIS) -> torch.Tensor:
    """y[i] = x[i] - c*x[i-1], with x[-1] taken as x[1] (one-sample reflect pad)."""
    prev = torch.cat([wav[1:2], wav[:-1]])
    return wav - coefficient * prev


class FrontEnd:
    """Float32 constants shared with the Java side."""

    def __init__(self):
        self.cond_fb = torch.from_numpy(mel_filterbank(COND_MEL).astype(np.float32))
        self.cond_window = torch.from_numpy(window(COND_MEL).astype(np.float32))
        self.speaker_fb = torch.from_numpy(mel_filterbank(SPEAKER_MEL).astype(np.float32))
        self.speaker_window = torch.from_numpy(window(SPEAKER_MEL).astype(np.float32))


@torch.no_grad()
def clone(cloning, samples: torch.Tensor, rate: int, settings=SETTINGS, front=None):
    """A mono clip -> (gpt_cond_latent [32, D], speaker_embedding [S]) the way Coqui's get_conditioning_latents
    does with one reference: resample to 22.05 kHz, clip to ±1, keep max_ref_seconds; latents per chunk of
    chunk_seconds (chunks under min_chunk_seconds skipped) averaged; speaker embedding from the 16 kHz audio."""
    front = front or FrontEnd()
    audio = resample(samples.float(), rate, COND_RATE).clamp(-1, 1)
    audio = audio[: int(COND_RATE * settings["max_ref_seconds"])]
    cond_audio = audio[: int(COND_RATE * settings["cond_seconds"])]
    chunk = int(COND_RATE * settings["chunk_seconds"])
    graph, latents = cloning.cond_graph(), []
    for start in range(0, cond_audio.shape[0], chunk):
        piece = cond_audio[start:start + chunk]
        if piece.shape[0] < COND_RATE * settings["min_chunk_seconds"]:
            continue
        latents.append(graph(power_mel(piece, COND_MEL, front.cond_fb, front.cond_window).unsqueeze(0))[0])
    if not latents:
        raise ValueError("clip too short for conditioning")
    cond = torch.stack(latents).mean(dim=0)
    speech16 = preemphasis(resample(audio, COND_RATE, SPEAKER_RATE))
    mel = power_mel(speech16, SPEAKER_MEL, front.speaker_fb, front.speaker_window).unsqueeze(0)
    return cond, cloning.speaker_graph()(mel)[0]
