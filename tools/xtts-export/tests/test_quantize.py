"""The int8 GPT graph: structure, stored weights, closeness to fp32, and the CLI. Run: python3 -m unittest"""
import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
import unittest

import numpy as np
import onnx
import torch
from onnx import TensorProto, numpy_helper

from xtts_export import quantize
from xtts_export.__main__ import main, random_model
from xtts_export.dims import TINY
from xtts_export.export import FORMAT_VERSION
from xtts_export.quantize_reference import dequantized_weights, simulate

# Largest difference between the int8 stand-in's and fp32's outputs on the tiny model for the random prefix
# below (measured: latent 0.039, logits 0.052; 64-wide layers, weights in 127 steps per column and
# the inputs with 255 per tensor). A wrong scale, a transposed weight or a lost bias misses by order 1.
LATENT_TOLERANCE, LOGITS_TOLERANCE = 0.1, 0.15


def read(*path):
    with open(os.path.join(*path), "rb") as f:
        return f.read()


def weight_matmuls(graph):
    inits = {t.name: t for t in graph.initializer}
    return [n for n in graph.node if n.op_type in ("MatMul", "Gemm") and n.input[1] in inits
            and inits[n.input[1]].data_type == TensorProto.FLOAT and len(inits[n.input[1]].dims) == 2]


class QuantizeTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        torch.set_num_threads(1)
        cls.tmp = tempfile.mkdtemp(prefix="xtts-int8-")
        cls.dir = os.path.join(cls.tmp, "model")
        cls.model = random_model(TINY, cls.dir, seed=11)[0]
        cls.fp32_sha = hashlib.sha256(read(cls.dir, "gpt.onnx")).hexdigest()
        cls.manifest = quantize.quantize_dir(cls.dir)
        cls.fp32 = onnx.load(os.path.join(cls.dir, "gpt.onnx"))
        cls.int8 = onnx.load(os.path.join(cls.dir, quantize.INT8_FILE))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_should_leave_no_float_matmul_on_a_weight(self):
        d = self.model.dims
        expected = 4 * d.layers + 1   # c_attn, c_proj, mlp c_fc, mlp c_proj per block; the mel head
        self.assertEqual(expected, len(weight_matmuls(self.fp32.graph)))
        self.assertEqual([], weight_matmuls(self.int8.graph))
        ops = [n for n in self.int8.graph.node if n.op_type == quantize.OP]
        self.assertEqual(expected, len(ops))
        self.assertTrue(all(n.domain == quantize.MS_DOMAIN for n in ops))
        # every bias Add moved into its node; a MatMul not on a weight would stay fp32
        self.assertTrue(all(len(n.input) == 5 for n in ops))
        self.assertEqual(sum(n.op_type == "MatMul" for n in self.fp32.graph.node) - expected,
                         sum(n.op_type == "MatMul" for n in self.int8.graph.node))
        self.assertIn((quantize.MS_DOMAIN, 1), [(o.domain, o.version) for o in self.int8.opset_import])
        onnx.checker.check_model(self.int8)

    def test_should_keep_the_inputs_and_outputs_of_the_fp32_graph(self):
        for kind in ("input", "output"):
            self.assertEqual([(v.name, str(v.type)) for v in getattr(self.fp32.graph, kind)],
                             [(v.name, str(v.type)) for v in getattr(self.int8.graph, kind)])

    def test_should_store_symmetric_per_column_int8_weights(self):
        fp32 = {t.name: numpy_helper.to_array(t) for t in self.fp32.graph.initializer}
        inits = {t.name: numpy_helper.to_array(t) for t in self.int8.graph.initializer}
        for n in (n for n in self.int8.graph.node if n.op_type == quantize.OP):
            q, scale, zero = inits[n.input[1]], inits[n.input[2]], inits[n.input[3]]
            w = fp32[n.input[1][:-len("_int8")]]
            self.assertEqual((np.int8, w.shape, (w.shape[1],)), (q.dtype, q.shape, scale.shape))
            self.assertFalse(zero.any())
            np.testing.assert_allclose(scale, np.abs(w).max(axis=0) / 127, rtol=1e-6)
            self.assertLessEqual(int(np.abs(q.astype(int)).max()), 127)
            self.assertTrue((np.abs(q * scale - w) <= scale / 2 * (1 + 1e-5)).all(), n.name)
        self.assertFalse(set(dequantized_weights(self.int8)) & {t.name for t in self.int8.graph.initializer},
                         "the fp32 weights are dropped from the int8 graph")

    @torch.no_grad()
    def test_int8_outputs_stay_close_to_fp32(self):
        d = self.model.dims
        sim = simulate(self.model, self.fp32, self.int8)
        gen = torch.Generator().manual_seed(0)
        embeds = torch.randn(1, 40, d.model_dim, generator=gen)
        logits, latent, _ = self.model.gpt.step(embeds, self.model.gpt.empty_past())
        q_logits, q_latent, _ = sim.gpt.step(embeds, sim.gpt.empty_past())
        latent_err, logits_err = float((q_latent - latent).abs().max()), float((q_logits - logits).abs().max())
        print(f"int8 vs fp32 on the tiny model: latent {latent_err:.4f}, logits {logits_err:.4f}")
        self.assertLess(latent_err, LATENT_TOLERANCE)
        self.assertLess(logits_err, LOGITS_TOLERANCE)
        self.assertGreater(latent_err, 1e-5, "the stand-in really quantises")

    def test_should_record_the_int8_graph_in_the_manifest_and_leave_fp32_alone(self):
        with open(os.path.join(self.dir, "manifest.json")) as f:
            m = json.load(f)
        self.assertEqual(FORMAT_VERSION, m["format_version"])
        self.assertEqual(quantize.INT8_FILE, m["files"]["gpt_int8"])
        self.assertEqual("gpt.onnx", m["files"]["gpt"])
        q = m["quantization"]["gpt_int8"]
        self.assertEqual((f"{quantize.MS_DOMAIN}.{quantize.OP}", 4 * TINY.layers + 1, "gpt.onnx"),
                         (q["op"], q["matmuls"], q["source"]))
        self.assertEqual(self.fp32_sha, hashlib.sha256(read(self.dir, "gpt.onnx")).hexdigest())

    def test_should_quantise_a_plain_gemm_and_store_a_shared_weight_once(self):
        from onnx import helper
        w = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(3, 4) - 5, "w")
        c = numpy_helper.from_array(np.ones(4, np.float32), "c")
        nodes = [helper.make_node("Gemm", ["x", "w", "c"], ["y"]),
                 helper.make_node("MatMul", ["x", "w"], ["z"]),
                 helper.make_node("Gemm", ["x", "w"], ["t"], transB=0, alpha=2.0)]   # scaled: left alone
        vi = lambda name, shape: helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)
        graph = helper.make_graph(nodes, "g", [vi("x", [2, 3])], [vi("y", [2, 4]), vi("z", [2, 4]), vi("t", [2, 4])],
                                  [w, c])
        int8, replaced = quantize.quantize_model(helper.make_model(graph))
        self.assertEqual(2, replaced)
        self.assertEqual([quantize.OP, quantize.OP, "Gemm"], [n.op_type for n in int8.graph.node])
        self.assertEqual(["x", "w_int8", "w_scale", "w_zero_point", "c"], list(int8.graph.node[0].input))
        self.assertEqual(["w", "c", "w_int8", "w_scale", "w_zero_point"], [t.name for t in int8.graph.initializer])

    def test_cli_adds_the_int8_graph_to_an_exported_directory_in_place(self):
        copy = os.path.join(self.tmp, "in-place")
        shutil.copytree(self.dir, copy)
        os.remove(os.path.join(copy, quantize.INT8_FILE))
        with contextlib.redirect_stderr(io.StringIO()) as err:
            main(["--quantize", "int8", "--model-dir", copy])
        self.assertIn("9 weight MatMuls in int8", err.getvalue())
        self.assertEqual(read(self.dir, quantize.INT8_FILE), read(copy, quantize.INT8_FILE))
        with self.assertRaises(SystemExit), contextlib.redirect_stderr(io.StringIO()):
            main(["--model-dir", copy])   # without --quantize there is nothing to do
        with self.assertRaises(SystemExit), contextlib.redirect_stderr(io.StringIO()):
            quantize.main([os.path.join(self.tmp, "nothing-here")])

    def test_cli_exports_with_the_int8_graph(self):
        out = os.path.join(self.tmp, "exported")
        with contextlib.redirect_stderr(io.StringIO()):
            main(["--random-tiny", "--seed", "11", "--out", out, "--quantize", "int8"])
        self.assertEqual(read(self.dir, quantize.INT8_FILE), read(out, quantize.INT8_FILE))


if __name__ == "__main__":
    unittest.main()
