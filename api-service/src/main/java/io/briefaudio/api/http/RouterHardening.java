package io.briefaudio.api.http;

import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.problems.ProblemBodies;
import io.briefaudio.api.problems.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
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
    private final long maxMultipartBytes;
    private final long bodyTimeoutMillis;

    public RouterHardening(@ConfigProperty(name = "briefaudio.http.max-json-body-size", defaultValue = "2M")
                           MemorySize maxBodySize,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "12M")
                           MemorySize maxMultipartSize, ApiConfig config) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxMultipartBytes = maxMultipartSize.asLongValue();
        this.bodyTimeoutMillis = Math.max(1, config.http().bodyTimeout().toMillis());
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::screen).failureHandler(this::failure);
        // Reading the whole body here (it is small: JSON under the limit) makes an oversized one a routing
        // failure answered below, not an exception in the middle of JSON parsing. Preallocating gives an empty
        // body a buffer too: without one, the REST layer would wait to read a request that has already ended.
        BodyHandler json = BodyHandler.create(false).setBodyLimit(maxBodyBytes)
                .setMergeFormAttributes(false).setPreallocateBodyBuffer(true);
        // Multipart uploads (voice clips, up to quarkus.http.limits.max-body-size) are parsed by the REST layer's
        // own multipart reader, which keeps the file parts this handler would drop; it reads blocking, on a worker
        // thread, so the body is gathered here first, on the event loop, and it parses from memory.
        router.route().order(FIRST + 1).handler(context -> {
            if (isMultipart(context)) {
                gatherMultipart(context);
            } else {
                json.handle(context);
            }
        });
        router.route().order(FIRST + 2).handler(RouterHardening::bodyOfEndedRequest);
    }

    /**
     * Vert.x preallocates a body buffer only for a known length, so a chunked body that ends without data
     * ({@code 0\r\n\r\n}) is left unset, and the REST layer would then wait on a worker thread, until its read
     * timeout, for a body that has already ended (issue 31.2: 250 of them made the API unresponsive). The body
     * is complete here, so an unset one is empty.
     */
    @SuppressWarnings("deprecation") // RoutingContext.setBody: the one public way to give the REST layer a body
    private static void bodyOfEndedRequest(RoutingContext context) {
        if (!isMultipart(context) && context.body().buffer() == null && context.request().isEnded()) {
            context.setBody(Buffer.buffer());
        }
        context.next();
    }

    @SuppressWarnings("deprecation") // RoutingContext.setBody: the one public way to give the REST layer a body
    private void gatherMultipart(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            context.setBody(Buffer.buffer());
            context.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxMultipartBytes) {
                refused[0] = true;
                context.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!refused[0]) {
                refused[0] = true;
                context.fail(failure);
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private static boolean isMultipart(RoutingContext context) {
        String type = context.request().getHeader("Content-Type");
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Refuses a body whose length cannot be known, and sets the security headers every answer carries. */
    private void screen(RoutingContext context) {
        if (unframeable(context.request())) {
            // RFC 9112 §6.3: without a final chunked coding the body's length is unknown; answer and close.
            ProblemBodies.send(context.request(), ProblemType.BAD_REQUEST, 400,
                    "Transfer-Encoding must end in chunked and cannot come with Content-Length", true);
            return;
        }
        boundBodyTime(context);
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

    /**
     * Bodies are read on the event loop (JSON by the body handler, multipart by {@link #gatherMultipart}), so a
     * slow one holds no thread; this bounds how long it may hold its connection: past
     * {@code briefaudio.http.body-timeout} the request gets 408 and the connection is closed.
     */
    private void boundBodyTime(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader("Content-Length");
        boolean declaresBody = request.getHeader("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
        if (!declaresBody || request.isEnded()) {
            return;
        }
        long timer = context.vertx().setTimer(bodyTimeoutMillis, id -> {
            if (!request.isEnded() && !context.response().ended()) {
                LOG.debugf("Request body not complete after %d ms; answering 408", bodyTimeoutMillis);
                ProblemBodies.send(request, ProblemType.REQUEST_TIMEOUT, 408,
                        "The request body did not arrive within " + bodyTimeoutMillis / 1000.0 + " s", true);
                request.connection().close();
            }
        });
        context.addEndHandler(done -> context.vertx().cancelTimer(timer));
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
        ProblemBodies.send(context.request(), type, status, detail(type, status), status == 413 || status == 400);
    }

    private static boolean isMissingHost(Throwable failure) {
        return failure != null && String.valueOf(failure.getMessage()).contains("'Host' header is required");
    }

    private String detail(ProblemType type, int status) {
        return switch (type) {
            case PAYLOAD_TOO_LARGE -> "The request body is larger than " + maxBodyBytes + " bytes (" + maxMultipartBytes
                    + " for a multipart voice clip upload)";
            case NOT_FOUND -> "Nothing is served at this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            case BAD_REQUEST -> "The request is not valid HTTP/1.1 (a Host header and an origin-form target are required)";
            case INTERNAL -> "The server could not complete the request";
            default -> "The request was refused with status " + status;
        };
    }
}
