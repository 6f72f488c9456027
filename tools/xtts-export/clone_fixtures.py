"""Voice-cloning part of the Java test fixtures (called by make_fixtures.py, the single entry point): a short
synthetic 48 kHz WAV clip and the PyTorch reference gpt_cond_latent and speaker_embedding for it."""
import json
import math
import os
import struct

import numpy as np
import torch

from xtts_export import frontend
from xtts_export.cloning_export import random_cloning

RATE, SECONDS = 48000, 1.3
# Short chunks so the reference averages two chunks and skips a third one under min_chunk_seconds.
SETTINGS = dict(frontend.SETTINGS, chunk_seconds=0.5)


def synthetic_clip(seed=11):
    """A voiced-sounding signal: a gliding harmonic tone with syllable-rate amplitude modulation and a little noise,
    quantised to 16 bits (what the WAV holds)."""
    gen = np.random.default_rng(seed)
    t = np.arange(int(RATE * SECONDS)) / RATE
    f0 = 140 + 30 * np.sin(2 * math.pi * 0.7 * t)
    phase = 2 * math.pi * np.cumsum(f0) / RATE
    x = sum(np.sin(k * phase) / k for k in range(1, 12))
    x *= 0.5 + 0.5 * np.sin(2 * math.pi * 4 * t) ** 2
    x = 0.3 * x / np.abs(x).max() + 0.01 * gen.standard_normal(t.shape)
    return np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)


def write_wav(path, pcm, rate):
    data = pcm.astype("<i2").tobytes()
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE")
        f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16))
        f.write(b"data" + struct.pack("<I", len(data)) + data)


def write_cloning_reference(dims, out, seed):
    """Adds reference/clone-clip.wav, clone-cond.f32, clone-speaker.f32 and clone.json under `out`."""
    ref = os.path.join(out, "reference")
    pcm = synthetic_clip()
    write_wav(os.path.join(ref, "clone-clip.wav"), pcm, RATE)
    samples = torch.from_numpy(pcm.astype(np.float32) / 32768.0)
    cond, emb = frontend.clone(random_cloning(dims, seed), samples, RATE, SETTINGS)
    np.asarray(cond.numpy(), dtype="<f4").tofile(os.path.join(ref, "clone-cond.f32"))
    np.asarray(emb.numpy(), dtype="<f4").tofile(os.path.join(ref, "clone-speaker.f32"))
    resampled = frontend.resample(samples[:4800], RATE, frontend.COND_RATE)
    np.asarray(resampled.numpy(), dtype="<f4").tofile(os.path.join(ref, "clone-resampled.f32"))
    with open(os.path.join(ref, "clone.json"), "w") as f:
        json.dump({"clip": "clone-clip.wav", "rate": RATE, "settings": SETTINGS,
                   "gpt_cond_latent": {"file": "clone-cond.f32", "shape": list(cond.shape)},
                   "speaker_embedding": {"file": "clone-speaker.f32", "shape": list(emb.shape)},
                   "resampled_first_4800": {"file": "clone-resampled.f32", "samples": int(resampled.shape[0])}},
                  f, indent=1)
