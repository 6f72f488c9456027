"""Random Kokoro models with the real architecture: full size (82 M parameters, the published config.json) or
tiny (narrow widths, same structure), with the few biases that keep random weights speaking: ≈3 frames per id
(duration_proj ≈ 0 with bias −2.75: Σ of 50 sigmoids ≈ 3.0, away from rounding ties) and F0 ≈ 150 Hz (so the
voiced path of the harmonic source runs)."""
import copy
import json
import os

import torch

from .model import KokoroModel

V1_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "config-v1.0.json")
VOICE_NAMES = ("af_heart", "am_michael", "bf_emma", "ef_dora")


def full_config():
    with open(V1_CONFIG, encoding="utf-8") as f:
        return json.load(f)


def tiny_config():
    config = copy.deepcopy(full_config())
    config.update(hidden_dim=16, n_layer=1)
    config["plbert"] = dict(hidden_size=16, num_attention_heads=2, intermediate_size=32,
                            max_position_embeddings=512, num_hidden_layers=2, embedding_size=16)
    config["istftnet"]["upsample_initial_channel"] = 8
    config["decoder_widths"] = {"width": 16, "asr_res": 8}
    return config


def speaking(model):
    """Sets the duration and pitch biases so random weights give short, voiced audio."""
    with torch.no_grad():
        proj = model.predictor.duration_proj.linear_layer
        proj.weight.mul_(1e-3)
        proj.bias.fill_(-2.75)
        model.predictor.F0_proj.bias.fill_(150.0)
        post = model.decoder.generator.conv_post
        post.weight_g.mul_(0.1)  # keeps exp(spectrum) finite with random weights
    return model


def random_model(config, seed):
    torch.manual_seed(seed)
    return speaking(KokoroModel(config).eval())
