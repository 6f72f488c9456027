package io.briefaudio.api.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver on loopback that answers with scripted status codes (200 once the script is used up). */
final class WebhookReceiver implements AutoCloseable {

    record Request(Map<String, List<String>> headers, byte[] body, int answeredWith) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    WebhookReceiver(Integer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, status));
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    long successes() {
        return requests.stream().filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
