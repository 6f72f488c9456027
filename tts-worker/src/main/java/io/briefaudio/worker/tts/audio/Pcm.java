package io.briefaudio.worker.tts.audio;

/** Mono audio as samples in [-1, 1] at a sample rate. */
public record Pcm(float[] samples, int sampleRate) {

    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}
