package io.briefaudio.api.problems;

import java.util.Map;

/**
 * An error the API answers as RFC 9457 {@code application/problem+json}. Each subclass has one stable
 * {@code type}; {@code extensions} become extra members of the problem object.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> extensions;
    private Map<String, String> headers = Map.of();

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiProblem(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail);
        this.type = type;
        this.extensions = extensions;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Response headers the problem needs, e.g. {@code Content-Range} on a 416. */
    public Map<String, String> headers() {
        return headers;
    }

    public ApiProblem withHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
        return this;
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiProblem invalid(String detail, java.util.List<FieldError> errors) {
        return new ApiProblem(ProblemType.VALIDATION, detail, ProblemBodies.fieldErrors(errors));
    }

    /** One rejected field of a request body or query: a JSON-pointer-like path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
