package io.briefaudio.worker.tts.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The quality gate: which checks run on every synthesized sentence and what happens when one fails (docs/quality.md). */
@ConfigMapping(prefix = "briefaudio.quality")
public interface QualityConfig {

    /** Check every sentence (false narrates as before the gate, and items get no quality report). */
    @WithDefault("true")
    boolean enabled();

    /** How often a failing sentence is synthesized again with another seed (engines that sample only: XTTS). */
    @WithDefault("2")
    int maxResynthesis();

    /** warn: the item completes with its report; fail: it fails with error kind "quality" (and is retried). */
    @WithDefault("warn")
    OnFail onFail();

    /** How much cooler each XTTS re-synthesis samples (temperature minus this per take, never below 0.1). */
    @WithDefault("0.1")
    double temperatureStep();

    /** XTTS: the longest repeated stretch of audio codes allowed (a loop at least this long fails). */
    @WithDefault("700ms")
    Duration loop();

    Timing duration();

    Silence silence();

    /** Most of a sentence's samples that may sit in flat tops at its peak level (clipping), as a fraction. */
    @WithDefault("0.001")
    double clipping();

    interface Timing {
        /** Shortest spoken duration allowed, as a fraction of the expected one (minus the slack). */
        @WithDefault("0.5")
        double minRatio();

        /** Longest spoken duration allowed, as a multiple of the expected one (plus the slack). */
        @WithDefault("1.75")
        double maxRatio();

        /** Added to both ends of the band, so that a short sentence's breath and final lengthening never fail it. */
        @WithDefault("0.5s")
        Duration slack();

        /**
         * Speakable characters (letters and digits) per second at speed 1, by language, replacing the built-in rate
         * of that language (docs/quality.md lists them); {@code default} for languages without one.
         */
        Map<String, Double> charsPerSecond();
    }

    interface Silence {
        /** Longest silence allowed inside a sentence; breaks written in the text lie between sentences and never count. */
        @WithDefault("1.2s")
        Duration inner();

        /** Longest silence allowed before a sentence's first sound. */
        @WithDefault("1s")
        Duration leading();

        /** Longest silence allowed after a sentence's last sound. */
        @WithDefault("1s")
        Duration trailing();
    }
}
