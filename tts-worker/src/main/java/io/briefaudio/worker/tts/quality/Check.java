package io.briefaudio.worker.tts.quality;

import java.util.Locale;

/**
 * The checks every synthesized sentence goes through (docs/quality.md). The wire name is the report's {@code name}
 * and the {@code check} label of {@code briefaudio_worker_quality_total}. The first two need the engine's audio codes
 * (XTTS); the others read the samples.
 */
public enum Check {
    /** XTTS: the GPT reached the code cap without drawing the stop code. Value and limit in codes. */
    CODE_CAP,
    /** XTTS: a stretch of codes repeats an earlier one. Value and limit in seconds. */
    LOOP,
    /** Spoken seconds outside the band around what the sentence's speakable characters take. Seconds. */
    DURATION,
    /** The longest silence between the first and the last sound. Seconds. */
    INNER_SILENCE,
    /** Silence before the first sound. Seconds. */
    LEADING_SILENCE,
    /** Silence after the last sound. Seconds. */
    TRAILING_SILENCE,
    /** Share of samples in flat tops at the sentence's peak level. A fraction. */
    CLIPPING,
    /** Samples that are NaN or infinite. A count. */
    NON_FINITE,
    /** Every sample zero (below half a 16-bit step). A count of audible samples. */
    ALL_ZERO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the sentence is not audio at all: such an attempt is worse than any that merely sounds wrong. */
    boolean isBroken() {
        return this == NON_FINITE || this == ALL_ZERO;
    }

    /** Whether this check reads audio codes, which only an engine that reports them (XTTS) has. */
    boolean needsCodes() {
        return this == CODE_CAP || this == LOOP;
    }
}
