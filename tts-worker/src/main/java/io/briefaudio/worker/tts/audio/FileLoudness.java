package io.briefaudio.worker.tts.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link Loudness#normalise(Pcm, double, double)} for audio in a {@link RawAudio} file, one block at a time:
 * each round of the level search is one pass over the file (gain, streaming limiter, loudness and true peak
 * measured on the way), and a last pass writes the result. The same samples as the in-memory version, bit for
 * bit, with memory independent of the audio's length: an episode of hours is levelled in a few megabytes.
 */
public final class FileLoudness {

    private FileLoudness() {
    }

    /** Levels {@code in} into {@code out} (a new file) as {@link Loudness#normalise} would. */
    public static void normalise(Path in, Path out, int sampleRate, double targetLufs, double truePeakDbtp)
            throws IOException {
        if (RawAudio.sampleCount(in) < sampleRate * 4L / 10) {
            // Shorter than one loudness block: measured padded, and small enough to do in memory.
            float[] samples = RawAudio.readAll(in);
            float[] levelled = Loudness.normalise(new Pcm(samples, sampleRate), targetLufs, truePeakDbtp).samples();
            try (RawAudio.Writer writer = new RawAudio.Writer(out)) {
                writer.write(levelled, 0, levelled.length);
            }
            return;
        }
        LoudnessMeter.Integrator input = new LoudnessMeter.Integrator(sampleRate);
        RawAudio.read(in, (samples, count) -> input.accept(samples, 0, count));
        double measured = input.lufs();
        if (Double.isInfinite(measured)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        double ceiling = Loudness.fromDb(truePeakDbtp - Loudness.CODEC_HEADROOM_DB);
        double sampleCeiling = ceiling;
        double gainDb = targetLufs - measured;
        int window = Math.max(1, sampleRate * Loudness.LIMITER_MILLIS / 1000);
        Pass last = null;
        double previousGainDb = Double.NaN;
        double previousLevel = Double.NaN;
        boolean peakDue = true;
        boolean verified = false;
        // The same search as Loudness.normalise; each round's output is measured instead of kept.
        for (int round = 0; round < Loudness.ROUNDS; round++) {
            last = pass(in, sampleRate, gainDb, sampleCeiling, window, 1.0, null);
            if (peakDue) {
                peakDue = false;
                if (last.peak > ceiling * 1.001) {
                    sampleCeiling *= ceiling / last.peak;
                    continue;
                }
            }
            double level = last.level;
            if (Math.abs(targetLufs - level) <= Loudness.TOLERANCE_LU) {
                if (last.peak <= ceiling * 1.001) {
                    verified = true;
                    break;
                }
                sampleCeiling *= ceiling / last.peak;
                continue;
            }
            double slope = Double.isNaN(previousGainDb) || gainDb == previousGainDb ? 1.0
                    : Math.max(0.2, Math.min(1.0, (level - previousLevel) / (gainDb - previousGainDb)));
            previousGainDb = gainDb;
            previousLevel = level;
            gainDb += (targetLufs - level) / slope;
        }
        double peak = verified ? 0 : last.peak;
        try (RawAudio.Writer writer = new RawAudio.Writer(out)) {
            pass(in, sampleRate, last.gainDb, last.sampleCeiling, window, peak > ceiling ? ceiling / peak : 1.0, writer);
        }
    }

    /** One round: what its output measured, and the settings that made it. */
    private record Pass(double gainDb, double sampleCeiling, double level, double peak) {
    }

    private static Pass pass(Path in, int sampleRate, double gainDb, double sampleCeiling, int window, double finalScale,
                             RawAudio.Writer writer) throws IOException {
        LoudnessMeter.Integrator loudness = new LoudnessMeter.Integrator(sampleRate);
        LoudnessMeter.PeakMeter peak = new LoudnessMeter.PeakMeter();
        StreamingLimiter limiter = new StreamingLimiter(sampleCeiling, window, (samples, count) -> {
            if (finalScale != 1.0) {
                for (int i = 0; i < count; i++) {
                    samples[i] = (float) (samples[i] * finalScale);
                }
            }
            if (writer != null) {
                writer.write(samples, 0, count);
            } else {
                loudness.accept(samples, 0, count);
                peak.accept(samples, 0, count);
            }
        });
        double gain = Loudness.fromDb(gainDb);
        float[] scaled = new float[RawAudio.BLOCK];
        RawAudio.read(in, (samples, count) -> {
            for (int i = 0; i < count; i++) {
                scaled[i] = (float) (samples[i] * gain);
            }
            limiter.accept(scaled, 0, count);
        });
        limiter.finish();
        return new Pass(gainDb, sampleCeiling, loudness.lufs(), peak.peak());
    }

    /** The true peak of a file's samples, as a linear amplitude. */
    public static double truePeak(Path file) throws IOException {
        LoudnessMeter.PeakMeter meter = new LoudnessMeter.PeakMeter();
        RawAudio.read(file, (samples, count) -> meter.accept(samples, 0, count));
        return meter.peak();
    }
}
