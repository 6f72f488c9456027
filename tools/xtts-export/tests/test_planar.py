"""The exported HiFi-GAN's wide stages (PlanarResBlock, 2-D convolutions) compute what ResBlock1 does.
Run: /usr/bin/python3 -m unittest"""
import os
import unittest

import onnx
import torch

import make_fixtures
from xtts_export.dims import RESBLOCK_DILATIONS, RESBLOCK_KERNELS, TINY
from xtts_export.export import PLANAR_STAGES
from xtts_export.hifigan import PlanarResBlock, ResBlock1


def folded(block):
    for conv in list(block.convs1) + list(block.convs2):
        torch.nn.utils.remove_weight_norm(conv)
    return block


class PlanarResBlockTest(unittest.TestCase):

    def test_matches_the_resblock_it_replaces(self):
        torch.manual_seed(5)
        for ch in (16, 8, 3):
            for k, dilations in zip(RESBLOCK_KERNELS, RESBLOCK_DILATIONS):
                block = folded(ResBlock1(ch, k, dilations))
                planar = PlanarResBlock(block)
                for frames in (1, 4, 53):
                    with self.subTest(channels=ch, kernel=k, frames=frames):
                        x = torch.randn(2, ch, frames)
                        with torch.no_grad():
                            expected = block(x)
                            actual = planar(x)
                        self.assertEqual(expected.shape, actual.shape)
                        torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-6)

    def test_refuses_weights_still_under_weight_norm(self):
        with self.assertRaises(ValueError):
            PlanarResBlock(ResBlock1(4, 3, (1, 3, 5)))

    def test_the_exported_decoder_runs_only_the_wide_stages_in_two_dimensions(self):
        graph = onnx.load(os.path.join(make_fixtures.OUT, "hifigan.onnx")).graph
        ranks = {w.name: len(w.dims) for w in graph.initializer}
        convs = [node for node in graph.node if node.op_type == "Conv"]
        planar = [node for node in convs if ranks.get(node.input[1]) == 4]
        per_stage = len(RESBLOCK_KERNELS) * 2 * len(RESBLOCK_DILATIONS[0])
        self.assertEqual(len(planar), PLANAR_STAGES * per_stage)
        widths = {next(w.dims[0] for w in graph.initializer if w.name == node.input[1]) for node in planar}
        self.assertEqual(widths, {TINY.decoder_channels >> (i + 1) for i in range(PLANAR_STAGES)})


if __name__ == "__main__":
    unittest.main()
