"""Kokoro-82M as one module, built from a config.json and loaded from a checkpoint in hexgrad's layout (a dict of
the five parts' state dicts: bert, bert_encoder, predictor, text_encoder, decoder). The load is strict, unlike
hexgrad's loader (which retries with strict=False and so hides a wrong checkpoint): the only keys allowed to be
missing are the AdaIN instance norms' affine weight and bias, which Kokoro adds for ONNX export and no trained
checkpoint holds."""
import torch
from torch import nn

from .albert import Albert
from .prosody import ProsodyPredictor, TextEncoder
from .vocoder import Decoder

PARTS = ("bert", "bert_encoder", "predictor", "text_encoder", "decoder")
SAMPLES_PER_FRAME = 600


class CheckpointError(ValueError):
    pass


class KokoroModel(nn.Module):

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.vocab = config["vocab"]
        self.style_dim = config["style_dim"]
        self.bert = Albert(config["n_token"], config["plbert"])
        self.bert_encoder = nn.Linear(self.bert.hidden_size, config["hidden_dim"])
        self.predictor = ProsodyPredictor(config["style_dim"], config["hidden_dim"], config["n_layer"],
                                          config["max_dur"])
        self.text_encoder = TextEncoder(config["hidden_dim"], config["text_encoder_kernel_size"], config["n_layer"],
                                        config["n_token"])
        widths = config.get("decoder_widths", {})
        self.decoder = Decoder(config["hidden_dim"], config["style_dim"], config["istftnet"],
                               decoder_width=widths.get("width", 1024), asr_res_width=widths.get("asr_res", 64))

    def forward(self, input_ids, style, speed):
        """input_ids [1, T] int64 (boundary zeros included), style [1, 2·style_dim], speed [1] float →
        (waveform [600 · Σ durations], durations [T] int64)."""
        s = style[:, self.style_dim:]
        d_en = self.bert_encoder(self.bert(input_ids)).transpose(1, 2)
        d = self.predictor.text_encoder(d_en, s)
        durations = self.predictor.durations(d, speed)
        alignment = self.alignment(durations, input_ids.shape[1])
        f0, n = self.predictor.F0Ntrain(d.transpose(1, 2) @ alignment, s)
        asr = self.text_encoder(input_ids) @ alignment
        waveform = self.decoder(asr, f0, n, style[:, :self.style_dim])
        return waveform.reshape(-1), durations

    @staticmethod
    def alignment(durations, tokens):
        """[1, T, F]: frame f belongs to the token whose cumulative frames first pass f."""
        ends = torch.cumsum(durations, dim=0)
        frames = torch.arange(ends[-1])
        owner = (frames[None, :] >= ends[:, None]).long().sum(dim=0)
        return (torch.arange(tokens)[:, None] == owner[None, :]).float()[None]

    def set_deterministic(self, on=True):
        """Zeroes the harmonic source's noise: the parity twin, equal on every runtime."""
        self.decoder.generator.m_source.l_sin_gen.deterministic = on

    def input_ids(self, phonemes):
        ids = [self.vocab[p] for p in phonemes if p in self.vocab]
        if len(ids) + 2 > self.bert.max_positions:
            raise ValueError(f"{len(ids)} phonemes do not fit {self.bert.max_positions - 2}")
        return torch.tensor([[0, *ids, 0]], dtype=torch.long)


def normalise_keys(state):
    """A part's state dict with DataParallel's 'module.' prefix and new-style weight-norm names made plain."""
    out = {}
    for key, value in state.items():
        if key.startswith("module."):
            key = key[len("module."):]
        key = key.replace(".parametrizations.weight.original0", ".weight_g")
        key = key.replace(".parametrizations.weight.original1", ".weight_v")
        if key == "embeddings.position_ids":  # a buffer older transformers saved
            continue
        out[key] = value
    return out


def load_checkpoint(model, checkpoint):
    """Loads a hexgrad-layout checkpoint (a path or the loaded dict) strictly; raises CheckpointError naming what
    does not fit."""
    parts = torch.load(checkpoint, map_location="cpu") if isinstance(checkpoint, str) else checkpoint
    unknown = set(parts) - set(PARTS)
    missing_parts = set(PARTS) - set(parts)
    if unknown or missing_parts:
        raise CheckpointError(f"checkpoint parts {sorted(parts)}: expected {list(PARTS)}")
    for name in PARTS:
        module = getattr(model, name)
        state = normalise_keys(parts[name])
        expected = module.state_dict()
        missing = [k for k in expected if k not in state and not _affine_norm(k)]
        extra = [k for k in state if k not in expected]
        if missing or extra:
            raise CheckpointError(f"{name}: missing {missing[:5]}{'…' if len(missing) > 5 else ''}, "
                                  f"unexpected {extra[:5]}{'…' if len(extra) > 5 else ''}")
        for k, v in state.items():
            if tuple(v.shape) != tuple(expected[k].shape):
                raise CheckpointError(f"{name}.{k}: shape {tuple(v.shape)}, expected {tuple(expected[k].shape)}")
        module.load_state_dict(state, strict=False)
    return model


def _affine_norm(key):
    return key.endswith(".norm.weight") or key.endswith(".norm.bias")


def checkpoint_of(model, prefixed=True):
    """The model's weights in hexgrad's layout (each part's keys under 'module.', as kokoro-v1_0.pth has them),
    without the AdaIN affine norms a trained checkpoint lacks."""
    out = {}
    for name in PARTS:
        state = {k: v.clone() for k, v in getattr(model, name).state_dict().items() if not _affine_norm(k)}
        out[name] = {("module." + k if prefixed else k): v for k, v in state.items()}
    return out
