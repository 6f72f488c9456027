"""ALBERT as Kokoro's phoneme-level BERT uses it: transformers' AlbertModel with AlbertConfig defaults for what
Kokoro's config.json leaves out (embedding size 128, one layer group whose single layer is applied
num_hidden_layers times, gelu_new, LayerNorm eps 1e-12), all-ones attention mask, token types 0. Written from
the architecture; parameter names are transformers' so a checkpoint's `bert` state dict loads unchanged."""
import math

import torch
from torch import nn


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Embeddings(nn.Module):
    def __init__(self, vocab_size, embedding_size, max_positions):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, embedding_size)
        self.position_embeddings = nn.Embedding(max_positions, embedding_size)
        self.token_type_embeddings = nn.Embedding(2, embedding_size)
        self.LayerNorm = nn.LayerNorm(embedding_size, eps=1e-12)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1], device=ids.device)
        summed = self.word_embeddings(ids) + self.position_embeddings(positions)[None] \
            + self.token_type_embeddings.weight[0]
        return self.LayerNorm(summed)


class Attention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.dense = nn.Linear(hidden, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x):
        b, t, d = x.shape
        head = d // self.heads

        def split(y):
            return y.view(b, t, self.heads, head).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(head), dim=-1)
        context = (weights @ v).transpose(1, 2).reshape(b, t, d)
        return self.LayerNorm(x + self.dense(context))


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.attention = Attention(hidden, heads)
        self.ffn = nn.Linear(hidden, intermediate)
        self.ffn_output = nn.Linear(intermediate, hidden)
        self.full_layer_layer_norm = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x):
        attended = self.attention(x)
        return self.full_layer_layer_norm(attended + self.ffn_output(gelu_new(self.ffn(attended))))


class LayerGroup(nn.Module):
    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.albert_layers = nn.ModuleList([Layer(hidden, heads, intermediate)])


class Encoder(nn.Module):
    def __init__(self, embedding_size, hidden, heads, intermediate, layers):
        super().__init__()
        self.layers = layers
        self.embedding_hidden_mapping_in = nn.Linear(embedding_size, hidden)
        self.albert_layer_groups = nn.ModuleList([LayerGroup(hidden, heads, intermediate)])

    def forward(self, x):
        x = self.embedding_hidden_mapping_in(x)
        layer = self.albert_layer_groups[0].albert_layers[0]
        for _ in range(self.layers):  # one layer's weights, applied num_hidden_layers times
            x = layer(x)
        return x


class Albert(nn.Module):
    """`last_hidden_state` of AlbertModel for one unpadded sequence."""

    def __init__(self, vocab_size, plbert):
        super().__init__()
        embedding_size = plbert.get("embedding_size", 128)
        self.hidden_size = plbert["hidden_size"]
        self.max_positions = plbert["max_position_embeddings"]
        self.embeddings = Embeddings(vocab_size, embedding_size, self.max_positions)
        self.encoder = Encoder(embedding_size, self.hidden_size, plbert["num_attention_heads"],
                               plbert["intermediate_size"], plbert["num_hidden_layers"])
        self.pooler = nn.Linear(self.hidden_size, self.hidden_size)  # in the checkpoint, unused by Kokoro

    def forward(self, ids):
        return self.encoder(self.embeddings(ids))
