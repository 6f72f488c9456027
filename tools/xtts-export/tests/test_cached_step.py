"""The exported batched step (cache read, never concatenated) computes what the reference step computes."""
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
    def test_rows_of_different_lengths_in_a_padded_cache_match_batch_one(self):
        d, hd = self.d, self.d.model_dim // self.d.heads
        lengths, capacity = [5, 9, 2], 12
        rows = [torch.randn(1, n + 1, d.model_dim) for n in lengths]
        # fill a padded cache [3,H,12,hd] row by row from single-row prefills (dummy masked past of one position)
        cache = [torch.full((3, d.heads, capacity, hd), 7.0) for _ in range(2 * d.layers)]
        mask = torch.zeros(3, capacity)
        for r, (n, e) in enumerate(zip(lengths, rows)):
            dummy = [torch.zeros(1, d.heads, 1, hd)] * (2 * d.layers)
            out = self.step(e[:, :n], torch.zeros(1, 1), *dummy)
            for i, new in enumerate(out[2:]):
                cache[i][r, :, :n] = new[0]
            mask[r, :n] = 1
        out = self.step(torch.cat([e[:, -1:] for e in rows]), mask, *cache)
        for r, e in enumerate(rows):
            logits, latent = self.reference(e)
            self.assertLess(float((out[0][r] - logits[0]).abs().max()), 1e-5)
            self.assertLess(float((out[1][r] - latent[0]).abs().max()), 1e-5)


if __name__ == "__main__":
    unittest.main()
