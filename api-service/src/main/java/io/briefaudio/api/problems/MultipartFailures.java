package io.briefaudio.api.problems;

import java.util.Locale;

/**
 * Tells a multipart body the REST layer's parser could not read (a boundary the body does not use, no closing
 * boundary, a broken base64 part, more than its 1,000 fields or parts) from a bug: the parser raises plain
 * runtime and I/O exceptions, so they are known by where they were thrown. The client's fault: 400, or 413
 * for too many parts, never 500 (issue 31.5).
 */
final class MultipartFailures {

    private static final String PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String FORM_HANDLER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

    private MultipartFailures() {
    }

    static boolean causedBy(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                String type = frames[i].getClassName();
                if (type.startsWith(PARSER) || type.startsWith(FORM_HANDLER)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean tooManyParts(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("limit")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
