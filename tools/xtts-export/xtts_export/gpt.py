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

    def shared(self, x, past_k, past_v, seqlens_k, total_len):
        """The same attention over a cache buffer the caller owns: past_k/past_v [B,H,C,hd] hold each row's
        positions from 0, seqlens_k [B] is each row's length after this run minus one. Exported as ONNX
        Runtime's GroupQueryAttention, which writes the new keys and values into that buffer in place and reads
        only each row's own positions. q is scaled before the product, exact for power-of-two head sizes, so
        the operator runs unscaled (see SharedCacheAttention)."""
        d = x.shape[2]
        q, k, v = self.c_attn(x).split(d, dim=2)
        q = q * (1.0 / math.sqrt(d // self.heads))
        out, present_k, present_v = SharedCacheAttention.apply(q, k, v, past_k, past_v, seqlens_k, total_len,
                                                               self.heads)
        return self.c_proj(out), present_k, present_v


class SharedCacheAttention(torch.autograd.Function):
    """Causal attention of q, k, v [B,S,D] (q already scaled) against a cache buffer [B,H,C,hd], in PyTorch
    and as com.microsoft.GroupQueryAttention. Row b's new positions are seqlens_k[b]+1-S .. seqlens_k[b]; the
    returned presents are the buffers with those positions written. ONNX Runtime writes in place when the
    caller binds each present output to its past input."""

    @staticmethod
    def forward(ctx, q, k, v, past_k, past_v, seqlens_k, total_len, heads):
        b, s, d = q.shape
        hd = d // heads
        present_k, present_v = past_k.clone(), past_v.clone()
        out = torch.empty_like(q)
        for r in range(b):
            total = int(seqlens_k[r]) + 1
            start = total - s
            present_k[r, :, start:total] = k[r].reshape(s, heads, hd).transpose(0, 1)
            present_v[r, :, start:total] = v[r].reshape(s, heads, hd).transpose(0, 1)
            qr = q[r].reshape(s, heads, hd).transpose(0, 1)
            scores = torch.matmul(qr, present_k[r, :, :total].transpose(-1, -2))
            q_pos = torch.arange(s).unsqueeze(1) + start
            k_pos = torch.arange(total).unsqueeze(0)
            scores = torch.where(k_pos <= q_pos, scores, torch.tensor(torch.finfo(scores.dtype).min))
            o = torch.matmul(torch.softmax(scores, dim=-1), present_v[r, :, :total])
            out[r] = o.transpose(0, 1).reshape(s, d)
        return out, present_k, present_v

    @staticmethod
    def symbolic(g, q, k, v, past_k, past_v, seqlens_k, total_len, heads):
        return g.op("com.microsoft::GroupQueryAttention", q, k, v, past_k, past_v, seqlens_k, total_len,
                    num_heads_i=heads, kv_num_heads_i=heads, scale_f=1.0, outputs=3)


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

    def shared(self, x, past_k, past_v, seqlens_k, total_len):
        a, k, v = self.attn.shared(self.ln_1(x), past_k, past_v, seqlens_k, total_len)
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

    def shared(self, x, past, seqlens_k, total_len):
        presents = []
        for i, block in enumerate(self.h):
            x, k, v = block.shared(x, past[2 * i], past[2 * i + 1], seqlens_k, total_len)
            presents += [k, v]
        return self.ln_f(x), presents


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
    """Flat-argument wrapper for torch.onnx.export, batched: (embeds [B,S,D], seqlens_k [B] int32,
    total_sequence_length [1] int32, k0, v0, k1, v1, ... [B,H,C,hd]) -> (logits, latent, present k0, v0, ...
    [B,H,C,hd]). The engine binds each present to its past buffer, so a step writes S new positions per row
    and never copies the cache."""

    def __init__(self, gpt: XttsGpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, embeds, seqlens_k, total_len, *past):
        h, presents = self.gpt.gpt.shared(embeds, list(past), seqlens_k, total_len)
        latent = self.gpt.final_norm(h[:, -1:, :])
        return (self.gpt.mel_head(latent), latent, *presents)
