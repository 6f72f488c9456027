"""The DFT convolution's matrices compute ONNX Conv's cross-correlation over a window, and the rewrite replaces exactly
the long 'same' convolutions. The rewritten graph's numbers are checked end to end by the Java parity test against
PyTorch (KokoroParityTest, on the committed tiny twin, whose generator has 7- and 11-tap resblocks)."""
import unittest

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from kokoro_export import dft_conv


def correlate(weight, window):
    """ONNX Conv without padding: y[o, i] = Σ_c Σ_t w[o, c, t] · x[c, i + t]."""
    k = weight.shape[2]
    outputs = window.shape[1] - k + 1
    return np.stack([np.einsum("oct,ct->o", weight, window[:, i:i + k]) for i in range(outputs)], axis=1)


class DftConvTest(unittest.TestCase):

    def test_window_lengths(self):
        self.assertEqual(24, dft_conv.window_length(7, 128))
        self.assertEqual(32, dft_conv.window_length(11, 128))
        self.assertEqual(16, dft_conv.window_length(7, 256))
        self.assertEqual(24, dft_conv.window_length(11, 512))

    def test_matrices_give_the_correlation_of_a_window(self):
        rng = np.random.default_rng(5)
        for out_channels, in_channels, kernel, n in ((3, 4, 7, 24), (5, 2, 11, 32), (2, 2, 3, 8)):
            weight = rng.standard_normal((out_channels, in_channels, kernel))
            window = rng.standard_normal((in_channels, n))
            forward, products, inverse = dft_conv.dft_matrices(weight, n)
            coefficients = 3 * n // 2 - 1
            self.assertEqual((coefficients, n), forward.shape)
            self.assertEqual((coefficients, out_channels, in_channels), products.shape)
            self.assertEqual((n - kernel + 1, coefficients), inverse.shape)
            spectra = window @ forward.astype(np.float64).T  # [Ci, J]
            mixed = np.einsum("joc,cj->oj", products.astype(np.float64), spectra)
            got = mixed @ inverse.astype(np.float64).T  # [Co, m]
            expected = correlate(weight, window)
            np.testing.assert_allclose(got, expected, atol=1e-5 * np.abs(expected).max())

    def test_rewrite_takes_long_same_convolutions_only(self):
        rng = np.random.default_rng(6)
        inits, nodes = [], []
        specs = {"long": (11, 5, 25, 1), "short": (3, 1, 1, 1), "strided": (7, 1, 3, 2), "valid": (7, 1, 0, 1)}
        for name, (kernel, dilation, pad, stride) in specs.items():
            inits.append(numpy_helper.from_array(rng.standard_normal((4, 4, kernel)).astype(np.float32), f"{name}_w"))
            nodes.append(helper.make_node("Conv", ["x", f"{name}_w"], [f"{name}_y"], name=name, kernel_shape=[kernel],
                                          dilations=[dilation], pads=[pad, pad], strides=[stride]))
        graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, "T"])],
                                  [helper.make_tensor_value_info(f"{n}_y", TensorProto.FLOAT, None) for n in specs],
                                  inits)
        model = helper.make_model(graph)
        self.assertEqual(1, dft_conv.rewrite(model))
        convs = {n.name for n in model.graph.node if n.op_type == "Conv"}
        self.assertEqual({"short", "strided", "valid", "long_dft_forward"}, convs)
        self.assertNotIn("long_w", {t.name for t in model.graph.initializer}, "the replaced weight is dropped")
        self.assertIn("long_y", {o for n in model.graph.node for o in n.output})


if __name__ == "__main__":
    unittest.main()
