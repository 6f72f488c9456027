package io.briefaudio.worker.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "briefaudio.worker")
public interface WorkerConfig {

    /** Whether this process claims items at all (off for tests that drive workers by hand). */
    @WithDefault("true")
    boolean enabled();

    /** Items synthesized at once by this replica; with XTTS these slots feed one batching decoder (docs/xtts.md). */
    @WithDefault("1")
    int concurrency();

    /**
     * Episodes assembled at once by this replica, in their own lane: an episode never occupies an item slot,
     * so items never wait for episodes. 0 leaves episodes to other replicas.
     */
    @WithDefault("1")
    int episodeConcurrency();

    /** How long a claim is valid without a heartbeat; a heartbeat runs every third of it. */
    @WithDefault("60s")
    Duration lease();

    /** Poll for runnable items this often even when no notification arrives. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often this replica looks for expired leases of crashed replicas. */
    @WithDefault("10s")
    Duration reapInterval();

    /** Retry delay after the first failed attempt; it doubles with each further attempt. */
    @WithDefault("5s")
    Duration backoffBase();

    /** Longest retry delay. */
    @WithDefault("5m")
    Duration backoffMax();

    /**
     * How long storage or database errors are waited out (item queued, attempt not charged) before they
     * count as failed attempts.
     */
    @WithDefault("1h")
    Duration transientRetryWindow();

    /** Longest delay between retries of an item waiting out a storage or database error. */
    @WithDefault("1m")
    Duration transientBackoffMax();

    /** Name of this replica in leases and logs; defaults to host name, process id and a random suffix. */
    Optional<String> id();
}
