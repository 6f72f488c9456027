package io.briefaudio.worker.tts.xtts;

/**
 * Band-limited resampling with Hann-windowed sinc kernels, the algorithm of torchaudio's {@code resample} (and of
 * our PyTorch reference, tools/xtts-export frontend.py): the rates are reduced by their gcd, each of the
 * {@code to} output phases has its own kernel of {@code 2w + from} taps, applied with stride {@code from}.
 */
final class Resampler {

    /** Larger kernel tables mean rates with a tiny common divisor (e.g. 44101 Hz); such clips go through ffmpeg. */
    static final long MAX_KERNEL_FLOATS = 8_000_000;

    private Resampler() {
    }

    static boolean supports(int from, int to, int width, double rolloff) {
        int g = gcd(from, to);
        long o = from / g;
        long n = to / g;
        long w = (long) Math.ceil(width * o / (Math.min(o, n) * rolloff));
        return n * (2 * w + o) <= MAX_KERNEL_FLOATS;
    }

    static float[] resample(float[] x, int from, int to, int width, double rolloff) {
        if (from == to) {
            return x.clone();
        }
        if (!supports(from, to, width, rolloff)) {
            throw new IllegalArgumentException("cannot resample " + from + " Hz to " + to + " Hz with a kernel table");
        }
        int g = gcd(from, to);
        int o = from / g;
        int n = to / g;
        double base = Math.min(o, n) * rolloff;
        int w = (int) Math.ceil(width * o / base);
        int taps = 2 * w + o;
        float[][] kernel = new float[n][taps];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < taps; i++) {
                double t = (-(double) j / n + (double) (i - w) / o) * base;
                t = Math.max(-width, Math.min(width, t));
                double c = Math.cos(t * Math.PI / width / 2);
                t *= Math.PI;
                double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
                kernel[j][i] = (float) (sinc * (c * c) * (base / o));
            }
        }
        int outLength = (int) Math.ceil((double) n * x.length / o);
        float[] out = new float[outLength];
        for (int k = 0; k < outLength; k++) {
            int frame = k / n;
            float[] kj = kernel[k % n];
            int start = frame * o - w; // index into x of tap 0 (x is zero-padded by w on the left)
            double sum = 0;
            int i0 = Math.max(0, -start);
            int i1 = Math.min(taps, x.length - start);
            for (int i = i0; i < i1; i++) {
                sum += kj[i] * x[start + i];
            }
            out[k] = (float) sum;
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
