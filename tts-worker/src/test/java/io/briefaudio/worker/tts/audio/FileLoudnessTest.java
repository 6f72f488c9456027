package io.briefaudio.worker.tts.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block-at-a-time loudness tools give exactly what the in-memory ones give: episodes level like items. */
class FileLoudnessTest {

    private static final int RATE = 22050;

    @TempDir
    Path dir;

    @Test
    void shouldMeasureLoudnessAndTruePeakBlockByBlockAsInMemory() {
        float[] speech = speechLike(RATE * 7 + 123, 1);
        LoudnessMeter.Integrator loudness = new LoudnessMeter.Integrator(RATE);
        LoudnessMeter.PeakMeter peak = new LoudnessMeter.PeakMeter();
        // Blocks of uneven sizes, some shorter than the interpolation filter.
        int[] sizes = {1, 7, 15, 16, 1000, 4096, 3, 65536};
        for (int from = 0, k = 0; from < speech.length; k++) {
            int to = Math.min(speech.length, from + sizes[k % sizes.length]);
            loudness.accept(speech, from, to);
            peak.accept(speech, from, to);
            from = to;
        }

        assertEquals(LoudnessMeter.integratedLufs(speech, RATE), loudness.lufs(), 0.0);
        assertEquals(LoudnessMeter.truePeak(speech), peak.peak(), 0.0);
    }

    @Test
    void shouldLimitBlockByBlockExactlyAsInMemory() throws Exception {
        float[] speech = speechLike(RATE * 3, 2);
        for (int window : new int[] {1, 220}) {
            float[] expected = speech.clone();
            Loudness.limit(expected, 0.3, window);
            float[] actual = new float[speech.length];
            int[] at = {0};
            StreamingLimiter limiter = new StreamingLimiter(0.3, window, (samples, count) -> {
                System.arraycopy(samples, 0, actual, at[0], count);
                at[0] += count;
            });
            for (int from = 0; from < speech.length; from += 5000) {
                limiter.accept(speech, from, Math.min(speech.length, from + 5000));
            }
            limiter.finish();

            assertEquals(speech.length, at[0]);
            assertArrayEquals(expected, actual, "window " + window);
        }
    }

    @Test
    void shouldLevelAFileExactlyAsInMemory() throws Exception {
        // Loud, with peaks between samples: the level search takes several rounds and the limiter works.
        float[] speech = speechLike(RATE * 20, 3);
        for (int i = 0; i < speech.length; i += 997) {
            speech[i] = 0.95f;
        }
        Path in = write(speech, "in.f32");
        Path out = dir.resolve("out.f32");

        FileLoudness.normalise(in, out, RATE, -16, -1.5);

        float[] expected = Loudness.normalise(new Pcm(speech, RATE), -16, -1.5).samples();
        assertArrayEquals(expected, RawAudio.readAll(out));
    }

    @Test
    void shouldLevelAClipShorterThanOneBlockAndSilenceAsInMemory() throws Exception {
        float[] click = speechLike(RATE / 5, 4);
        FileLoudness.normalise(write(click, "click.f32"), dir.resolve("click-out.f32"), RATE, -16, -1.5);
        assertArrayEquals(Loudness.normalise(new Pcm(click, RATE), -16, -1.5).samples(),
                RawAudio.readAll(dir.resolve("click-out.f32")));

        float[] silence = new float[RATE * 2];
        FileLoudness.normalise(write(silence, "silence.f32"), dir.resolve("silence-out.f32"), RATE, -16, -1.5);
        assertArrayEquals(silence, RawAudio.readAll(dir.resolve("silence-out.f32")));
    }

    /** Syllable-like bursts of a few tones with noise, and pauses. */
    private static float[] speechLike(int length, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 3.1 * i / RATE)) * (0.3 + 0.7 * ((i / RATE) % 2));
            double voice = 0.5 * Math.sin(2 * Math.PI * 180 * i / RATE) + 0.3 * Math.sin(2 * Math.PI * 910 * i / RATE)
                    + 0.1 * random.nextGaussian();
            samples[i] = (float) (0.6 * envelope * voice);
        }
        return samples;
    }

    private Path write(float[] samples, String name) throws Exception {
        Path file = dir.resolve(name);
        try (RawAudio.Writer writer = new RawAudio.Writer(file)) {
            writer.write(samples, 0, samples.length);
        }
        return file;
    }
}
