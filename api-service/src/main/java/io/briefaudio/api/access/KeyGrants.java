package io.briefaudio.api.access;

import io.briefaudio.api.access.ApiKeys.Key;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What a key may hand out when it creates another (the matrix in docs/api.md, "Who may manage keys"): never more
 * than it holds. Operators alone may grant higher limits, operator keys and other tenants' keys.
 */
final class KeyGrants {

    private KeyGrants() {
    }

    /** A limit for a new key; a tenant admin cannot hand out more than its own key has. */
    static long limit(Long requested, long fallback, Caller caller, ToLongFunction<Key> own, String field) {
        long value = requested == null ? fallback : requested;
        if (value < 0) {
            throw ApiProblem.invalid("Limits cannot be negative", List.of(new FieldError(field, "must be 0 or more")));
        }
        Optional<Key> callerKey = caller.key();
        if (!caller.operator() && callerKey.isPresent() && value > own.applyAsLong(callerKey.get())) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Only operator keys may grant more than their own "
                    + field + " (" + own.applyAsLong(callerKey.get()) + ")");
        }
        return value;
    }

    /**
     * A key hands out no more than it holds: scopes it has itself and an expiry no later than its own (a key that
     * expires cannot create one that never does). Without a key (auth off) nothing is held back.
     */
    static void requireWithinOwnKey(Caller caller, List<Scope> scopes, Instant expiresAt) {
        Optional<Key> own = caller.key();
        if (own.isEmpty()) {
            return;
        }
        List<Scope> beyond = scopes.stream().filter(scope -> !own.get().scopes().contains(scope)).toList();
        if (!beyond.isEmpty()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "A key can only create keys with scopes it has itself; "
                    + "this key lacks " + String.join(", ", ApiKeys.wireNames(beyond)));
        }
        Instant ownExpiry = own.get().expiresAt();
        if (ownExpiry != null && (expiresAt == null || expiresAt.isAfter(ownExpiry))) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "This key expires at " + ownExpiry
                    + "; the keys it creates must expire by then too (set expires_at no later)");
        }
    }
}
