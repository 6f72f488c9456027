package io.briefaudio.shared.voices;

/** Decoded clip samples, down-mixed to mono (the mean of the channels, as Coqui's loader does), in [-1, 1]. */
public record ClipAudio(float[] samples, int sampleRate) {

    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
