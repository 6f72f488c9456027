package io.briefaudio.api.access;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, for the current request: the tenant whose data it may see and the scopes of its key.
 * {@link AccessFilter} fills it in before the resource method runs; with auth off the caller is tenant 1
 * with every scope. Services ask it for {@link #tenantId()}; resources rarely need it.
 */
@RequestScoped
public class Caller {

    /** The tenant everything belongs to when auth is off. */
    public static final long DEFAULT_TENANT = 1;

    private Long tenantId;
    private ApiKeys.Key key;
    private Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    private boolean operator;

    void anonymous() {
        tenantId = DEFAULT_TENANT;
        scopes = EnumSet.allOf(Scope.class);
        operator = true;
    }

    void withKey(ApiKeys.Key key) {
        this.key = key;
        tenantId = key.tenantId();
        scopes = key.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(key.scopes());
        operator = key.operator();
    }

    void withFeedToken(long tenant) {
        tenantId = tenant;
        scopes = EnumSet.of(Scope.READ);
    }

    /** The caller's tenant; every brief, job, voice, webhook and audio lookup is scoped by it. */
    public long tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("no caller identified for this request (an endpoint without a scope?)");
        }
        return tenantId;
    }

    /** Whether a tenant is known: false on public endpoints reached without a key (e.g. a signed audio link). */
    public boolean identified() {
        return tenantId != null;
    }

    /** The API key of the request, when one was presented (absent with auth off and for feed tokens). */
    public Optional<ApiKeys.Key> key() {
        return Optional.ofNullable(key);
    }

    public boolean operator() {
        return operator;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Answers 403 unless the caller's key has the scope. */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "This API key lacks the '" + scope.wireName() + "' scope");
        }
    }
}
