"""`--checkpoint-dir` as users run it, on random tiny checkpoints in Coqui's layout. Run: python3 -m unittest"""
import contextlib
import io
import json
import os
import shutil
import tempfile
import unittest

import torch

from xtts_export import cloning_export, export, random_checkpoint
from xtts_export.__main__ import main, random_parts
from xtts_export.compare import compare_dirs
from xtts_export.dims import TINY


class CheckpointDirTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xtts-ckpt-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.ckpt, self.out = os.path.join(self.tmp, "checkpoint"), os.path.join(self.tmp, "model")

    def test_should_export_release_and_fine_tuned_checkpoints_exactly_like_the_weights_themselves(self):
        model, tok, speakers = random_parts(TINY, 5)
        layouts = {"release": False, "fine-tuned": True}
        for name, fine_tuned in layouts.items():
            random_checkpoint.write(model, tok, speakers, os.path.join(self.tmp, name), fine_tuned=fine_tuned)
        direct = os.path.join(self.tmp, "direct")
        export.export_dir(model, tok, speakers, direct, "same weights", licensed=True)
        # random_checkpoint.write stores the cloning weights of random_cloning(dims, seed=0) under Coqui's names.
        cloning_export.export_cloning(cloning_export.random_cloning(model.dims, 0), direct)
        for name in layouts:
            with self.subTest(layout=name):
                ckpt, out = os.path.join(self.tmp, name), os.path.join(self.tmp, name + "-model")
                code, err = self.export("--checkpoint-dir", ckpt, "--accept-cpml", "--out", out)
                self.assertEqual(0, code, err)
                self.assertEqual([], compare_dirs(direct, out, ignore=["manifest.json:/checkpoint"]))
                manifest = self.manifest(out)
                self.assertEqual("sha256:" + export.sha256(os.path.join(ckpt, "model.pth")), manifest["checkpoint"])
                self.assertEqual(export.CPML_NOTICE, manifest["licence"])
                self.assertTrue(os.path.exists(os.path.join(out, "LICENSE-CPML.txt")))
        # The fine-tuned export above succeeded, so these were skipped: an unknown key would have been refused.
        keys = set(torch.load(os.path.join(self.tmp, "fine-tuned", "model.pth"))["model"])
        self.assertTrue({"xtts.gpt.gpt.wte.weight", "xtts.gpt.gpt_inference.embeddings.weight", "dvae.codebook.embed",
                         "torch_mel_spectrogram_dvae.mel_stft.spectrogram.window", "xtts.mel_stats"} <= keys)

    def test_should_refuse_real_weights_without_accepting_the_cpml(self):
        random_checkpoint.write(*random_parts(TINY, 5), self.ckpt)
        code, err = self.export("--checkpoint-dir", self.ckpt, "--out", self.out)
        self.assertEqual(2, code)
        self.assertIn("Coqui Public Model License", err)
        self.assertIn("--accept-cpml", err)
        self.assertFalse(os.path.exists(self.out))

    def test_should_refuse_a_checkpoint_with_an_unknown_key_and_write_nothing(self):
        def add_key(state, config):
            state["gpt.extra_head.weight"] = torch.zeros(4, 64)
        err = self.refused(add_key)
        self.assertIn("unknown: ['gpt.extra_head.weight']", err)
        self.assertNotIn("Traceback", err)

    def test_should_refuse_a_checkpoint_that_its_config_does_not_describe(self):
        def three_layers(state, config):
            config["model_args"]["gpt_layers"] = 3
        self.assertIn("gpt.gpt.h.2.ln_1.weight", self.refused(three_layers))

    def refused(self, change):
        """Writes a checkpoint, lets `change(state, config)` edit model.pth's state and config.json, exports it
        and expects a refusal that writes nothing. Returns what the exporter printed."""
        random_checkpoint.write(*random_parts(TINY, 5), self.ckpt)
        model_pth, config_json = os.path.join(self.ckpt, "model.pth"), os.path.join(self.ckpt, "config.json")
        checkpoint = torch.load(model_pth)
        with open(config_json) as f:
            config = json.load(f)
        change(checkpoint["model"], config)
        torch.save(checkpoint, model_pth)
        with open(config_json, "w") as f:
            json.dump(config, f)
        code, err = self.export("--checkpoint-dir", self.ckpt, "--accept-cpml", "--out", self.out)
        self.assertEqual(1, code, err)
        self.assertFalse(os.path.exists(self.out))
        return err

    def export(self, *argv):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                main(list(argv))
                code = 0
            except SystemExit as e:
                code = e.code
        return code, err.getvalue()

    @staticmethod
    def manifest(out):
        with open(os.path.join(out, "manifest.json")) as f:
            return json.load(f)


if __name__ == "__main__":
    unittest.main()
