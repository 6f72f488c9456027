package io.briefaudio.worker.jobs;

import java.time.Duration;
import java.util.Locale;

/**
 * Exponential backoff with jitter: {@code min(base · 2^(attempt−1), max)}, scaled by a random factor in
 * [0.9, 1.1) so that items that failed together do not retry in lockstep. Rendered as SQL because the
 * database clock is the only clock.
 */
public record Backoff(Duration base, Duration max) {

    public static final double JITTER = 0.1;

    /** An SQL interval expression for the delay after the attempt held in {@code attemptColumn}. */
    public String sqlDelay(String attemptColumn) {
        return String.format(Locale.ROOT,
                "make_interval(secs => least(%.3f * power(2, greatest(%s, 1) - 1), %.3f) * (%.2f + %.2f * random()))",
                base.toMillis() / 1000.0, attemptColumn, max.toMillis() / 1000.0, 1 - JITTER, 2 * JITTER);
    }

    /** The delay without jitter, for logs and tests. */
    public Duration nominalDelay(int attempt) {
        double seconds = Math.min(base.toMillis() / 1000.0 * Math.pow(2, Math.max(attempt, 1) - 1),
                max.toMillis() / 1000.0);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
