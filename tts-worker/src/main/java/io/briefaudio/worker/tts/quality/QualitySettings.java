package io.briefaudio.worker.tts.quality;

import java.time.Duration;

/** The gate's settings as plain values ({@link QualityConfig} in the worker; tests and benchmarks build their own). */
public record QualitySettings(boolean enabled, int maxResynthesis, OnFail onFail, double temperatureStep,
                              Duration loop, double minDurationRatio, double maxDurationRatio, Duration durationSlack,
                              SpeakingRates rates, Duration innerSilence, Duration leadingSilence,
                              Duration trailingSilence, double clipping) {

    public static final QualitySettings DEFAULTS = new QualitySettings(true, 2, OnFail.WARN, 0.1,
            Duration.ofMillis(700), 0.5, 1.75, Duration.ofMillis(500), SpeakingRates.DEFAULTS, Duration.ofMillis(1200),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 0.001);

    /** No checks: narration as it was before the gate (the benchmarks' "off"). */
    public static final QualitySettings OFF = DEFAULTS.withEnabled(false);

    public QualitySettings {
        if (maxResynthesis < 0 || temperatureStep < 0 || clipping < 0 || minDurationRatio < 0
                || maxDurationRatio <= minDurationRatio) {
            throw new IllegalArgumentException("briefaudio.quality: max-resynthesis, temperature-step and clipping must "
                    + "not be negative, and duration.max-ratio must exceed duration.min-ratio");
        }
    }

    public static QualitySettings from(QualityConfig c) {
        return new QualitySettings(c.enabled(), c.maxResynthesis(), c.onFail(), c.temperatureStep(), c.loop(),
                c.duration().minRatio(), c.duration().maxRatio(), c.duration().slack(),
                new SpeakingRates(c.duration().charsPerSecond()), c.silence().inner(), c.silence().leading(),
                c.silence().trailing(), c.clipping());
    }

    public QualitySettings withEnabled(boolean on) {
        return new QualitySettings(on, maxResynthesis, onFail, temperatureStep, loop, minDurationRatio,
                maxDurationRatio, durationSlack, rates, innerSilence, leadingSilence, trailingSilence, clipping);
    }

    public QualitySettings withOnFail(OnFail policy) {
        return new QualitySettings(enabled, maxResynthesis, policy, temperatureStep, loop, minDurationRatio,
                maxDurationRatio, durationSlack, rates, innerSilence, leadingSilence, trailingSilence, clipping);
    }

    public QualitySettings withMaxResynthesis(int max) {
        return new QualitySettings(enabled, max, onFail, temperatureStep, loop, minDurationRatio, maxDurationRatio,
                durationSlack, rates, innerSilence, leadingSilence, trailingSilence, clipping);
    }
}
