package io.briefaudio.worker.tts;

import java.util.ArrayDeque;

/**
 * Levels a narration to a target RMS over its speech (pauses are gated out), then a smooth peak limiter
 * keeps every sample under the ceiling, so that presets and items play equally loud.
 */
final class Loudness {

    private static final int FRAME_MILLIS = 20;
    /** Frames quieter than this are pauses or breath and would drag the average down. */
    private static final double GATE_DBFS = -50.0;
    /** The limiter's gain falls over this long before a peak and recovers over as long after it. */
    private static final int LIMITER_MILLIS = 10;

    private Loudness() {
    }

    static Pcm normalise(Pcm pcm, double targetRmsDbfs, double peakCeilingDbfs) {
        float[] in = pcm.samples();
        double rms = gatedRms(in, pcm.sampleRate());
        if (rms <= 0) {
            return pcm;
        }
        double gain = fromDb(targetRmsDbfs) / rms;
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * gain);
        }
        limit(out, fromDb(peakCeilingDbfs), Math.max(1, pcm.sampleRate() * LIMITER_MILLIS / 1000));
        return new Pcm(out, pcm.sampleRate());
    }

    /**
     * Gain per sample is the moving average of the look-ahead minimum of the gain each sample needs: at a
     * peak every averaged value is at most what that peak needs, and the gain glides rather than steps.
     */
    static void limit(float[] samples, double ceiling, int window) {
        int n = samples.length;
        double[] needed = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double level = Math.abs(samples[i]);
            needed[i] = level > ceiling ? ceiling / level : 1.0;
            any |= level > ceiling;
        }
        if (!any) {
            return;
        }
        double[] lookAheadMin = new double[n];
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

    static double toDb(double amplitude) {
        return 20 * Math.log10(amplitude);
    }

    private static double fromDb(double db) {
        return Math.pow(10, db / 20);
    }
}
