package io.briefaudio.worker.tts.quality;

/** A check a sentence failed: what was measured, the limit it crossed, and the sentence (1 is the item's first). */
public record Finding(Check check, double value, double limit, int sentence) {

    /** How far past its limit, relative to it, so attempts failing the same checks can be ranked. */
    double excess() {
        return limit == 0 ? Math.abs(value) : Math.abs(value - limit) / Math.abs(limit);
    }
}
