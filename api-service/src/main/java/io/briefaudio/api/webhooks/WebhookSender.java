package io.briefaudio.api.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs a webhook to the one address {@link TargetGuard#resolve} checked: the connection goes to that address and
 * the host name is used only for the Host header and TLS (SNI, certificate check), so a DNS answer that changes
 * between the check and the connection (rebinding) cannot redirect it. Redirects are never followed.
 */
final class WebhookSender {

    private final Vertx vertx;
    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Vertx vertx, Duration timeout, int connections) {
        this.vertx = vertx;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setVerifyHost(true)
                .setMaxPoolSize(Math.max(1, connections))
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /**
     * The status code the target answered; fails with a {@link TimeoutException} when the whole attempt (connecting
     * included) takes longer than the timeout, or with the connection's error.
     */
    CompletableFuture<Integer> post(URI url, InetAddress address, Map<String, String> headers, String body) {
        boolean tls = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setHost(bare)
                .setPort(port)
                .setSsl(tls)
                .setURI(path)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        options.putHeader("Host", url.getPort() == -1 ? host : host + ":" + port);
        headers.forEach(options::putHeader);

        CompletableFuture<Integer> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            if (result.completeExceptionally(new TimeoutException("timed out after " + timeout))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        client.request(options)
                .compose(request -> {
                    sent.set(request);
                    if (result.isDone()) { // timed out while connecting
                        request.reset();
                    }
                    return request.send(Buffer.buffer(body));
                })
                .compose(response -> response.end().map(ignored -> response.statusCode()))
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.succeeded()) {
                        result.complete(done.result());
                    } else {
                        result.completeExceptionally(done.cause());
                    }
                });
        return result;
    }

    void close() {
        client.close();
    }
}
