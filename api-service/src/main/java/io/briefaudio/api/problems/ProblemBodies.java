package io.briefaudio.api.problems;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of a problem+json body, shared by the REST mapper and the handlers that answer below the
 * REST layer (Vert.x routing, malformed HTTP), so every error looks the same whoever raises it.
 */
public final class ProblemBodies {

    /** Per-field errors listed in full; beyond this only their number is given, so a bad body cannot amplify. */
    public static final int MAX_FIELD_ERRORS = 20;

    private ProblemBodies() {
    }

    public static Map<String, Object> body(ProblemType type, int status, String detail, String instance,
                                           Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }

    /** The first {@link #MAX_FIELD_ERRORS} errors, and {@code error_count} when there were more. */
    public static Map<String, Object> fieldErrors(List<ApiProblem.FieldError> errors) {
        if (errors.size() <= MAX_FIELD_ERRORS) {
            return Map.of("errors", errors);
        }
        return Map.of("errors", List.copyOf(errors.subList(0, MAX_FIELD_ERRORS)), "error_count", errors.size());
    }

    /**
     * Answers on a raw Vert.x response, in OpenAI's error shape under {@code /v1}. The instance is left out:
     * below the REST layer the request target may be anything at all, and echoing it back is not worth the risk.
     */
    public static void send(HttpServerRequest request, ProblemType type, int status, String detail, boolean close) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        boolean openAi = OpenAiErrorBodies.applies(rawPath(request));
        String json = new JsonObject(openAi ? OpenAiErrorBodies.of(type, status, detail)
                : body(type, status, detail, null, Map.of())).encode();
        response.setStatusCode(status)
                .putHeader("Content-Type", openAi ? "application/json" : ProblemMapper.PROBLEM_JSON.toString())
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store");
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(json);
    }

    /** The request target's path as sent; null when the target is not even that (malformed HTTP). */
    private static String rawPath(HttpServerRequest request) {
        try {
            String uri = request.uri();
            return uri == null || !uri.startsWith("/") ? null : uri;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
