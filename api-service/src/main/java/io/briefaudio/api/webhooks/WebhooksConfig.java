package io.briefaudio.api.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "briefaudio.webhooks")
public interface WebhooksConfig {

    /** Deliver webhooks from this instance at all (any number of instances may; rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Allow targets on loopback, private, link-local, metadata and other non-public addresses and this server's own
     * (tests, closed networks). Ambiguous IPv4 spellings stay refused.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Time limit of one delivery attempt, connecting included. */
    @WithDefault("5s")
    Duration timeout();

    /** How long a message is retried before it is marked failed. */
    @WithDefault("24h")
    Duration retryFor();

    /** Delay before the second attempt; it doubles per attempt. */
    @WithDefault("10s")
    Duration backoffBase();

    /** Longest delay between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /** How long a claimed message is reserved; a dispatcher that dies mid-delivery gives it up after this. */
    @WithDefault("30s")
    Duration lease();

    /** How often each instance looks for due messages. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most messages one dispatch round sends (in parallel). */
    @WithDefault("20")
    int batchSize();
}
