package io.briefaudio.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The sender connects to the address the guard checked and never looks the host up again: a name that resolves
 * nowhere ({@code .invalid}, RFC 6761) still reaches the receiver when the guard's resolver said where it is.
 */
class WebhookSenderTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldConnectToTheCheckedAddressAndNameTheHostOnlyInTheHostHeader() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(204)) {
            int port = URI.create(receiver.url()).getPort();
            URI url = URI.create("http://hooks.invalid:" + port + "/hook?x=1");
            AtomicInteger lookups = new AtomicInteger();
            InetAddress address = TargetGuard.resolve(url, true, name -> {
                lookups.incrementAndGet();
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            });
            WebhookSender sender = new WebhookSender(vertx, Duration.ofSeconds(5), 2);
            int status = sender.post(url, address, Map.of("webhook-id", "msg_1"), "{\"a\":1}").get(10, TimeUnit.SECONDS);

            assertThat(status).isEqualTo(204);
            assertThat(lookups).hasValue(1);
            assertThat(receiver.requests).hasSize(1);
            assertThat(receiver.requests.get(0).header("Host")).isEqualTo("hooks.invalid:" + port);
            assertThat(receiver.requests.get(0).header("webhook-id")).isEqualTo("msg_1");
            assertThat(new String(receiver.requests.get(0).body())).isEqualTo("{\"a\":1}");
            sender.close();
        }
    }

    @Test
    void shouldNotFollowARedirect() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(302)) {
            URI url = URI.create(receiver.url());
            WebhookSender sender = new WebhookSender(vertx, Duration.ofSeconds(5), 2);
            int status = sender.post(url, InetAddress.getByName("127.0.0.1"), Map.of(), "{}").get(10, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(302);
            assertThat(receiver.requests).hasSize(1);
            sender.close();
        }
    }

    @Test
    void shouldRefuseATlsTargetWhoseCertificateItCannotVerify(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "hook", "-keyalg", "EC",
                "-dname", "CN=hooks.invalid", "-ext", "SAN=dns:hooks.invalid", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("https://hooks.invalid:" + server.getAddress().getPort() + "/hook");
            WebhookSender sender = new WebhookSender(vertx, Duration.ofSeconds(5), 2);
            assertThatThrownBy(() -> sender.post(url, InetAddress.getByName("127.0.0.1"), Map.of(), "{}")
                    .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasStackTraceContaining("unable to find valid certification path");
            assertThat(requests).hasValue(0);
            sender.close();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldGiveUpOnATargetThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hook");
            WebhookSender sender = new WebhookSender(vertx, Duration.ofMillis(500), 2);
            long started = System.nanoTime();
            assertThatThrownBy(() -> sender.post(url, InetAddress.getByName("127.0.0.1"), Map.of(), "{}")
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            sender.close();
        }
    }
}
