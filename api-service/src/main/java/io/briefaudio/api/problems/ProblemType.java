package io.briefaudio.api.problems;

import java.net.URI;

/** The stable problem types this API answers with; documented in docs/api.md. */
public enum ProblemType {
    VALIDATION("validation", "Request is invalid", 400),
    MALFORMED_JSON("malformed-json", "Request body is not valid JSON", 400),
    UNKNOWN_VOICE("unknown-voice", "Unknown voice", 400),
    UNKNOWN_ENGINE("unknown-engine", "Unknown engine", 400),
    UNSUPPORTED_LANGUAGE("unsupported-language", "The engine does not speak the language", 400),
    UNKNOWN_FIELD("unknown-field", "Request has an unknown field", 400),
    UNAUTHORIZED("unauthorized", "A valid API key is required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    WEBHOOK_TARGET_REFUSED("webhook-target-refused", "Webhook target is not allowed", 400),
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
    RATE_LIMITED("rate-limited", "Rate limit exceeded", 429),
    STORAGE_UNAVAILABLE("storage-unavailable", "Audio storage is unavailable", 503),
    BAD_REQUEST("bad-request", "Malformed HTTP request", 400),
    CROSS_ORIGIN_REQUEST("cross-origin-request", "Cross-origin request refused", 403),
    URI_TOO_LONG("uri-too-long", "Request URI is too long", 414),
    HEADER_FIELDS_TOO_LARGE("header-fields-too-large", "Request header fields are too large", 431),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable", 503),
    INTERNAL("internal", "Internal error", 500),
    CONSENT_REQUIRED("consent-required", "The speaker's consent is required", 422),
    CLIP_NOT_AUDIO("clip-not-audio", "The clip is not audio", 415),
    CLIP_TOO_LARGE("clip-too-large", "The clip is too large", 413),
    CLIP_TOO_SHORT("clip-too-short", "The clip has too little speech", 422),
    CLIP_TOO_LONG("clip-too-long", "The clip has too much speech", 422),
    CLIP_SILENT("clip-silent", "The clip is silent", 422),
    VOICE_NOT_READY("voice-not-ready", "The voice is not ready", 409),
    REQUEST_TIMEOUT("request-timeout", "The request body took too long", 408),
    MALFORMED_MULTIPART("malformed-multipart", "The multipart body is malformed", 400),
    PUBLIC_BASE_URL_REQUIRED("public-base-url-required", "The service's public base URL is not configured", 409),
    INVALID_PLS("invalid-pls", "The pronunciation lexicon is not valid PLS 1.0", 400),
    INVALID_SSML("invalid-ssml", "The item's SSML is not valid or not supported", 400),
    NOT_READY("not-ready", "The audio is not ready", 409);

    private static final String BASE = "urn:briefaudio:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** The type of an HTTP error raised below the REST layer (by Vert.x or Netty), by its status. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 416 -> RANGE_NOT_SATISFIABLE;
            case 431 -> HEADER_FIELDS_TOO_LARGE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The last part of the type URI, e.g. {@code unauthorized}; OpenAI-style errors use it as their code. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
