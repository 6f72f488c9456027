package io.briefaudio.api.problems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's error body, {@code {"error": {message, type, param, code}}}, which every answer under {@code /v1}
 * uses instead of problem+json: OpenAI's SDKs read only that shape, whoever raised the error (the speech
 * resource, the access filter, Vert.x' body limit or the router's 404).
 */
public final class OpenAiErrorBodies {

    private OpenAiErrorBodies() {
    }

    /** Whether a request path (raw, possibly with a query) is under {@code /v1}. */
    public static boolean applies(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/") || path.startsWith("/v1?"));
    }

    public static Map<String, Object> body(String message, String type, String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }

    /** A problem in OpenAI's shape: its detail as the message, its slug as the code, the type by status. */
    public static Map<String, Object> of(ProblemType problem, int status, String detail) {
        return body(detail, typeFor(status), null, problem.slug());
    }

    /** OpenAI's error types by HTTP status (OpenAI answers an unknown path or model as invalid_request_error too). */
    public static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
