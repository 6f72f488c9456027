package io.briefaudio.api.http;

import io.briefaudio.api.problems.ProblemBodies;
import io.briefaudio.api.problems.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What every response gets before the REST layer sees the request: security headers, the body read under
 * the size limit, and problem+json for failures Vert.x raises itself (oversized body, missing Host, odd
 * request targets). Malformed HTTP that never becomes a routed request is {@link InvalidRequests}' job.
 */
@ApplicationScoped
public class RouterHardening {

    private static final Logger LOG = Logger.getLogger(RouterHardening.class);

    /** Runs before Quarkus' own handlers, whose 413 and 404 answers have empty bodies. */
    private static final int FIRST = Integer.MIN_VALUE + 100;

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self' blob: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final long maxBodyBytes;

    public RouterHardening(@ConfigProperty(name = "briefaudio.http.max-json-body-size", defaultValue = "2M")
                           MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::screen).failureHandler(this::failure);
        // Reading the whole body here (it is small: JSON under the limit) makes an oversized one a routing
        // failure answered below, not an exception in the middle of JSON parsing. Preallocating gives an empty
        // body a buffer too: without one, the REST layer would wait to read a request that has already ended.
        BodyHandler json = BodyHandler.create(false).setBodyLimit(maxBodyBytes)
                .setMergeFormAttributes(false).setPreallocateBodyBuffer(true);
        // Multipart uploads (voice clips, up to quarkus.http.limits.max-body-size) are left to the REST layer's
        // own multipart reader, which keeps the file parts this handler would drop.
        router.route().order(FIRST + 1).handler(context -> {
            if (isMultipart(context)) {
                context.next();
            } else {
                json.handle(context);
            }
        });
    }

    private static boolean isMultipart(RoutingContext context) {
        String type = context.request().getHeader("Content-Type");
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Refuses a body whose length cannot be known, and sets the security headers every answer carries. */
    private void screen(RoutingContext context) {
        if (unframeable(context.request())) {
            // RFC 9112 §6.3: without a final chunked coding the body's length is unknown; answer and close.
            ProblemBodies.send(context.response(), ProblemType.BAD_REQUEST, 400,
                    "Transfer-Encoding must end in chunked and cannot come with Content-Length", true);
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Referrer-Policy", "same-origin");
        String path = context.normalizedPath();
        // The Swagger UI under /q/ brings inline scripts; our own pages need none.
        if (!path.startsWith("/q/")) {
            response.putHeader("Content-Security-Policy", PAGE_POLICY);
        }
        context.next();
    }

    private static boolean unframeable(HttpServerRequest request) {
        String coding = request.getHeader("Transfer-Encoding");
        if (coding == null) {
            return false;
        }
        String[] codings = coding.split(",");
        return !codings[codings.length - 1].trim().equalsIgnoreCase("chunked")
                || request.getHeader("Content-Length") != null;
    }

    private void failure(RoutingContext context) {
        Throwable failure = context.failure();
        int status = context.statusCode();
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        if (status < 400 && isMissingHost(failure)) {
            status = 400;
        }
        if (status < 400 && (failure instanceof HttpClosedException || !context.request().isEnded())) {
            // The body broke off or its chunks were malformed: the client's fault; the connection is closing.
            LOG.debugf("Request body could not be read: %s", failure);
            status = 400;
        }
        if (status < 400) {
            status = 500;
            LOG.error("Request failed below the REST layer", failure);
        }
        ProblemType type = ProblemType.forStatus(status);
        ProblemBodies.send(context.response(), type, status, detail(type, status), status == 413 || status == 400);
    }

    private static boolean isMissingHost(Throwable failure) {
        return failure != null && String.valueOf(failure.getMessage()).contains("'Host' header is required");
    }

    private String detail(ProblemType type, int status) {
        return switch (type) {
            case PAYLOAD_TOO_LARGE -> "The request body is larger than " + maxBodyBytes + " bytes";
            case NOT_FOUND -> "Nothing is served at this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            case BAD_REQUEST -> "The request is not valid HTTP/1.1 (a Host header and an origin-form target are required)";
            case INTERNAL -> "The server could not complete the request";
            default -> "The request was refused with status " + status;
        };
    }
}
