package io.briefaudio.worker.tts.audio;

/**
 * {@link Loudness#limit(float[], double, int)} one block at a time, for audio too long to hold: the same samples
 * out, bit for bit, {@code window - 1} samples later. The look-ahead minimum runs over a ring of the last
 * {@code window} samples; the moving average over a ring of the last {@code window} minima.
 */
public final class StreamingLimiter {

    /** Where limited samples go, a block at a time. */
    public interface Sink {
        void accept(float[] samples, int count) throws java.io.IOException;
    }

    private final double ceiling;
    private final int window;
    private final Sink sink;
    private final float[] samples;
    private final float[] needed;
    private final float[] minima;
    /** Indices of the samples that may still be the minimum of a window, their needed gains ascending. */
    private final long[] candidates;
    private int head;
    private int size;
    private long received;
    private long emitted;
    private double sum;
    private final float[] out = new float[8192];
    private int outCount;

    public StreamingLimiter(double ceiling, int window, Sink sink) {
        this.ceiling = ceiling;
        this.window = window;
        this.sink = sink;
        this.samples = new float[window];
        this.needed = new float[window];
        this.minima = new float[window];
        this.candidates = new long[window + 1];
        this.sum = window; // before the first sample, nothing needs reducing
    }

    public void accept(float[] block, int from, int to) throws java.io.IOException {
        for (int k = from; k < to; k++) {
            long j = received++;
            int slot = (int) (j % window);
            double level = Math.abs(block[k]);
            samples[slot] = block[k];
            needed[slot] = level > ceiling ? (float) (ceiling / level) : 1f;
            while (size > 0 && needed[(int) (last() % window)] >= needed[slot]) {
                size--;
            }
            candidates[(head + size++) % candidates.length] = j;
            if (j - window + 1 >= 0) {
                emit(j - window + 1);
            }
        }
    }

    /** Emits the last {@code window - 1} samples, whose look-ahead ends with the audio, and flushes the sink. */
    public void finish() throws java.io.IOException {
        while (emitted < received) {
            emit(emitted);
        }
        if (outCount > 0) {
            sink.accept(out, outCount);
            outCount = 0;
        }
    }

    private long last() {
        return candidates[(head + size - 1) % candidates.length];
    }

    private void emit(long i) throws java.io.IOException {
        while (candidates[head] < i) {
            head = (head + 1) % candidates.length;
            size--;
        }
        int slot = (int) (i % window);
        float minimum = needed[(int) (candidates[head] % window)];
        sum += minimum - (i >= window ? minima[slot] : 1.0);
        minima[slot] = minimum;
        out[outCount++] = (float) (samples[slot] * Math.min(sum / window, needed[slot]));
        emitted = i + 1;
        if (outCount == out.length) {
            sink.accept(out, outCount);
            outCount = 0;
        }
    }
}
