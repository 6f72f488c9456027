package io.briefaudio.api.problems;

import java.net.URI;

/** The stable problem types this API answers with; documented in docs/api.md. */
public enum ProblemType {
    VALIDATION("validation", "Request is invalid", 400),
    MALFORMED_JSON("malformed-json", "Request body is not valid JSON", 400),
    UNKNOWN_VOICE("unknown-voice", "Unknown voice", 400),
    UNKNOWN_FIELD("unknown-field", "Request has an unknown field", 400),
    UNKNOWN_FORMAT("unknown-format", "Unknown audio format", 400),
    NOT_FOUND("not-found", "Resource not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict with the resource's current state", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "Range not satisfiable", 416),
    BRIEF_HAS_NO_ITEMS("brief-has-no-items", "Brief has no items to narrate", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key was used for another request", 422),
    STORAGE_UNAVAILABLE("storage-unavailable", "Audio storage is unavailable", 503),
    INTERNAL("internal", "Internal error", 500);

    private static final String BASE = "urn:briefaudio:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
