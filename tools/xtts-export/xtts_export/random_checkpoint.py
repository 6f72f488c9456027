"""Writes a checkpoint folder in Coqui's XTTS v2 layout (model.pth, config.json, vocab.json, speakers_xtts.pth)
with random tiny weights, so `--checkpoint-dir` can be tested without the licensed model.

    /usr/bin/python3 -m xtts_export.random_checkpoint --out DIR [--seed N] [--fine-tuned]

The release layout carries the parts we skip (conditioning encoder, perceiver, speaker encoder, mel_stats) and
the attention buffers older transformers versions saved; `--fine-tuned` writes what Coqui's trainer saves
instead: the model's keys under `xtts.`, the trainer's own DVAE and mel-spectrogram modules, and the inference
aliases (`gpt.gpt.wte.weight`, `gpt.gpt_inference.*`).
"""
import argparse
import json
import os

import torch

from . import cloning_export, tokenizer
from .__main__ import random_parts
from .dims import TINY
from .model import Xtts


def write(model: Xtts, tok: dict, speakers: dict, folder: str, fine_tuned=False, seed=0):
    """`model` must still have its weight-norm parameters (export folds them)."""
    os.makedirs(folder, exist_ok=True)
    d, gen = model.dims, torch.Generator().manual_seed(seed)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    # The voice-cloning parts (conditioning encoder, perceiver, speaker encoder, mel_stats) as the real
    # checkpoint names them, plus a front-end buffer of torchaudio's that the loader skips.
    state.update({k: v.clone() for k, v in cloning_export.random_cloning(d, seed).state_dict().items()})
    state["hifigan_decoder.speaker_encoder.torch_spec.1.mel_basis"] = torch.rand(64, 257, generator=gen)
    if fine_tuned:
        state["gpt.gpt.wte.weight"] = state["gpt.mel_embedding.weight"]          # one tensor, two names
        state["gpt.gpt_inference.embeddings.weight"] = state["gpt.mel_embedding.weight"]
        state["gpt.gpt_inference.final_norm.weight"] = state["gpt.final_norm.weight"]
        state = {"xtts." + k: v for k, v in state.items()}
        state["dvae.codebook.embed"] = torch.randn(1024, 8, generator=gen)
        state["torch_mel_spectrogram_dvae.mel_stft.spectrogram.window"] = torch.hann_window(16)
        state["torch_mel_spectrogram_style_encoder.mel_stft.spectrogram.window"] = torch.hann_window(16)
    else:
        for i in range(d.layers):
            state[f"gpt.gpt.h.{i}.attn.bias"] = torch.tril(torch.ones(1, 1, 8, 8, dtype=torch.bool))
            state[f"gpt.gpt.h.{i}.attn.masked_bias"] = torch.tensor(-1e4)
    torch.save({"model": state}, os.path.join(folder, "model.pth"))
    torch.save({name: {"gpt_cond_latent": latent.reshape(1, d.cond_latents, d.model_dim).clone(),
                       "speaker_embedding": emb.reshape(1, d.speaker_dim, 1).clone()}
                for name, (latent, emb) in speakers.items()}, os.path.join(folder, "speakers_xtts.pth"))
    tokenizer.write(tok, os.path.join(folder, "vocab.json"))
    args = {"gpt_layers": d.layers, "gpt_n_model_channels": d.model_dim, "gpt_n_heads": d.heads,
            "gpt_number_text_tokens": d.text_vocab, "gpt_num_audio_tokens": d.audio_vocab,
            "gpt_start_audio_token": d.start_audio, "gpt_stop_audio_token": d.stop_audio,
            "gpt_max_text_tokens": d.max_text_tokens, "gpt_max_audio_tokens": d.max_audio_tokens,
            "decoder_input_dim": d.model_dim, "d_vector_dim": d.speaker_dim}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model": "xtts", "model_args": args}, f, indent=1)


def main(argv=None):
    p = argparse.ArgumentParser(prog="xtts_export.random_checkpoint", description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--fine-tuned", action="store_true")
    a = p.parse_args(argv)
    model, tok, speakers = random_parts(TINY, a.seed)
    write(model, tok, speakers, a.out, a.fine_tuned, a.seed)


if __name__ == "__main__":
    main()
