package io.briefaudio.api.access;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every JAX-RS request before its resource method runs and fills in {@link Caller}. The scope
 * an endpoint needs comes from {@link RequiresScope} on the method or class; without one, GET and HEAD need
 * {@code read} and every other method {@code generate}. {@link PublicEndpoint} opts out (or in to signed
 * links and feed tokens). Health, metrics, OpenAPI and static files are not JAX-RS and never reach this.
 */
public class AccessFilter {

    static final String CHALLENGE = "Bearer realm=\"briefaudio\"";

    private final AuthConfig config;
    private final ApiKeys keys;
    private final FeedTokens feedTokens;
    private final Caller caller;

    public AccessFilter(AuthConfig config, ApiKeys keys, FeedTokens feedTokens, Caller caller) {
        this.config = config;
        this.keys = keys;
        this.feedTokens = feedTokens;
        this.caller = caller;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        PublicEndpoint open = annotation(method, PublicEndpoint.class);
        if (open != null && open.feedToken()) {
            String token = request.getUriInfo().getPathParameters().getFirst("token");
            long tenant = feedTokens.tenantFor(token).orElseThrow(() -> ApiProblem.notFound("Feed", "token"));
            caller.withFeedToken(tenant);
            return;
        }
        if (!config.enabled()) {
            caller.anonymous();
            return;
        }
        Optional<String> presented = presentedKey(request);
        if (open != null && (!open.signedLink() || presented.isEmpty() && isSignedLink(request))) {
            return; // the resource authorizes by signature, or needs nothing
        }
        if (presented.isEmpty()) {
            throw unauthorized("An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
                    CHALLENGE);
        }
        ApiKeys.Key key = keys.authenticate(presented.get()).orElseThrow(() -> unauthorized(
                "The API key is unknown, revoked or expired", CHALLENGE + ", error=\"invalid_token\""));
        caller.withKey(key);
        caller.require(requiredScope(method, request.getMethod()));
    }

    /** The scope a resource method needs; also what the OpenAPI document says it needs (OpenApiDocument). */
    public static Scope requiredScope(Method method, String httpMethod) {
        RequiresScope declared = annotation(method, RequiresScope.class);
        if (declared != null) {
            return declared.value();
        }
        return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod) ? Scope.READ : Scope.GENERATE;
    }

    /** Part of a signed link is still a link: the resource answers 403 for it, not 401. */
    private static boolean isSignedLink(ContainerRequestContext request) {
        var query = request.getUriInfo().getQueryParameters();
        return query.containsKey("sig") || query.containsKey("exp");
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip()).filter(k -> !k.isEmpty());
        }
        return Optional.ofNullable(request.getHeaderString("X-API-Key")).map(String::strip).filter(k -> !k.isEmpty());
    }

    private static ApiProblem unauthorized(String detail, String challenge) {
        return new ApiProblem(ProblemType.UNAUTHORIZED, detail).withHeaders(Map.of("WWW-Authenticate", challenge));
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(type);
    }
}
