"""The exported HiFi-GAN's upsampling (PolyphaseUpsample) computes what ConvTranspose1d does.
Run: /usr/bin/python3 -m unittest"""
import os
import unittest

import onnx
import torch
from torch import nn

import make_fixtures
from xtts_export.dims import UPSAMPLE_KERNELS, UPSAMPLE_RATES
from xtts_export.hifigan import PolyphaseUpsample


class PolyphaseUpsampleTest(unittest.TestCase):

    def test_matches_the_transposed_convolution_it_replaces(self):
        torch.manual_seed(3)
        shapes = [(c, c // 2, k, s) for c, (s, k) in zip((64, 32, 16, 8), zip(UPSAMPLE_RATES, UPSAMPLE_KERNELS))]
        shapes += [(8, 4, 5, 3), (6, 3, 7, 3), (5, 2, 3, 1), (4, 4, 9, 5)]  # odd kernels, stride 1, wide offsets
        for cin, cout, k, s in shapes:
            up = nn.ConvTranspose1d(cin, cout, k, s, padding=(k - s) // 2)
            poly = PolyphaseUpsample(up)
            for frames in (1, 2, 37):
                with self.subTest(cin=cin, cout=cout, kernel=k, stride=s, frames=frames):
                    x = torch.randn(2, cin, frames)
                    expected = up(x)
                    actual = poly(x)
                    self.assertEqual(expected.shape, actual.shape)
                    torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-6)

    def test_refuses_a_transposed_convolution_it_cannot_express(self):
        for up in (nn.ConvTranspose1d(4, 2, 4, 2, padding=1, output_padding=1),
                   nn.ConvTranspose1d(4, 2, 4, 2, padding=0),
                   nn.ConvTranspose1d(4, 2, 3, 1, padding=1, dilation=2),
                   nn.ConvTranspose1d(4, 2, 4, 2, padding=1, groups=2)):
            with self.subTest(up=str(up)), self.assertRaises(ValueError):
                PolyphaseUpsample(up)

    def test_the_exported_decoder_has_no_transposed_convolution(self):
        graph = onnx.load(os.path.join(make_fixtures.OUT, "hifigan.onnx")).graph
        ops = {node.op_type for node in graph.node}
        self.assertNotIn("ConvTranspose", ops)
        self.assertIn("Conv", ops)


if __name__ == "__main__":
    unittest.main()
