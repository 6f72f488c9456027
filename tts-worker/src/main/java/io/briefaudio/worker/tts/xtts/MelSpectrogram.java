package io.briefaudio.worker.tts.xtts;

/**
 * Power mel spectrogram as torchaudio's MelSpectrogram computes it with {@code center=True}: reflect-pad n_fft/2 on
 * both sides, frames every hop, window (already zero-padded to n_fft), |FFT|², then the exporter's filter bank.
 * Output is [n_mels][frames] flattened row-major. Thread-safe.
 */
final class MelSpectrogram {

    private final int nFft;
    private final int hop;
    private final int mels;
    private final float[] window;
    private final float[] filterbank; // [n_fft/2+1][n_mels]
    private final double[] cos;
    private final double[] sin;

    MelSpectrogram(CloningSpec.Mel mel, float[] window, float[] filterbank) {
        this.nFft = mel.nFft();
        this.hop = mel.hopLength();
        this.mels = mel.nMels();
        if (Integer.bitCount(nFft) != 1 || window.length != nFft || filterbank.length != (nFft / 2 + 1) * mels) {
            throw new IllegalArgumentException("mel front end does not fit n_fft " + nFft + " / " + mels + " mels");
        }
        this.window = window;
        this.filterbank = filterbank;
        this.cos = new double[nFft / 2];
        this.sin = new double[nFft / 2];
        for (int i = 0; i < nFft / 2; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / nFft);
            sin[i] = Math.sin(-2 * Math.PI * i / nFft);
        }
    }

    int frames(int samples) {
        return samples / hop + 1;
    }

    float[] compute(float[] x) {
        int pad = nFft / 2;
        if (x.length <= pad) {
            throw new IllegalArgumentException("audio of " + x.length + " samples is too short for n_fft " + nFft);
        }
        int frames = frames(x.length);
        int bins = nFft / 2 + 1;
        float[] out = new float[mels * frames];
        double[] re = new double[nFft];
        double[] im = new double[nFft];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < nFft; i++) {
                re[i] = window[i] * reflected(x, t * hop + i - pad);
                im[i] = 0;
            }
            fft(re, im);
            for (int f = 0; f < bins; f++) {
                power[f] = re[f] * re[f] + im[f] * im[f];
            }
            for (int m = 0; m < mels; m++) {
                double sum = 0;
                for (int f = 0; f < bins; f++) {
                    sum += filterbank[f * mels + m] * power[f];
                }
                out[m * frames + t] = (float) sum;
            }
        }
        return out;
    }

    private static float reflected(float[] x, int i) {
        if (i < 0) {
            return x[-i];
        }
        return i >= x.length ? x[2 * (x.length - 1) - i] : x[i];
    }

    /** In-place iterative radix-2 FFT. */
    private void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                double ti = im[i];
                im[i] = im[j];
                im[j] = ti;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int step = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
