"""The model's maths where it departs from plain PyTorch calls: the sample-level harmonic phase (our gather form of
Kokoro's linear interpolation), the convolutional STFT pair against torch.stft/istft, the alignment, the
duration rule and the output length."""
import math
import unittest

import torch
import torch.nn.functional as F

from kokoro_export.model import KokoroModel
from kokoro_export.random_model import random_model, tiny_config
from kokoro_export.vocoder import ConvStft, SineGen, atan2


class ModelTest(unittest.TestCase):

    def test_harmonic_phase_is_kokoros_linear_interpolation(self):
        """Kokoro: per-sample rad → linear downsample by 1/300 → cumsum · 2π → ×300 → linear upsample ×300."""
        torch.manual_seed(0)
        f0 = torch.rand(1, 7) * 300
        ours = SineGen(300)
        ours.deterministic = False
        harmonics = torch.arange(1, 10, dtype=torch.float64)
        per_sample = F.interpolate(f0[:, None].double(), scale_factor=300, mode="nearest").transpose(1, 2)
        rad = (per_sample * harmonics / 24000) % 1
        down = F.interpolate(rad.transpose(1, 2), scale_factor=1 / 300, mode="linear").transpose(1, 2)
        phase = torch.cumsum(down, dim=1) * 2 * math.pi
        up = F.interpolate(phase.transpose(1, 2) * 300, scale_factor=300, mode="linear").transpose(1, 2)
        voiced = (per_sample > 10).double()
        expected = torch.sin(up) * 0.1 * voiced
        torch.manual_seed(1)
        got = ours(f0)
        noise_bound = 3 * 0.1 / 3 * 5  # the noise term, at most a few standard deviations
        self.assertEqual(expected.shape, got.shape)
        ours.deterministic = True
        self.assertEqual(0.0, float(ours(f0).abs().max()))
        ours.deterministic = False
        torch.manual_seed(1)
        noise = ours(f0) - _sines(f0).float()
        self.assertLess(float(noise.abs().max()), noise_bound)
        self.assertLess(float((_sines(f0) - expected).abs().max()), 2e-3)

    def test_stft_pair_matches_torch(self):
        torch.manual_seed(0)
        signal = torch.randn(1, 3000)
        stft = ConvStft(20, 5)
        magnitude, phase = stft.transform(signal)
        reference = torch.stft(signal, 20, 5, 20, window=torch.hann_window(20), return_complex=True)
        self.assertLess(float((magnitude - reference.abs()).abs().max()), 1e-4)
        wrapped = torch.remainder(phase - torch.angle(reference) + math.pi, 2 * math.pi) - math.pi
        self.assertLess(float(wrapped[reference.abs() > 1e-3].abs().max()), 1e-3)
        back = stft.inverse(reference.abs(), torch.angle(reference))[:, 0]
        self.assertEqual((1, 3000), tuple(back.shape))
        self.assertLess(float((back - signal).abs().max()), 1e-4)

    def test_atan2(self):
        y = torch.tensor([0.0, 1.0, -1.0, 0.0, 0.0, 1.0, -1.0, -0.0])
        x = torch.tensor([1.0, 0.0, 0.0, -1.0, 0.0, -1.0, -1.0, -1.0])
        expected = torch.tensor([0.0, math.pi / 2, -math.pi / 2, math.pi, 0.0, 3 * math.pi / 4, -3 * math.pi / 4,
                                 math.pi])
        self.assertLess(float((atan2(y, x) - expected).abs().max()), 1e-6)

    def test_alignment_gives_each_frame_one_token(self):
        aln = KokoroModel.alignment(torch.tensor([2, 1, 3]), 3)[0]
        self.assertEqual([[1, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], aln.long().tolist())

    def test_three_frames_per_id_and_600_samples_per_frame(self):
        model = random_model(tiny_config(), 3)
        ids = model.input_ids("həlˈO")
        with torch.no_grad():
            wave, durations = model(ids, torch.zeros(1, 256), torch.tensor([1.0]))
            fast, fast_durations = model(ids, torch.zeros(1, 256), torch.tensor([2.0]))
        self.assertEqual([3] * ids.shape[1], durations.tolist())
        self.assertEqual(600 * int(durations.sum()), wave.shape[0])
        self.assertEqual([2] * ids.shape[1], fast_durations.tolist())  # round(3.0 / 2) = 2
        self.assertTrue(bool(torch.isfinite(wave).all()))

    def test_511_phonemes_are_refused(self):
        model = KokoroModel(tiny_config())
        model.input_ids("ə" * 510)
        with self.assertRaises(ValueError):
            model.input_ids("ə" * 511)


def _sines(f0):
    """Our formula in float64, without noise."""
    harmonics = torch.arange(1, 10, dtype=torch.float64)
    rad = torch.remainder(f0.double()[..., None] * harmonics / 24000, 1.0)
    phase = torch.cumsum(rad, dim=1) * 2 * math.pi * 300
    n = f0.shape[1]
    samples = torch.arange(n * 300, dtype=torch.float64)
    pos = torch.clamp((samples + 0.5) / 300 - 0.5, min=0)
    left = torch.floor(pos)
    w = (pos - left)[None, :, None]
    left = left.long()
    right = torch.clamp(left + 1, max=n - 1)
    up = phase[:, left] * (1 - w) + phase[:, right] * w
    voiced = (f0.double() > 10)[:, samples.long() // 300][..., None]
    return torch.sin(up) * 0.1 * voiced


if __name__ == "__main__":
    unittest.main()
