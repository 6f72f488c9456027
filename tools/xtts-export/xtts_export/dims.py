"""Model dimensions: the published XTTS v2 values, and the small ones used for test fixtures."""
from dataclasses import dataclass, asdict, replace


@dataclass(frozen=True)
class Dims:
    layers: int = 30
    model_dim: int = 1024
    heads: int = 16
    text_vocab: int = 6681
    audio_vocab: int = 1026          # 1024 DVAE codes + start 1024 + stop 1025
    start_audio: int = 1024
    stop_audio: int = 1025
    max_text_tokens: int = 402       # gpt_max_text_tokens
    max_audio_tokens: int = 605      # gpt_max_audio_tokens
    cond_latents: int = 32           # perceiver output length
    speaker_dim: int = 512           # d_vector_dim
    decoder_channels: int = 512      # upsample_initial_channel_decoder

    @property
    def text_positions(self) -> int:  # [START] + text + [STOP]
        return self.max_text_tokens + 2

    @property
    def mel_positions(self) -> int:   # start + codes + stop + one conditioning input
        return self.max_audio_tokens + 3

    @property
    def max_gen_codes(self) -> int:   # codes generate() may produce per chunk
        return self.max_audio_tokens - 3

    def to_json(self) -> dict:
        d = asdict(self)
        d.update(text_positions=self.text_positions, mel_positions=self.mel_positions,
                 max_gen_codes=self.max_gen_codes)
        return d


FULL = Dims()
# Small enough to commit (well under 2 MB as ONNX) yet with every structural feature of the real model.
TINY = replace(FULL, layers=2, model_dim=64, heads=4, text_vocab=0, speaker_dim=32, decoder_channels=32)

# HiFi-GAN layout of XTTS v2 (hifigan_decoder.py HifiDecoder defaults).
UPSAMPLE_RATES = (8, 8, 2, 2)
UPSAMPLE_KERNELS = (16, 16, 4, 4)
RESBLOCK_KERNELS = (3, 7, 11)
RESBLOCK_DILATIONS = ((1, 3, 5), (1, 3, 5), (1, 3, 5))
INPUT_SAMPLE_RATE = 22050
OUTPUT_SAMPLE_RATE = 24000
CODE_STRIDE = 1024                   # ar_mel_length_compression
OUTPUT_HOP = 256
