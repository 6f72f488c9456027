package io.briefaudio.e2e;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The packaged api-service and one tts-worker as real processes on a fresh database. */
final class RunningSystem implements AutoCloseable {

    final Path dir;
    final String baseUrl;
    private final List<Process> processes = new ArrayList<>();

    RunningSystem(String name) throws Exception {
        String database = name + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
        PostgresDatabases.drop(database);
        PostgresDatabases.ensureExists(database);
        dir = Files.createDirectories(Path.of(System.getProperty("e2e.dir", "target/e2e")));
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", PostgresDatabases.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", PostgresDatabases.USER,
                "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", dir.resolve("audio").toAbsolutePath().toString()));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        start("api", System.getProperty("api.jar"), env);
        awaitReady(Duration.ofSeconds(60));
        env.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0", "BRIEFAUDIO_WORKER_ID", "e2e-worker"));
        start("worker", System.getProperty("worker.jar"), env);
    }

    private void start(String name, String jar, Map<String, String> env) throws IOException {
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("packaged jar missing: " + jar + " (run the build from the project root)");
        }
        // The worker holds a whole episode in memory while it assembles it (36 minutes of speech here).
        String heap = name.equals("worker") ? "-Xmx1536m" : "-Xmx384m";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!processes.get(0).isAlive()) {
                throw new IllegalStateException("api-service exited; see " + dir.resolve("api.log"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("api-service not ready within " + timeout + "; see " + dir.resolve("api.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
