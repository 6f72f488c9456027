"""Our modules must expose exactly the XTTS v2 checkpoint keys and shapes. Run: /usr/bin/python3 -m unittest"""
import unittest

import torch

from xtts_export.checkpoint_table import exported_keys, voice_cloning_keys
from xtts_export.dims import FULL, TINY
from xtts_export.model import Xtts, NOT_EXPORTED_PREFIXES, load_checkpoint
from dataclasses import replace


class CheckpointKeysTest(unittest.TestCase):

    def shapes(self, dims):
        model = Xtts(dims)   # full size allocates ~1.7 GB for a moment; torch 1.13 has no meta-device context
        return {k: tuple(v.shape) for k, v in model.state_dict().items()}

    def test_full_size_modules_match_the_checkpoint_table(self):
        self.assertEqual(exported_keys(FULL), self.shapes(FULL))

    def test_full_size_gpt_has_the_published_parameter_count(self):
        table = exported_keys(FULL)
        core = sum(_numel(s) for k, s in table.items() if k.startswith("gpt.gpt."))
        self.assertEqual(377_888_768, core)   # docs/spec §1: 30 blocks x 12,596,224 + ln_f
        decoder = sum(_numel(s) for k, s in table.items() if k.startswith("hifigan_decoder."))
        self.assertEqual(17_818_208, decoder - _weight_norm_gains(table))

    def test_tiny_modules_match_the_checkpoint_table(self):
        dims = replace(TINY, text_vocab=97)
        self.assertEqual(exported_keys(dims), self.shapes(dims))

    def test_voice_cloning_keys_are_skipped_not_unknown(self):
        for key in voice_cloning_keys(FULL):
            self.assertTrue(key.startswith(NOT_EXPORTED_PREFIXES), key)

    def test_loader_accepts_a_checkpoint_with_trainer_prefixes_and_rejects_a_wrong_shape(self):
        dims = replace(TINY, text_vocab=97)
        model = Xtts(dims)
        state = {"xtts." + k: v.clone() for k, v in model.state_dict().items()}
        state.update({k: torch.zeros(s) for k, s in voice_cloning_keys(dims).items()})
        state["dvae.codebook.weight"] = torch.zeros(2)
        skipped = load_checkpoint(Xtts(dims), state)
        self.assertEqual(len(voice_cloning_keys(dims)), len(skipped))
        state["xtts.gpt.mel_head.bias"] = torch.zeros(5)
        with self.assertRaisesRegex(ValueError, "gpt.mel_head.bias"):
            load_checkpoint(Xtts(dims), state)

    def test_loader_skips_the_inference_alias_of_the_mel_embedding(self):
        dims = replace(TINY, text_vocab=97)
        source = Xtts(dims)
        state = dict(source.state_dict())
        state["gpt.gpt.wte.weight"] = torch.zeros_like(state["gpt.mel_embedding.weight"])
        target = Xtts(dims)
        self.assertIn("gpt.gpt.wte.weight", load_checkpoint(target, state))
        self.assertTrue(torch.equal(source.gpt.mel_embedding.weight, target.gpt.mel_embedding.weight))


def _weight_norm_gains(table):
    return sum(_numel(s) for k, s in table.items() if k.endswith("weight_g"))


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


if __name__ == "__main__":
    unittest.main()
