package io.briefaudio.api.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal text/event-stream reader for tests: parses events as the HTML spec says, on its own thread. */
final class SseClient implements AutoCloseable {

    /** A received event; {@code comment} holds a comment line instead (heartbeats). END marks the stream's end. */
    record Received(String id, String event, String data, String comment) {
        static final Received END = new Received(null, "(end)", null, null);
    }

    final HttpResponse<InputStream> response;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseClient(URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Received(id, event == null ? "message" : event, data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Received(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException closed) {
            // closed by the test
        }
        received.add(Received.END);
    }

    /** The next event (comments skipped), or fails after the timeout. */
    Received next(Duration timeout) throws InterruptedException {
        return poll(timeout, r -> r.comment() == null, "event");
    }

    /** The next comment line, or fails after the timeout. */
    String nextComment(Duration timeout) throws InterruptedException {
        return poll(timeout, r -> r.comment() != null, "comment").comment();
    }

    private Received poll(Duration timeout, java.util.function.Predicate<Received> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            if (wanted.test(r) || r == Received.END) {
                return r;
            }
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
