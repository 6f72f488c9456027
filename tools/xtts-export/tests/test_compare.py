"""The fixture comparison sees what matters and ignores what does not. Run: /usr/bin/python3 -m unittest"""
import json
import os
import shutil
import tempfile
import unittest

import numpy as np
import onnx
from onnx import AttributeProto, numpy_helper

import make_fixtures
from xtts_export.compare import compare_dirs


class CompareTest(unittest.TestCase):

    def setUp(self):
        tmp = tempfile.mkdtemp(prefix="xtts-compare-")
        self.addCleanup(shutil.rmtree, tmp)
        self.copy = os.path.join(tmp, "copy")
        shutil.copytree(make_fixtures.OUT, self.copy)

    def diffs(self):
        return compare_dirs(make_fixtures.OUT, self.copy)

    def test_should_accept_an_identical_tree_and_a_reserialised_graph(self):
        model = onnx.load(self.path("gpt.onnx"))
        model.producer_version = "another exporter"
        for i, node in enumerate(model.graph.node):
            node.name = f"renamed_{i}"
        onnx.save(model, self.path("gpt.onnx"))
        self.assertEqual([], self.diffs())

    def test_should_accept_float_noise_within_tolerance_and_report_more(self):
        self.add_to_floats("reference/stop-wave-1.0.f32", 2e-5)
        self.assertEqual([], self.diffs())
        self.add_to_floats("reference/stop-wave-1.0.f32", 1e-2)
        self.assert_one_diff("reference/stop-wave-1.0.f32: floats:")

    def test_should_report_a_changed_weight(self):
        model = onnx.load(self.path("hifigan.onnx"))
        init = model.graph.initializer[0]
        array = numpy_helper.to_array(init).copy()
        array.flat[0] += 1e-3
        init.CopyFrom(numpy_helper.from_array(array, init.name))
        onnx.save(model, self.path("hifigan.onnx"))
        self.assert_one_diff(f"hifigan.onnx: graph initializer {init.name}: weights: 1 of")

    def test_should_report_a_changed_node_attribute(self):
        model = onnx.load(self.path("gpt.onnx"))
        node, attribute = next((n, a) for n in model.graph.node for a in n.attribute if a.type == AttributeProto.INT)
        attribute.i += 1
        onnx.save(model, self.path("gpt.onnx"))
        self.assert_one_diff(f"({node.op_type}) attribute {attribute.name}: {attribute.i - 1} vs {attribute.i}")

    def test_should_report_missing_files_and_changed_json(self):
        os.remove(self.path("reference/cap-latents.f32"))
        with open(self.path("manifest.json")) as f:
            manifest = json.load(f)
        manifest["dims"]["layers"] = 3
        with open(self.path("manifest.json"), "w") as f:
            json.dump(manifest, f)
        self.assertEqual(["reference/cap-latents.f32: missing", "manifest.json: /dims/layers: 2 vs 3"],
                         self.diffs())

    def path(self, rel):
        return os.path.join(self.copy, rel)

    def add_to_floats(self, rel, delta):
        values = np.fromfile(self.path(rel), dtype="<f4") + np.float32(delta)
        values.astype("<f4").tofile(self.path(rel))

    def assert_one_diff(self, fragment):
        diffs = self.diffs()
        self.assertEqual(1, len(diffs), diffs)
        self.assertIn(fragment, diffs[0])


if __name__ == "__main__":
    unittest.main()
