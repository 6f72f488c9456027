package io.briefaudio.worker.tts.audio;

import java.util.List;

/**
 * Mono audio as samples in [-1, 1] at a sample rate, and, when the engine that spoke it knows them (Kokoro's
 * durations), where each word of the text it was given is heard.
 */
public record Pcm(float[] samples, int sampleRate, List<Word> words) {

    /** Characters {@code [textStart, textEnd)} of the spoken text are heard in samples {@code [fromSample, toSample)}. */
    public record Word(int textStart, int textEnd, int fromSample, int toSample) {
    }

    public Pcm {
        words = words == null ? List.of() : List.copyOf(words);
    }

    public Pcm(float[] samples, int sampleRate) {
        this(samples, sampleRate, List.of());
    }

    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}
