"""Reads a Coqui XTTS v2 checkpoint folder (model.pth, vocab.json, speakers_xtts.pth, config.json) the way
Coqui's loader does: dimensions from config.json, the text vocabulary from the tokenizer, then a strict load."""
import json
import os
import sys
from dataclasses import replace

import torch

from .dims import FULL, Dims
from .model import Xtts, load_checkpoint, normalise_checkpoint

# config.json model_args -> our Dims field; absent entries keep the published v2 values.
MODEL_ARGS = {"gpt_layers": "layers", "gpt_n_model_channels": "model_dim", "gpt_n_heads": "heads",
              "gpt_max_text_tokens": "max_text_tokens", "gpt_max_audio_tokens": "max_audio_tokens",
              "gpt_num_audio_tokens": "audio_vocab", "gpt_start_audio_token": "start_audio",
              "gpt_stop_audio_token": "stop_audio", "d_vector_dim": "speaker_dim"}
CONV_PRE = "hifigan_decoder.waveform_decoder.conv_pre.weight"


def read(folder):
    """Returns (model with the checkpoint's weights, tokenizer JSON, speakers name -> (latent, embedding), the
    normalised state dict, whose voice-cloning keys cloning_export loads)."""
    with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
        tok = json.load(f)
    state = torch.load(os.path.join(folder, "model.pth"), map_location="cpu")
    state = normalise_checkpoint(state.get("model", state))
    dims = dims_for(folder, state, tok)
    model = Xtts(dims)
    skipped = load_checkpoint(model, state)
    print(f"loaded model.pth ({dims.layers} layers x {dims.model_dim}, {dims.heads} heads); not exported "
          f"(voice cloning parts, buffers, aliases): {len(skipped)} keys", file=sys.stderr)
    raw = torch.load(os.path.join(folder, "speakers_xtts.pth"), map_location="cpu")
    speakers = {n: (v["gpt_cond_latent"], v["speaker_embedding"]) for n, v in raw.items()}
    return model, tok, speakers, state


def dims_for(folder, state, tok) -> Dims:
    """config.json's model_args as Coqui builds the model from them; the text vocabulary is max id + 1 of the
    tokenizer (Coqui overwrites gpt_number_text_tokens the same way); the HiFi-GAN width, which Coqui fixes
    at 512, is read from conv_pre so that small test checkpoints load too."""
    dims = FULL
    config = os.path.join(folder, "config.json")
    if os.path.exists(config):
        with open(config, encoding="utf-8") as f:
            args = json.load(f).get("model_args", {})
        dims = replace(dims, **{field: int(args[key]) for key, field in MODEL_ARGS.items() if key in args})
    text_vocab = max(max(t["id"] for t in tok["added_tokens"]), max(tok["model"]["vocab"].values())) + 1
    dims = replace(dims, text_vocab=text_vocab)
    if CONV_PRE in state:
        dims = replace(dims, decoder_channels=int(state[CONV_PRE].shape[0]))
    return dims
