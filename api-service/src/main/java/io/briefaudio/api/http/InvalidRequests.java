package io.briefaudio.api.http;

import io.briefaudio.api.problems.ProblemBodies;
import io.briefaudio.api.problems.ProblemType;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Answers HTTP that Netty's decoder rejects (a request line or headers too long, a malformed request line,
 * bad or conflicting Content-Length, control characters in headers) and request targets that are not URIs
 * with problem+json, where Vert.x and Quarkus send an empty 400/414/431 or just close the connection.
 *
 * <p>Vert.x offers {@code HttpServer.invalidRequestHandler} for this, but Quarkus 3.33 creates and starts the
 * server itself and exposes no hook before {@code listen} (quarkusio/quarkus#55082). So once the server runs,
 * the handler is set where Vert.x reads it for each new connection: the connection handler of each server
 * instance. This reaches into Vert.x 4.5 internals; if they change, start-up logs a warning, the defaults stay,
 * and {@code BadInputCorpusTests} fails.
 */
@ApplicationScoped
public class InvalidRequests implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(InvalidRequests.class);

    static final Handler<HttpServerRequest> HANDLER = InvalidRequests::answer;

    /**
     * No cleartext HTTP/2: TLS ends in front of the service, and an {@code Upgrade: h2c} with bad settings got
     * an empty 400 and a connection left hanging.
     */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    private static volatile boolean installed;

    private final long maxBodyBytes;

    public InvalidRequests(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "12M")
                           MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    /** Whether the handler is in place: it is installed just after the server starts listening (an async event). */
    public static boolean isInstalled() {
        return installed;
    }

    void install(@ObservesAsync HttpServerStart started, Vertx vertx) {
        tryInstall(vertx, 50);
    }

    /** The server's verticles may not be deployed yet when the start event arrives: look again a little later. */
    private void tryInstall(Vertx vertx, int triesLeft) {
        int installed = 0;
        try {
            VertxInternal internal = (VertxInternal) vertx;
            for (String id : vertx.deploymentIDs()) {
                var deployment = internal.getDeployment(id);
                if (deployment == null) {
                    continue;
                }
                for (Verticle verticle : deployment.getVerticles()) {
                    for (Field field : verticle.getClass().getDeclaredFields()) {
                        if (HttpServer.class.isAssignableFrom(field.getType())) {
                            field.setAccessible(true);
                            if (field.get(verticle) instanceof HttpServer server && install(server, maxBodyBytes)) {
                                installed++;
                            }
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Malformed HTTP requests keep Vert.x's empty answers: cannot install the handler", e);
            return;
        }
        if (installed == 0 && triesLeft > 1) {
            vertx.setTimer(100, id -> tryInstall(vertx, triesLeft - 1));
        } else if (installed == 0) {
            LOG.warn("Malformed HTTP requests keep Vert.x's empty answers: no HTTP server instance found");
        } else {
            InvalidRequests.installed = true;
            LOG.infof("Invalid-request handler installed on %d HTTP server instance(s)", installed);
        }
    }

    /** Sets the handler for future {@code listen} calls and on the live per-connection handler. */
    private static boolean install(HttpServer server, long maxBodyBytes) throws ReflectiveOperationException {
        server.invalidRequestHandler(HANDLER);
        Object worker = read(server, "childHandler");
        if (worker == null) {
            return false;
        }
        Object connectionHandler = read(worker, "connectionHandler");
        if (connectionHandler == null) {
            return false;
        }
        field(connectionHandler.getClass(), "invalidRequestHandler").set(connectionHandler, HANDLER);
        Field requests = field(connectionHandler.getClass(), "requestHandler");
        Object current = requests.get(connectionHandler);
        if (current instanceof Handler<?> quarkus && !(current instanceof ValidUris)) {
            @SuppressWarnings("unchecked")
            Handler<HttpServerRequest> next = (Handler<HttpServerRequest>) quarkus;
            requests.set(connectionHandler, new ValidUris(next, maxBodyBytes));
        }
        return true;
    }

    /**
     * Quarkus answers a request target that is not a valid URI ({@code /%zz}, a control character) and a declared
     * body over {@code quarkus.http.limits.max-body-size} with an empty 400 or 413 before any route sees them;
     * this answers them with a problem first, by the same tests.
     */
    private record ValidUris(Handler<HttpServerRequest> next, long maxBodyBytes) implements Handler<HttpServerRequest> {
        @Override
        public void handle(HttpServerRequest request) {
            try {
                new URI(request.uri());
            } catch (URISyntaxException e) {
                ProblemBodies.send(request, ProblemType.BAD_REQUEST, 400,
                        "The request target is not a valid URI", true);
                return;
            }
            if (declaredLength(request) > maxBodyBytes) {
                ProblemBodies.send(request, ProblemType.PAYLOAD_TOO_LARGE, 413,
                        "The request body is larger than " + maxBodyBytes + " bytes", true);
                return;
            }
            next.handle(request);
        }

        private static long declaredLength(HttpServerRequest request) {
            String length = request.getHeader("Content-Length");
            try {
                return length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return -1; // Netty's decoder has already refused it
            }
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        return field(target.getClass(), name).get(target);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ProblemType type;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            type = ProblemType.URI_TOO_LONG;
            detail = "The request line is longer than the server accepts";
        } else if (cause instanceof TooLongHttpHeaderException) {
            type = ProblemType.HEADER_FIELDS_TOO_LARGE;
            detail = "The request headers are larger than the server accepts";
        } else {
            type = ProblemType.BAD_REQUEST;
            detail = "The request is not valid HTTP/1.1";
        }
        ProblemBodies.send(request, type, type.status(), detail, true);
    }
}
