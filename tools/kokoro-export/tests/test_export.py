"""The exported graph's interface, metadata and the int8 variant; the exporter's command line on a random
checkpoint directory writes a complete model directory with a truthful manifest."""
import hashlib
import json
import os
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto

from kokoro_export import __main__ as cli
from kokoro_export import export, random_checkpoint


class ExportTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="kokoro-export-")
        checkpoint = os.path.join(cls.tmp.name, "checkpoint")
        random_checkpoint.write(checkpoint, tiny=True, seed=11)
        cls.out = os.path.join(cls.tmp.name, "model")
        cls.rc = cli.main(["--checkpoint-dir", checkpoint, "--out", cls.out, "--quantize", "int8"])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_directory_and_manifest(self):
        self.assertEqual(0, self.rc)
        with open(os.path.join(self.out, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertEqual("Apache-2.0", manifest["license"])
        self.assertEqual("model.onnx", manifest["files"]["model"])
        self.assertEqual("model.int8.onnx", manifest["files"]["model_int8"])
        self.assertEqual(["voices/af_heart.bin", "voices/am_michael.bin", "voices/bf_emma.bin", "voices/ef_dora.bin"],
                         manifest["files"]["voices"])
        self.assertEqual("kokoro-v1_0.pth", manifest["checkpoint"]["file"])
        for name, digest in manifest["sha256"].items():
            with open(os.path.join(self.out, name), "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), digest, name)
        self.assertEqual(510 * 256 * 4, os.path.getsize(os.path.join(self.out, "voices/af_heart.bin")))

    def test_graph_interface(self):
        graph = onnx.load(os.path.join(self.out, "model.onnx"))
        inputs = {i.name: i.type.tensor_type for i in graph.graph.input}
        self.assertEqual({"input_ids", "style", "speed"}, set(inputs))
        self.assertEqual(TensorProto.INT64, inputs["input_ids"].elem_type)
        self.assertEqual(TensorProto.FLOAT, inputs["speed"].elem_type)
        self.assertEqual(["waveform", "duration"], [o.name for o in graph.graph.output])
        metadata = {p.key: p.value for p in graph.metadata_props}
        self.assertEqual("1", metadata["format_version"])
        with open(os.path.join(self.out, "config.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["vocab"], json.loads(metadata["vocab"]))
        self.assertFalse([n for n in graph.graph.initializer if n.name.endswith("weight_g")], "weight norm folded")

    def test_convolution_layouts(self):
        graph = onnx.load(os.path.join(self.out, "model.onnx")).graph
        weights = {t.name: len(t.dims) for t in graph.initializer}
        learned = [n for n in graph.node if n.op_type == "Conv" and n.input[1] in weights]
        generator = [n for n in learned if export.GENERATOR in n.name]
        self.assertGreater(len(generator), 40)
        self.assertEqual({4}, {weights[n.input[1]] for n in generator}, "the generator's Convs run on [B, C, 1, T]")
        self.assertEqual({3}, {weights[n.input[1]] for n in learned if n not in generator})
        # two stages × (6 seven-tap + 6 eleven-tap resblock convolutions + the noise branch's 6) + conv_post (7 taps)
        dft = [n for n in graph.node if n.op_type == "MatMul" and n.name.endswith("_dft_products")]
        self.assertEqual(37, len(dft))
        # left: the resblocks' 3 taps, the noise branch's strided 12 and pointwise 1
        self.assertEqual({1, 3, 12}, {self._taps(graph, n) for n in generator if not n.name.endswith("_dft_forward")})

    @staticmethod
    def _taps(graph, node):
        return next(t.dims[-1] for t in graph.initializer if t.name == node.input[1])

    def test_int8_graph_keeps_the_interface_and_conv_post(self):
        fp32 = onnx.load(os.path.join(self.out, "model.onnx"))
        int8 = onnx.load(os.path.join(self.out, "model.int8.onnx"))
        self.assertEqual([i.name for i in fp32.graph.input], [i.name for i in int8.graph.input])
        quantised = [t.name for t in int8.graph.initializer if t.data_type == TensorProto.INT8 and t.name.endswith("_int8")]
        self.assertTrue(quantised)
        self.assertFalse([n for n in quantised if "conv_post" in n or "_dft" in n])
        self.assertLess(os.path.getsize(os.path.join(self.out, "model.int8.onnx")),
                        os.path.getsize(os.path.join(self.out, "model.onnx")))

    def test_a_checkpoint_dir_without_weights_is_refused(self):
        with tempfile.TemporaryDirectory() as empty:
            with open(os.path.join(empty, "config.json"), "w") as f:
                json.dump({}, f)
            self.assertEqual(1, cli.main(["--checkpoint-dir", empty, "--out", os.path.join(empty, "out")]))


class FixturesTest(unittest.TestCase):

    def test_committed_fixtures_are_reproduced_by_make_fixtures(self):
        import make_fixtures
        with tempfile.TemporaryDirectory(prefix="kokoro-fixtures-") as tmp:
            make_fixtures.write(tmp)
            for layout in ("kokoro-tiny", "kokoro-tiny-release"):
                committed = os.path.join(make_fixtures.OUT, layout)
                for root, _, files in os.walk(committed):
                    for name in files:
                        path = os.path.join(root, name)
                        fresh = os.path.join(tmp, layout, os.path.relpath(path, committed))
                        self.assertTrue(os.path.exists(fresh), fresh)
                        if name.endswith(".onnx"):
                            self.assertTrue(_same_weights(path, fresh), f"{path} differs from a fresh export")
                        elif name.endswith(".f32"):
                            a, b = np.fromfile(path, "<f4"), np.fromfile(fresh, "<f4")
                            self.assertTrue(a.shape == b.shape and np.allclose(a, b, atol=1e-5), path)
                        elif name.endswith(".json") and name != "manifest.json":
                            # reference values (rms) are sums in float32, whose last digits follow the BLAS
                            # threads' reduction order; the waveforms above get the same tolerance
                            with open(path, encoding="utf-8") as x, open(fresh, encoding="utf-8") as y:
                                self.assertTrue(_same_json(json.load(x), json.load(y)), path)
                        elif name != "manifest.json":  # the manifest holds the onnx files' hashes
                            with open(path, "rb") as x, open(fresh, "rb") as y:
                                self.assertEqual(x.read(), y.read(), path)


def _same_json(a, b):
    """Equal structure, strings and integers; floats within 1e-5 relative."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and np.isclose(a, b, rtol=1e-5, atol=0)
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _same_weights(a, b):
    ga, gb = onnx.load(a).graph, onnx.load(b).graph
    wa = {t.name: onnx.numpy_helper.to_array(t) for t in ga.initializer}
    wb = {t.name: onnx.numpy_helper.to_array(t) for t in gb.initializer}
    return wa.keys() == wb.keys() and all(np.allclose(wa[k], wb[k], atol=1e-6) for k in wa) \
        and [n.op_type for n in ga.node] == [n.op_type for n in gb.node]


if __name__ == "__main__":
    unittest.main()
