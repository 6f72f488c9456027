package io.briefaudio.worker.tts.quality;

/**
 * What the checks read from one sentence's samples, in one pass over 10 ms frames. A frame is silent when its RMS is
 * more than {@value #SILENCE_BELOW_LOUDEST_DB} dB under the sentence's loudest frame: relative, because engines
 * deliver speech at different levels before levelling, and 40 dB is below every consonant and above the hiss an
 * engine leaves in its pauses.
 */
record SignalMeasures(int nonFinite, boolean allZero, double leadingSeconds, double trailingSeconds,
                      double innerSeconds, double spokenSeconds, double clippedShare) {

    static final int FRAME_MILLIS = 10;
    static final double SILENCE_BELOW_LOUDEST_DB = 40;
    /** Half a 16-bit step: quieter samples are written as 0. */
    static final double ZERO = 0.5 / 32768;
    /** A flat top is at least this many samples in a row within {@link #FLAT} of the peak level. */
    static final int FLAT_RUN = 3;
    static final double FLAT = 1e-4;

    /**
     * Measures {@code samples}; non-finite samples are counted, then read as zeros. One pass over the samples (frame
     * energy, frame peak, non-finite count); flat tops are then looked for only in frames that reach the peak level.
     */
    static SignalMeasures of(float[] samples, int sampleRate) {
        int frame = Math.max(1, sampleRate * FRAME_MILLIS / 1000);
        int frames = (samples.length + frame - 1) / frame;
        double[] rms = new double[frames];
        float[] framePeak = new float[frames];
        int nonFinite = 0;
        float peak = 0;
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            int from = f * frame;
            int to = Math.min(samples.length, from + frame);
            double sum = 0;
            float max = 0;
            for (int i = from; i < to; i++) {
                float s = samples[i];
                if (!Float.isFinite(s)) {
                    nonFinite++;
                    continue;
                }
                sum += (double) s * s;
                max = Math.max(max, Math.abs(s));
            }
            rms[f] = Math.sqrt(sum / (to - from));
            framePeak[f] = max;
            peak = Math.max(peak, max);
            loudest = Math.max(loudest, rms[f]);
        }
        if (peak < ZERO) {
            return new SignalMeasures(nonFinite, true, 0, 0, 0, 0, 0);
        }
        double threshold = loudest * Math.pow(10, -SILENCE_BELOW_LOUDEST_DB / 20);
        int first = 0;
        while (rms[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (rms[last] < threshold) {
            last--;
        }
        int longestGap = 0;
        int gap = 0;
        for (int f = first; f <= last; f++) {
            gap = rms[f] < threshold ? gap + 1 : 0;
            longestGap = Math.max(longestGap, gap);
        }
        double frameSeconds = frame / (double) sampleRate;
        double trailing = Math.max(0, samples.length - (last + 1) * frame) / (double) sampleRate;
        return new SignalMeasures(nonFinite, false, first * frameSeconds, trailing, longestGap * frameSeconds,
                (last + 1 - first) * frameSeconds, clippedShare(samples, peak, framePeak, frame));
    }

    /**
     * The share of samples in flat tops: runs of at least {@link #FLAT_RUN} samples of one sign within
     * {@link #FLAT} of the peak level. A waveform that was clipped (by the engine, or by an integer format) sits
     * there; speech that merely peaks touches its peak for a sample or two. A gain changes neither the runs nor the
     * share, so this is the share at full scale once levelling brings the peak there. Only the frames that reach the
     * flat-top level are read: every sample of a flat top is in one, and speech reaches its peak in a frame or two.
     */
    private static double clippedShare(float[] samples, double peak, float[] framePeak, int frame) {
        double floor = peak * (1 - FLAT);
        long clipped = 0;
        for (int f = 0; f < framePeak.length; f++) {
            if (framePeak[f] < floor) {
                continue;
            }
            int end = f;
            while (end + 1 < framePeak.length && framePeak[end + 1] >= floor) {
                end++;
            }
            clipped += flatTopSamples(samples, f * frame, Math.min(samples.length, (end + 1) * frame), floor);
            f = end;
        }
        return clipped / (double) samples.length;
    }

    /** Samples in [from, to) in flat tops: runs of {@link #FLAT_RUN} or more, of one sign, at or over {@code floor}. */
    private static long flatTopSamples(float[] samples, int from, int to, double floor) {
        long clipped = 0;
        int run = 0;
        int sign = 0;
        for (int i = from; i < to; i++) {
            float s = samples[i];
            int here = Float.isFinite(s) && Math.abs(s) >= floor ? (s > 0 ? 1 : -1) : 0;
            if (here != 0 && here == sign) {
                run++;
            } else {
                if (run >= FLAT_RUN) {
                    clipped += run;
                }
                run = here == 0 ? 0 : 1;
                sign = here;
            }
        }
        return run >= FLAT_RUN ? clipped + run : clipped;
    }
}
