"""The voice-cloning modules expose the XTTS v2 checkpoint keys; the exporter writes loadable graphs and constants.
Run: /usr/bin/python3 -m unittest (from tools/xtts-export)"""
import json
import tempfile
import unittest

import numpy as np
import onnx
import torch

from xtts_export import frontend
from xtts_export.checkpoint_table import voice_cloning_keys
from xtts_export.cloning import Cloning, FULL_CLONING
from xtts_export.cloning_export import checkpoint_cloning_dims, export_cloning, load_cloning, random_cloning
from xtts_export.dims import FULL, TINY
from dataclasses import replace


class CloningTest(unittest.TestCase):

    def test_full_size_modules_have_the_checkpoint_keys_of_the_conditioning_encoder_and_perceiver(self):
        ours = {k: tuple(v.shape) for k, v in Cloning(FULL_CLONING).state_dict().items()}
        for key, shape in voice_cloning_keys(FULL).items():
            self.assertEqual(shape, ours.get(key), key)

    def test_full_size_speaker_encoder_has_the_published_parameter_count(self):
        enc = Cloning(FULL_CLONING).hifigan_decoder.speaker_encoder
        self.assertEqual(8_028_492, sum(p.numel() for p in enc.parameters()))   # docs/spec §1

    def test_should_read_a_narrower_genuine_checkpoints_encoders_from_its_shapes_and_its_heads_from_config(self):
        # XTTS v2's encoder structure at 512 wide with 8 heads (config.json gpt_n_heads), as a fine-tune might be.
        genuine = replace(FULL_CLONING, model_dim=512, cond_heads=8)
        state = Cloning(genuine).state_dict()
        dims = checkpoint_cloning_dims(state, replace(FULL, model_dim=512, heads=8))
        self.assertEqual(genuine, dims)
        load_cloning(Cloning(dims), state)

    def test_should_take_the_conditioning_encoders_heads_from_config_not_from_the_width(self):
        state = random_cloning(replace(TINY, text_vocab=97), 1).state_dict()
        self.assertEqual(2, checkpoint_cloning_dims(state, replace(TINY, heads=2)).cond_heads)
        self.assertEqual(TINY.heads, checkpoint_cloning_dims(state, TINY).cond_heads)
        self.assertEqual(8, checkpoint_cloning_dims(state, TINY).perceiver_heads)   # Coqui fixes the perceiver's

    def test_should_refuse_encoders_that_do_not_fit_the_config(self):
        state = random_cloning(replace(TINY, text_vocab=97), 1).state_dict()
        with self.assertRaisesRegex(ValueError, "64 wide, the GPT 128"):
            checkpoint_cloning_dims(state, replace(TINY, model_dim=128))
        with self.assertRaisesRegex(ValueError, "gpt_n_heads=5"):
            checkpoint_cloning_dims(state, replace(TINY, heads=5))

    def test_loader_rejects_a_missing_key(self):
        tiny = random_cloning(replace(TINY, text_vocab=97), 1)
        state = dict(tiny.state_dict())
        load_cloning(random_cloning(replace(TINY, text_vocab=97), 2), state)
        del state["gpt.conditioning_perceiver.norm.gamma"]
        with self.assertRaisesRegex(ValueError, "norm.gamma"):
            load_cloning(random_cloning(replace(TINY, text_vocab=97), 2), state)

    def test_loader_takes_a_checkpoint_with_torchaudio_buffers_and_without_step_counters(self):
        source = random_cloning(replace(TINY, text_vocab=97), 4)
        state = {k: v for k, v in source.state_dict().items() if not k.endswith("num_batches_tracked")}
        state["hifigan_decoder.speaker_encoder.torch_spec.1.mel_scale.fb"] = torch.from_numpy(
            frontend.mel_filterbank(frontend.SPEAKER_MEL).astype("float32"))
        target = random_cloning(replace(TINY, text_vocab=97), 5)
        load_cloning(target, state)
        self.assertTrue(torch.equal(source.mel_stats, target.mel_stats))

    def test_filterbank_rows_are_triangles_with_slaney_area(self):
        fb = frontend.mel_filterbank(frontend.COND_MEL)
        self.assertEqual((1025, 80), fb.shape)
        self.assertTrue(np.all(fb >= 0))
        self.assertTrue(np.all(fb.max(axis=0) > 0))

    def test_resampling_keeps_a_low_tone_and_has_the_torchaudio_length(self):
        t = torch.arange(48000) / 48000.0
        y = frontend.resample(torch.sin(2 * np.pi * 440 * t), 48000, 22050)
        self.assertEqual(22050, y.shape[0])
        self.assertAlmostEqual(1.0, float(y[2000:20000].abs().max()), places=2)

    def test_export_writes_checked_graphs_and_a_description(self):
        with tempfile.TemporaryDirectory() as out:
            description = export_cloning(random_cloning(replace(TINY, text_vocab=97), 3), out)
            for name in ("cond_encoder.onnx", "speaker_encoder.onnx"):
                onnx.checker.check_model(onnx.load(f"{out}/{name}"))
            with open(f"{out}/cloning.json") as f:
                self.assertEqual(description, json.load(f))
            self.assertEqual(1025, description["tables"]["cond_filterbank"]["rows"])


if __name__ == "__main__":
    unittest.main()
