package io.briefaudio.api.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Access control: API keys, anonymous access, audio link signing and default limits (docs/api.md). */
@ConfigMapping(prefix = "briefaudio.auth")
public interface AuthConfig {

    /** Require an API key on every API endpoint; when false everything is tenant 1 and needs no key. */
    @WithDefault("true")
    boolean enabled();

    /** With auth off, allow listening on a non-loopback address (otherwise start-up fails). */
    @WithDefault("false")
    boolean allowAnonymous();

    /** An operator key to create at start-up, used exactly as given (BRIEFAUDIO_AUTH_BOOTSTRAP_KEY). */
    Optional<String> bootstrapKey();

    /** Secret for signing audio links; by default a random one generated in the database and shared by replicas. */
    Optional<String> linkSecret();

    /** Lifetime of signed audio links in status and brief responses. */
    @WithDefault("24h")
    Duration linkTtl();

    /**
     * Lifetime of the signed {@code events_url} in job status responses (rounded up to the hour, like audio links):
     * short, as it opens a job's live events to whoever holds it; a stream opened in time stays open.
     */
    @WithDefault("1h")
    Duration eventsLinkTtl();

    /** Lifetime of signed enclosure links in podcast feeds, which apps fetch long after reading the feed. */
    @WithDefault("7d")
    Duration feedLinkTtl();

    /** Generate calls per minute for a new key that names no limit. */
    @WithDefault("30")
    int defaultGeneratePerMinute();

    /** Synthesized characters per UTC day for a new key that names no limit. */
    @WithDefault("1000000")
    long defaultCharactersPerDay();
}
