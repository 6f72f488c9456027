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
        Integrator integrator = new Integrator(sampleRate);
        integrator.accept(samples, 0, samples.length);
        return integrator.lufs();
    }

    /**
     * Integrated loudness measured block by block, for audio too long to hold (an episode is read from a file):
     * the same result as {@link #integratedLufs(float[], int)} over all the samples given, bit for bit.
     */
    public static final class Integrator {
        // 400 ms blocks every 100 ms: each block is four consecutive 100 ms steps, so only step sums are kept.
        private final int step;
        private final KWeighting filter;
        private double[] stepSums = new double[256];
        private int steps;
        private double current;
        private int inStep;

        public Integrator(int sampleRate) {
            this.step = (int) Math.round(sampleRate * 0.1);
            this.filter = new KWeighting(sampleRate);
        }

        public void accept(float[] samples, int from, int to) {
            for (int i = from; i < to; i++) {
                double y = filter.next(samples[i]);
                current += y * y;
                if (++inStep == step) {
                    if (steps == stepSums.length) {
                        stepSums = Arrays.copyOf(stepSums, steps * 2);
                    }
                    stepSums[steps++] = current;
                    current = 0;
                    inStep = 0;
                }
            }
        }

        /** The loudness of everything accepted so far (a partial last step is left out). */
        public double lufs() {
            if (steps < 4) {
                return Double.NEGATIVE_INFINITY;
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
            return LoudnessMeter.lufs(gatedMean(power, relativeGate));
        }
    }

    /** The highest level between samples too, as a linear amplitude (1.0 is full scale). */
    public static double truePeak(float[] samples) {
        return interpolatedPeak(samples, samples.length, HALF_TAPS - 1, samplePeak(samples, 0, samples.length, 0));
    }

    /**
     * The true peak measured block by block, for audio too long to hold: the same result as
     * {@link #truePeak(float[])} over all the samples given. The last few samples of each block are kept,
     * so that the values between blocks are interpolated too.
     */
    public static final class PeakMeter {
        private static final int KEPT = 2 * HALF_TAPS - 1;
        private float[] work = new float[0];
        private int kept;
        private double peak;

        public void accept(float[] samples, int from, int to) {
            int length = kept + to - from;
            if (work.length < length) {
                float[] grown = new float[Math.max(length, 2 * work.length)];
                System.arraycopy(work, 0, grown, 0, kept);
                work = grown;
            }
            System.arraycopy(samples, from, work, kept, to - from);
            peak = samplePeak(samples, from, to, peak);
            peak = interpolatedPeak(work, length, HALF_TAPS - 1, peak);
            kept = Math.min(KEPT, length);
            System.arraycopy(work, length - kept, work, 0, kept);
        }

        /** The true peak of everything accepted so far, as a linear amplitude. */
        public double peak() {
            return peak;
        }
    }

    private static final double[][] PHASES = phases();
    /** No interpolated value exceeds this times the largest sample it is made of. */
    private static final double GAIN_BOUND = Arrays.stream(PHASES)
            .mapToDouble(taps -> Arrays.stream(taps).map(Math::abs).sum()).max().orElseThrow();

    private static double[][] phases() {
        double[][] phases = new double[OVERSAMPLING - 1][2 * HALF_TAPS];
        for (int p = 1; p < OVERSAMPLING; p++) {
            double fraction = (double) p / OVERSAMPLING;
            for (int t = 0; t < 2 * HALF_TAPS; t++) {
                double x = t - HALF_TAPS + 1 - fraction; // distance from sample n + t - HALF_TAPS + 1 to n + fraction
                double window = 0.5 + 0.5 * Math.cos(Math.PI * x / (HALF_TAPS + 1));
                phases[p - 1][t] = sinc(x) * window;
            }
        }
        return phases;
    }

    private static double samplePeak(float[] samples, int from, int to, double peak) {
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    /** The largest of {@code peak} and the values interpolated between samples n and n + 1, n from {@code firstN}. */
    private static double interpolatedPeak(float[] samples, int length, int firstN, double peak) {
        // Blocks whose neighbourhood cannot beat the peak found so far are skipped: speech peaks are sparse.
        int block = 2 * HALF_TAPS;
        int blocks = (length + block - 1) / block;
        float[] blockMax = new float[blocks];
        for (int i = 0; i < length; i++) {
            blockMax[i / block] = Math.max(blockMax[i / block], Math.abs(samples[i]));
        }
        for (int b = 0; b < blocks; b++) {
            double near = Math.max(blockMax[b], Math.max(b > 0 ? blockMax[b - 1] : 0, b + 1 < blocks ? blockMax[b + 1] : 0));
            if (near * GAIN_BOUND <= peak) {
                continue;
            }
            int end = Math.min((b + 1) * block, length - HALF_TAPS);
            for (int n = Math.max(b * block, firstN); n < end; n++) {
                int first = n - HALF_TAPS + 1;
                for (double[] taps : PHASES) {
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
