"""The XTTS v2 GPT decoder (GPT-2 blocks with XTTS's own embeddings), written from docs/spec.

Attribute names reproduce the checkpoint's state_dict keys (`gpt.gpt.h.N.attn.c_attn.weight`, ...), so a
real `model.pth` loads with `load_state_dict` and no renaming. The transformer gets input embeddings
directly: XTTS removes GPT-2's token and position tables and adds its own learned positions.
"""
import math

import torch
from torch import nn

from .dims import Dims


class Conv1D(nn.Module):
    """GPT-2's linear layer: the weight is stored [in, out], transposed against nn.Linear."""

    def __init__(self, n_in: int, n_out: int):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


def gelu_tanh(x):
    # GPT-2's "gelu_new"; written out so every opset exports it the same way.
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.c_attn = Conv1D(dim, 3 * dim)
        self.c_proj = Conv1D(dim, dim)

    def forward(self, x, past_k, past_v):
        b, s, d = x.shape
        hd = d // self.heads
        q, k, v = self.c_attn(x).split(d, dim=2)
        q, k, v = (t.reshape(b, s, self.heads, hd).transpose(1, 2) for t in (q, k, v))
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd)
        # Causal mask over the whole cache: query i (absolute position past+i) sees keys 0..past+i.
        total = k.shape[2]
        past = total - s
        q_pos = torch.arange(s, device=x.device).unsqueeze(1) + past
        k_pos = torch.arange(total, device=x.device).unsqueeze(0)
        scores = torch.where(k_pos <= q_pos, scores, torch.full_like(scores, torch.finfo(scores.dtype).min))
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        out = out.transpose(1, 2).reshape(b, s, d)
        return self.c_proj(out), k, v

    def cached(self, x, past_k, past_v, past_mask):
        """The same attention without concatenating the cache: scores against the past and against the new
        positions are joined (small), one softmax, then the past and new values are weighted separately. The
        cache is only read, so the caller can keep it in a preallocated buffer; past_mask [B,P] marks each
        row's valid cache positions (rows of a batch have different lengths). Returns only the new k, v."""
        b, s, d = x.shape
        hd = d // self.heads
        q, k, v = self.c_attn(x).split(d, dim=2)
        q, k, v = (t.reshape(b, s, self.heads, hd).transpose(1, 2) for t in (q, k, v))
        low = torch.tensor(torch.finfo(x.dtype).min)
        past_scores = torch.matmul(q, past_k.transpose(-1, -2)) / math.sqrt(hd)
        past_scores = torch.where(past_mask[:, None, None, :] > 0.5, past_scores, low)
        new_scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd)
        pos = torch.arange(s, device=x.device)
        new_scores = torch.where(pos.unsqueeze(0) <= pos.unsqueeze(1), new_scores, low)
        probs = torch.softmax(torch.cat([past_scores, new_scores], dim=-1), dim=-1)
        past = past_k.shape[2]
        out = torch.matmul(probs[..., :past], past_v) + torch.matmul(probs[..., past:], v)
        out = out.transpose(1, 2).reshape(b, s, d)
        return self.c_proj(out), k, v


class Mlp(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.c_fc = Conv1D(dim, 4 * dim)
        self.c_proj = Conv1D(4 * dim, dim)

    def forward(self, x):
        return self.c_proj(gelu_tanh(self.c_fc(x)))


class Block(nn.Module):
    """Pre-LayerNorm GPT-2 block (layer_norm_epsilon 1e-5)."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(dim, eps=1e-5)
        self.attn = Attention(dim, heads)
        self.ln_2 = nn.LayerNorm(dim, eps=1e-5)
        self.mlp = Mlp(dim)

    def forward(self, x, past_k, past_v):
        a, k, v = self.attn(self.ln_1(x), past_k, past_v)
        x = x + a
        return x + self.mlp(self.ln_2(x)), k, v

    def cached(self, x, past_k, past_v, past_mask):
        a, k, v = self.attn.cached(self.ln_1(x), past_k, past_v, past_mask)
        x = x + a
        return x + self.mlp(self.ln_2(x)), k, v


class Transformer(nn.Module):
    def __init__(self, dims: Dims):
        super().__init__()
        self.h = nn.ModuleList(Block(dims.model_dim, dims.heads) for _ in range(dims.layers))
        self.ln_f = nn.LayerNorm(dims.model_dim, eps=1e-5)

    def forward(self, x, past):
        presents = []
        for i, block in enumerate(self.h):
            x, k, v = block(x, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return self.ln_f(x), presents

    def cached(self, x, past, past_mask):
        news = []
        for i, block in enumerate(self.h):
            x, k, v = block.cached(x, past[2 * i], past[2 * i + 1], past_mask)
            news += [k, v]
        return self.ln_f(x), news


class PositionTable(nn.Module):
    """XTTS's LearnedPositionEmbeddings: only its `emb` table matters at inference."""

    def __init__(self, positions: int, dim: int):
        super().__init__()
        self.emb = nn.Embedding(positions, dim)


class XttsGpt(nn.Module):
    """Embeddings, transformer, final_norm and mel_head. Conditioning encoder and perceiver are not
    part of the built-in-speaker inference path; their checkpoint keys are listed in checkpoint_table."""

    def __init__(self, dims: Dims):
        super().__init__()
        self.dims = dims
        self.text_embedding = nn.Embedding(dims.text_vocab, dims.model_dim)
        self.mel_embedding = nn.Embedding(dims.audio_vocab, dims.model_dim)
        self.gpt = Transformer(dims)
        self.mel_pos_embedding = PositionTable(dims.mel_positions, dims.model_dim)
        self.text_pos_embedding = PositionTable(dims.text_positions, dims.model_dim)
        self.final_norm = nn.LayerNorm(dims.model_dim)
        self.text_head = nn.Linear(dims.model_dim, dims.text_vocab)   # training only; kept for the keys
        self.mel_head = nn.Linear(dims.model_dim, dims.audio_vocab)

    def step(self, embeds, past):
        """One cached forward pass. Returns the last position's logits and final_norm latent, and the cache."""
        h, presents = self.gpt(embeds, past)
        latent = self.final_norm(h[:, -1:, :])
        return self.mel_head(latent), latent, presents

    def empty_past(self):
        d = self.dims
        z = torch.zeros(1, d.heads, 0, d.model_dim // d.heads)
        return [z] * (2 * d.layers)

    def prefix_embeddings(self, cond_latent, text_ids, start_text, stop_text):
        """cond [1,32,D] | text_emb([START] t.. [STOP]) + text_pos | mel_emb(start) + mel_pos[0]."""
        ids = torch.tensor([[start_text] + list(text_ids) + [stop_text]])
        pos = torch.arange(ids.shape[1])
        text = self.text_embedding(ids) + self.text_pos_embedding.emb(pos).unsqueeze(0)
        return torch.cat([cond_latent, text, self.code_embedding(self.dims.start_audio, 0)], dim=1)

    def code_embedding(self, code: int, position: int):
        return (self.mel_embedding.weight[code] + self.mel_pos_embedding.emb.weight[position]).reshape(1, 1, -1)


class OnnxStep(nn.Module):
    """Flat-argument wrapper for torch.onnx.export, batched:
    (embeds [B,S,D], past_mask [B,P], k0, v0, k1, v1, ... [B,H,P,hd]) -> (logits, latent, new k0, v0, ... [B,H,S,hd]).
    The graph never copies the cache: the engine writes the new keys and values into its own buffers."""

    def __init__(self, gpt: XttsGpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, embeds, past_mask, *past):
        h, news = self.gpt.gpt.cached(embeds, list(past), past_mask)
        latent = self.gpt.final_norm(h[:, -1:, :])
        return (self.gpt.mel_head(latent), latent, *news)
