"""A random checkpoint in hexgrad's layout loads through the strict loader, and a wrong one is refused naming
what does not fit. Run: /usr/bin/python3 -m unittest discover -s tests -t ."""
import os
import tempfile
import unittest

import torch

from kokoro_export import random_checkpoint
from kokoro_export.model import CheckpointError, KokoroModel, checkpoint_of, load_checkpoint, normalise_keys
from kokoro_export.random_model import full_config, tiny_config


class CheckpointTest(unittest.TestCase):

    def test_random_checkpoint_loads_strictly_with_module_prefixes(self):
        with tempfile.TemporaryDirectory() as tmp:
            source = random_checkpoint.write(tmp, tiny=True, seed=5)
            loaded = load_checkpoint(KokoroModel(tiny_config()).eval(), os.path.join(tmp, "kokoro-v1_0.pth"))
        for (name, a), b in zip(source.state_dict().items(), loaded.state_dict().values()):
            self.assertTrue(torch.equal(a, b), name)

    def test_new_style_weight_norm_names_load_too(self):
        with tempfile.TemporaryDirectory() as tmp:
            random_checkpoint.write(tmp, tiny=True, seed=6, new_style_weight_norm=True)
            parts = torch.load(os.path.join(tmp, "kokoro-v1_0.pth"))
            self.assertTrue(any(".parametrizations.weight.original0" in k for k in parts["decoder"]))
            load_checkpoint(KokoroModel(tiny_config()).eval(), parts)

    def test_only_the_adain_affine_norms_may_be_missing(self):
        model = KokoroModel(tiny_config())
        parts = checkpoint_of(model)
        missing = [k for k in model.decoder.state_dict() if "module." + k not in parts["decoder"]]
        self.assertTrue(missing and all(k.endswith((".norm.weight", ".norm.bias")) for k in missing), missing[:3])
        del parts["decoder"]["module.generator.conv_post.weight_v"]
        with self.assertRaisesRegex(CheckpointError, "decoder: missing \\['generator.conv_post.weight_v'\\]"):
            load_checkpoint(KokoroModel(tiny_config()), parts)

    def test_a_wrong_shape_or_unknown_key_is_refused(self):
        parts = checkpoint_of(KokoroModel(tiny_config()))
        parts["bert_encoder"]["module.weight"] = torch.zeros(3, 3)
        with self.assertRaisesRegex(CheckpointError, "bert_encoder.weight: shape \\(3, 3\\)"):
            load_checkpoint(KokoroModel(tiny_config()), parts)
        parts = checkpoint_of(KokoroModel(tiny_config()))
        parts["predictor"]["module.extra.weight"] = torch.zeros(1)
        with self.assertRaisesRegex(CheckpointError, "unexpected \\['extra.weight'\\]"):
            load_checkpoint(KokoroModel(tiny_config()), parts)
        with self.assertRaisesRegex(CheckpointError, "expected \\['bert'"):
            load_checkpoint(KokoroModel(tiny_config()), {"bert": {}})

    def test_full_size_has_kokoros_parameter_count(self):
        """82 M parameters as published (hexgrad/Kokoro-82M), counted without the export-only affine norms."""
        model = KokoroModel(full_config())
        count = sum(v.numel() for part in checkpoint_of(model, prefixed=False).values() for v in part.values())
        self.assertTrue(81_000_000 < count < 83_000_000, count)

    def test_key_normalisation(self):
        self.assertEqual({"a.weight_g": 1, "b": 2}, normalise_keys(
            {"module.a.parametrizations.weight.original0": 1, "module.b": 2, "module.embeddings.position_ids": 3}))


if __name__ == "__main__":
    unittest.main()
