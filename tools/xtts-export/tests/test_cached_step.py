"""The exported batched step (GroupQueryAttention over a shared cache buffer) computes what the reference
step computes, and writes exactly the new positions of each row's slot."""
import unittest
from dataclasses import replace

import torch

from xtts_export.dims import TINY
from xtts_export.gpt import OnnxStep
from xtts_export.model import Xtts, randomise


class CachedStepTest(unittest.TestCase):

    def setUp(self):
        torch.manual_seed(0)
        self.model = Xtts(replace(TINY, text_vocab=97)).eval()
        randomise(self.model, 3)
        self.step = OnnxStep(self.model.gpt)
        self.d = self.model.dims

    def reference(self, embeds):
        """Prefill then one decode step with the concatenating reference; returns the decode logits and latent."""
        gpt = self.model.gpt
        _, _, past = gpt.step(embeds[:, :-1], gpt.empty_past())
        logits, latent, _ = gpt.step(embeds[:, -1:], past)
        return logits, latent

    @torch.no_grad()
    def test_rows_of_different_lengths_in_one_buffer_match_batch_one(self):
        d, hd = self.d, self.d.model_dim // self.d.heads
        lengths, capacity = [5, 9, 2], 12
        rows = [torch.randn(1, n + 1, d.model_dim) for n in lengths]
        # Positions no row owns hold a sentinel the attention must never read.
        cache = [torch.full((3, d.heads, capacity, hd), 7.0) for _ in range(2 * d.layers)]
        for r, (n, e) in enumerate(zip(lengths, rows)):
            slot = [c[r:r + 1] for c in cache]
            out = self.step(e[:, :n], torch.tensor([n - 1], dtype=torch.int32), torch.tensor([n], dtype=torch.int32),
                            *slot)
            for c, present in zip(cache, out[2:]):
                c[r] = present[0]
        seqlens = torch.tensor(lengths, dtype=torch.int32)
        out = self.step(torch.cat([e[:, -1:] for e in rows]), seqlens, torch.tensor([max(lengths) + 1], dtype=torch.int32),
                        *cache)
        for r, e in enumerate(rows):
            logits, latent = self.reference(e)
            self.assertLess(float((out[0][r] - logits[0]).abs().max()), 1e-5)
            self.assertLess(float((out[1][r] - latent[0]).abs().max()), 1e-5)
            for present in out[2:]:
                written = present[r, :, :lengths[r] + 1]
                self.assertFalse(bool((written == 7.0).any()), "every owned position holds a key or value")
                self.assertTrue(bool((present[r, :, lengths[r] + 1:] == 7.0).all()), "nothing past the row is written")


if __name__ == "__main__":
    unittest.main()
