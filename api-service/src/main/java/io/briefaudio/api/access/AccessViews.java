package io.briefaudio.api.access;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of {@code /api/keys} and {@code /api/feed-tokens} (snake_case on the wire). */
public final class AccessViews {

    private AccessViews() {
    }

    /** {@code tenant} and {@code operator} need an operator key; limits default from configuration. */
    public record CreateKeyRequest(String name, List<String> scopes, String tenant, Instant expiresAt,
                                   Limits limits, Boolean operator) {
    }

    public record Limits(Long generatePerMinute, Long charactersPerDay) {
    }

    /** A key as listed: never the secret, only its visible prefix {@code ba_{id}}. */
    public record KeyView(long id, String prefix, String name, List<String> scopes, String tenant, boolean operator,
                          Instant expiresAt, Limits limits, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** The answer to a create: the only time {@code key} is shown. */
    public record CreatedKey(long id, String key, String name, List<String> scopes, String tenant, Instant expiresAt,
                             Limits limits, String prefix, boolean operator, Instant createdAt) {
    }

    public record CreateFeedTokenRequest(String name) {
    }

    /** A feed token as listed: never the token itself. */
    public record FeedTokenView(long id, String name, Instant createdAt, Instant revokedAt) {
    }

    /** The answer to a create: the only time the token and the private feed URL are shown. */
    public record CreatedFeedToken(long id, String name, String token, String feedUrl, Instant createdAt) {
    }
}
