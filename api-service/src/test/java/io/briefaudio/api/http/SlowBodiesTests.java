package io.briefaudio.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies that end empty or arrive slowly hold no executor thread (issue 31.2): 300 empty chunked bodies are
 * answered 400 at once while 300 slow ones (JSON and voice-clip uploads) are in flight, then another client
 * keeps getting answers in under a second while the slow ones are still pending; they get 408 once
 * {@code briefaudio.http.body-timeout} has passed.
 */
@QuarkusTest
class SlowBodiesTests {

    static final int EMPTY = 300;
    static final int SLOW = 300;
    /** briefaudio.http.body-timeout's default. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);

    private final List<LogRecord> errors = Collections.synchronizedList(new ArrayList<>());
    private final Handler errorCollector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Socket> sockets = new ArrayList<>();

    /** A cold server's first answers take seconds on a busy machine; what is measured here is the flood's effect. */
    @BeforeEach
    void warmUpAndCollectErrors() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 30; i++) {
            createAndList(client, RestAssured.port);
            RawHttp.send(RestAssured.port, emptyChunked(i % 2 == 0 ? "/api/briefs" : "/v1/audio/speech"));
        }
        Logger.getLogger("").addHandler(errorCollector);
    }

    @AfterEach
    void closeAll() {
        Logger.getLogger("").removeHandler(errorCollector);
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left
            }
        }
    }

    @Test
    void shouldAnswerAnEmptyChunkedBodyAtOnce() throws Exception {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, emptyChunked("/api/briefs"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldKeepAnsweringOthersWhileBodiesAreEmptyOrSlow() throws Exception {
        int port = RestAssured.port;
        long opened = System.nanoTime();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            slow.add(open(port, i % 2 == 0 ? slowJson() : slowMultipart()));
        }
        long start = System.nanoTime();
        List<Socket> empty = new ArrayList<>();
        for (int i = 0; i < EMPTY; i++) {
            empty.add(open(port, emptyChunked(i % 2 == 0 ? "/api/briefs" : "/v1/audio/speech")));
        }
        // Each empty body is answered at once: on main each held a worker thread until the read timed out (60 s),
        // and 200 of them used up the pool.
        for (RawHttp.Answer answer : readAll(empty)) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        }
        Duration emptyAnswered = Duration.ofNanos(System.nanoTime() - start);
        assertThat(emptyAnswered).as("time to answer %d empty chunked bodies", EMPTY).isLessThan(Duration.ofSeconds(15));

        // The slow bodies are still on their way, holding connections but no thread: another client is served promptly.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> millis = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until || millis.size() < 10) {
            long t = System.nanoTime();
            createAndList(client, port);
            millis.add(Duration.ofNanos(System.nanoTime() - t).toMillis());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("the slow bodies were still pending while measured")
                .isLessThan(BODY_TIMEOUT);
        System.out.printf("SlowBodiesTests: %d empty chunked bodies answered in %d ms; while %d slow bodies were pending, "
                        + "%d create+list rounds, slowest %d ms, median %d ms%n", EMPTY, emptyAnswered.toMillis(), SLOW,
                millis.size(), Collections.max(millis), millis.stream().sorted().toList().get(millis.size() / 2));
        assertThat(millis).as("milliseconds per create+list round while %d bodies were slow", SLOW)
                .allSatisfy(ms -> assertThat(ms).isLessThan(1000));

        // Past briefaudio.http.body-timeout the slow ones are answered 408 and closed.
        for (RawHttp.Answer answer : readAll(slow)) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(408);
            assertThat(new JsonObject(answer.body()).getString("type")).isEqualTo("urn:briefaudio:problem:request-timeout");
        }
        assertThat(errors).as("ERROR log records").extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    /** What the other client does: create a brief and list one page. */
    private static void createAndList(HttpClient client, int port) throws Exception {
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/briefs"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Served\",\"items\":[{\"text\":\"Still here.\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/briefs?size=1"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    }

    static byte[] emptyChunked(String target) {
        return ("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Headers and the first bytes of a JSON body that promises 1,000 bytes. */
    private static byte[] slowJson() {
        return ("POST /api/briefs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"title\":\"").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Headers and the start of a voice clip upload that promises 100,000 bytes. */
    private static byte[] slowMultipart() {
        return ("POST /api/voices HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 100000\r\n\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nSlow").getBytes(StandardCharsets.ISO_8859_1);
    }

    private Socket open(int port, byte[] bytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        socket.setSoTimeout((int) BODY_TIMEOUT.toMillis() + 10_000);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    private static List<RawHttp.Answer> readAll(List<Socket> sockets) {
        List<RawHttp.Answer> answers = new ArrayList<>();
        for (Socket socket : sockets) {
            answers.add(read(socket));
        }
        return answers;
    }

    /** Reads until the server closes the connection (every request here says Connection: close). */
    private static RawHttp.Answer read(Socket socket) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // what arrived is what we judge
        }
        return RawHttp.parse(bytes.toByteArray());
    }
}
