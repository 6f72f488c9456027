package io.briefaudio.worker.tts.audio;

import java.util.Arrays;

/**
 * Loudness as ITU-R BS.1770-4 / EBU R128 define it, for mono: K-weighting (a high shelf and a high pass,
 * derived for any sample rate from their analogue prototypes), mean square over 400 ms blocks overlapping
 * by 75 %, an absolute gate at -70 LUFS and a relative gate 10 LU under the mean; and the true peak from
 * 4x oversampling. FFmpeg's ebur128 filter measures the same, which the tests check.
 */
public final class LoudnessMeter {

    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final int OVERSAMPLING = 4;
    /** Taps on each side of the interpolation filter: the peak to within about 0.1 dB, at half the cost of 16. */
    private static final int HALF_TAPS = 8;

    private LoudnessMeter() {
    }

    /** Integrated loudness in LUFS; negative infinity for silence or audio shorter than one block. */
    public static double integratedLufs(float[] samples, int sampleRate) {
        // 400 ms blocks every 100 ms: each block is four consecutive 100 ms steps, so only step sums are kept.
        int step = (int) Math.round(sampleRate * 0.1);
        int steps = samples.length / step;
        if (steps < 4) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] stepSums = new double[steps];
        KWeighting filter = new KWeighting(sampleRate);
        for (int i = 0; i < steps * step; i++) {
            double y = filter.next(samples[i]);
            stepSums[i / step] += y * y;
        }
        double[] power = new double[steps - 3];
        for (int b = 0; b < power.length; b++) {
            power[b] = (stepSums[b] + stepSums[b + 1] + stepSums[b + 2] + stepSums[b + 3]) / (4.0 * step);
        }
        double absoluteMean = gatedMean(power, power(ABSOLUTE_GATE_LUFS));
        if (Double.isNaN(absoluteMean)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = Math.max(power(ABSOLUTE_GATE_LUFS), absoluteMean * Math.pow(10, RELATIVE_GATE_LU / 10));
        return lufs(gatedMean(power, relativeGate));
    }

    /** The highest level between samples too, as a linear amplitude (1.0 is full scale). */
    public static double truePeak(float[] samples) {
        double peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        double[][] phases = new double[OVERSAMPLING - 1][2 * HALF_TAPS];
        for (int p = 1; p < OVERSAMPLING; p++) {
            double fraction = (double) p / OVERSAMPLING;
            for (int t = 0; t < 2 * HALF_TAPS; t++) {
                double x = t - HALF_TAPS + 1 - fraction; // distance from sample n + t - HALF_TAPS + 1 to n + fraction
                double window = 0.5 + 0.5 * Math.cos(Math.PI * x / (HALF_TAPS + 1));
                phases[p - 1][t] = sinc(x) * window;
            }
        }
        double gainBound = 0; // no interpolated value exceeds this times the largest sample it is made of
        for (double[] taps : phases) {
            gainBound = Math.max(gainBound, Arrays.stream(taps).map(Math::abs).sum());
        }
        // Blocks whose neighbourhood cannot beat the peak found so far are skipped: speech peaks are sparse.
        int block = 2 * HALF_TAPS;
        int blocks = (samples.length + block - 1) / block;
        float[] blockMax = new float[blocks];
        for (int i = 0; i < samples.length; i++) {
            blockMax[i / block] = Math.max(blockMax[i / block], Math.abs(samples[i]));
        }
        for (int b = 0; b < blocks; b++) {
            double near = Math.max(blockMax[b], Math.max(b > 0 ? blockMax[b - 1] : 0, b + 1 < blocks ? blockMax[b + 1] : 0));
            if (near * gainBound <= peak) {
                continue;
            }
            int end = Math.min((b + 1) * block, samples.length - HALF_TAPS);
            for (int n = Math.max(b * block, HALF_TAPS - 1); n < end; n++) {
                int first = n - HALF_TAPS + 1;
                for (double[] taps : phases) {
                    double value = 0;
                    for (int t = 0; t < taps.length; t++) {
                        value += samples[first + t] * taps[t];
                    }
                    peak = Math.max(peak, Math.abs(value));
                }
            }
        }
        return peak;
    }

    /**
     * K-weighting, one sample at a time: a high shelf (+4 dB above ~1.7 kHz, the head's effect) then a high
     * pass at ~38 Hz, both biquads derived for the sample rate from their analogue prototypes.
     */
    private static final class KWeighting {
        private final double[] shelfB;
        private final double[] shelfA;
        private final double[] passA;
        private double sx1, sx2, sy1, sy2, px1, px2, py1, py2;

        KWeighting(int sampleRate) {
            double k = Math.tan(Math.PI * 1681.974450955533 / sampleRate);
            double q = 0.7071752369554196;
            double vh = Math.pow(10, 3.999843853973347 / 20);
            double vb = Math.pow(vh, 0.4996667741545416);
            double a0 = 1 + k / q + k * k;
            shelfB = new double[] {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0};
            shelfA = new double[] {2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
            k = Math.tan(Math.PI * 38.13547087602444 / sampleRate);
            q = 0.5003270373238773;
            a0 = 1 + k / q + k * k;
            passA = new double[] {2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        }

        double next(double x) {
            double s = shelfB[0] * x + shelfB[1] * sx1 + shelfB[2] * sx2 - shelfA[0] * sy1 - shelfA[1] * sy2;
            sx2 = sx1;
            sx1 = x;
            sy2 = sy1;
            sy1 = s;
            double y = s - 2 * px1 + px2 - passA[0] * py1 - passA[1] * py2; // high pass numerator: 1, -2, 1
            px2 = px1;
            px1 = s;
            py2 = py1;
            py1 = y;
            return y;
        }
    }

    private static double gatedMean(double[] power, double gate) {
        double sum = 0;
        int counted = 0;
        for (double p : power) {
            if (p > gate) {
                sum += p;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double lufs(double power) {
        return Double.isNaN(power) ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }
}
