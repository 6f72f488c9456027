package io.briefaudio.worker.tts.audio;

import java.util.ArrayDeque;

/**
 * Levels a narration to an integrated loudness (EBU R128, see {@link LoudnessMeter}), then a smooth peak
 * limiter keeps the true peak under the ceiling, so that presets, items and episodes play equally loud and
 * meet the podcast norm (-16 LUFS, true peak at most -1.5 dBTP) after lossy encoding too.
 */
public final class Loudness {

    /** Room left under the ceiling for the overshoot of lossy encoders (MP3, AAC, Opus at speech bit rates). */
    static final double CODEC_HEADROOM_DB = 1.0;
    /** How close to the target the level must land; well inside the ±1 LU the tests allow. */
    static final double TOLERANCE_LU = 0.3;
    static final int ROUNDS = 8;
    private static final int FRAME_MILLIS = 20;
    /** Frames quieter than this are pauses or breath and would drag the average down. */
    private static final double GATE_DBFS = -50.0;
    /** The limiter's gain falls over this long before a peak and recovers over as long after it. */
    static final int LIMITER_MILLIS = 10;

    private Loudness() {
    }

    /**
     * A copy of {@code pcm} at {@code targetLufs} whose true peak stays {@link #CODEC_HEADROOM_DB} under
     * {@code truePeakDbtp}. Limiting lowers the loudness a little, so gain and ceiling are refined over a few rounds.
     */
    public static Pcm normalise(Pcm pcm, double targetLufs, double truePeakDbtp) {
        float[] in = pcm.samples();
        double measured = measure(in, pcm.sampleRate());
        if (Double.isInfinite(measured)) {
            return pcm;
        }
        double ceiling = fromDb(truePeakDbtp - CODEC_HEADROOM_DB);
        double sampleCeiling = ceiling;
        double gainDb = targetLufs - measured;
        int window = Math.max(1, pcm.sampleRate() * LIMITER_MILLIS / 1000);
        float[] out = in;
        double previousGainDb = Double.NaN;
        double previousLevel = Double.NaN;
        // The true peak is costly: checked on the first round and on rounds that reach the target.
        boolean peakDue = true;
        boolean verified = false;
        for (int round = 0; round < ROUNDS; round++) {
            out = scaled(in, fromDb(gainDb));
            limit(out, sampleCeiling, window);
            if (peakDue) {
                peakDue = false;
                double peak = LoudnessMeter.truePeak(out);
                if (peak > ceiling * 1.001) {
                    sampleCeiling *= ceiling / peak; // overshoot between samples: limit the samples harder
                    continue;
                }
            }
            double level = measure(out, pcm.sampleRate());
            if (Math.abs(targetLufs - level) <= TOLERANCE_LU) {
                double peak = LoudnessMeter.truePeak(out);
                if (peak <= ceiling * 1.001) {
                    verified = true;
                    break;
                }
                sampleCeiling *= ceiling / peak;
                continue;
            }
            // The limiter takes back part of any gain; the last two rounds tell how much (a secant step).
            double slope = Double.isNaN(previousGainDb) || gainDb == previousGainDb ? 1.0
                    : Math.max(0.2, Math.min(1.0, (level - previousLevel) / (gainDb - previousGainDb)));
            previousGainDb = gainDb;
            previousLevel = level;
            gainDb += (targetLufs - level) / slope;
        }
        double peak = verified ? 0 : LoudnessMeter.truePeak(out);
        if (peak > ceiling) {
            out = scaled(out, ceiling / peak); // out of rounds: the last one's overshoot, a fraction of a dB
        }
        return new Pcm(out, pcm.sampleRate());
    }

    /** Integrated loudness; a clip shorter than one 400 ms block is measured as a single block. */
    static double measure(float[] samples, int sampleRate) {
        int block = sampleRate * 4 / 10;
        if (samples.length >= block) {
            return LoudnessMeter.integratedLufs(samples, sampleRate);
        }
        float[] padded = new float[block];
        System.arraycopy(samples, 0, padded, 0, samples.length);
        double lufs = LoudnessMeter.integratedLufs(padded, sampleRate);
        return lufs + 10 * Math.log10((double) block / Math.max(1, samples.length));
    }

    private static float[] scaled(float[] in, double gain) {
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * gain);
        }
        return out;
    }

    /**
     * Gain per sample is the moving average of the look-ahead minimum of the gain each sample needs: at a
     * peak every averaged value is at most what that peak needs, and the gain glides rather than steps.
     */
    static void limit(float[] samples, double ceiling, int window) {
        int n = samples.length;
        // float, not double: an episode holds tens of millions of samples, and these two arrays are the largest.
        float[] needed = new float[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double level = Math.abs(samples[i]);
            needed[i] = level > ceiling ? (float) (ceiling / level) : 1f;
            any |= level > ceiling;
        }
        if (!any) {
            return;
        }
        float[] lookAheadMin = new float[n];
        ArrayDeque<Integer> candidates = new ArrayDeque<>();
        for (int i = n - 1; i >= 0; i--) {
            while (!candidates.isEmpty() && needed[candidates.peekLast()] >= needed[i]) {
                candidates.pollLast();
            }
            candidates.addLast(i);
            if (candidates.peekFirst() >= i + window) {
                candidates.pollFirst();
            }
            lookAheadMin[i] = needed[candidates.peekFirst()];
        }
        double sum = window; // before the first sample, nothing needs reducing
        for (int i = 0; i < n; i++) {
            sum += lookAheadMin[i] - (i >= window ? lookAheadMin[i - window] : 1.0);
            // The min only guards against rounding in the running sum; mathematically sum / window <= needed[i].
            samples[i] = (float) (samples[i] * Math.min(sum / window, needed[i]));
        }
    }

    static double gatedRms(float[] samples, int sampleRate) {
        int frame = Math.max(1, sampleRate * FRAME_MILLIS / 1000);
        double gate = fromDb(GATE_DBFS);
        double sum = 0;
        long counted = 0;
        for (int start = 0; start < samples.length; start += frame) {
            int end = Math.min(samples.length, start + frame);
            double frameSum = 0;
            for (int i = start; i < end; i++) {
                frameSum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(frameSum / (end - start)) >= gate) {
                sum += frameSum;
                counted += end - start;
            }
        }
        return counted == 0 ? 0 : Math.sqrt(sum / counted);
    }

    public static double toDb(double amplitude) {
        return 20 * Math.log10(amplitude);
    }

    static double fromDb(double db) {
        return Math.pow(10, db / 20);
    }
}
