package io.briefaudio.worker.tts.quality;

/**
 * Which rendition of a sentence an engine speaks. Take 0 is the engine's own (its usual seed, its usual sampling);
 * another take draws with seed variant {@code seed} and, on XTTS, samples {@code coolerBy} lower in temperature.
 * The same take of the same text in the same voice always gives the same audio.
 */
public record Take(int seed, double coolerBy) {

    public static final Take FIRST = new Take(0, 0);

    public Take {
        if (seed < 0 || coolerBy < 0) {
            throw new IllegalArgumentException("a take's seed variant and cooling are never negative");
        }
    }
}
