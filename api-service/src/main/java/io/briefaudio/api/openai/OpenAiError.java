package io.briefaudio.api.openai;

import io.briefaudio.api.problems.OpenAiErrorBodies;
import java.util.Map;

/** An error answered on {@code /v1/*} in OpenAI's shape: {@code {"error": {message, type, param, code}}}. */
public class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public OpenAiError(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** A 400 {@code invalid_request_error} about one request field. */
    public static OpenAiError invalid(String param, String code, String message) {
        return new OpenAiError(400, "invalid_request_error", param, code, message);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return OpenAiErrorBodies.body(getMessage(), type, param, code);
    }
}
