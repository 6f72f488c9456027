package io.briefaudio.e2e.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged api-service and tts-workers as real processes against one database, with what the fault
 * suites do to them: SIGKILL, and HTTP calls the way a client makes them.
 */
final class FaultRig implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"(?:id|job_id)\"\\s*:\\s*(\\d+)");

    final Path dir;
    final String jdbcUrl;
    final String baseUrl;
    private final Map<String, String> env = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process api;

    FaultRig(String name, String jdbcUrl, Map<String, String> extraEnv) throws IOException {
        this.dir = Files.createDirectories(Path.of(System.getProperty("e2e.dir", "target/e2e"), name));
        this.jdbcUrl = jdbcUrl;
        this.baseUrl = "http://127.0.0.1:" + freePort();
        env.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", dir.resolve("audio").toAbsolutePath().toString(),
                "BRIEFAUDIO_TTS_ENGINE", "espeak",
                // short leases and backoffs keep the suites short; the behaviour is the production one
                "BRIEFAUDIO_WORKER_LEASE", "6s",
                "BRIEFAUDIO_WORKER_REAP_INTERVAL", "1s",
                "BRIEFAUDIO_WORKER_BACKOFF_BASE", "500ms",
                "BRIEFAUDIO_WORKER_TRANSIENT_BACKOFF_MAX", "4s"));
        env.putAll(extraEnv);
    }

    /** Starts the api-service (which migrates the database) and waits until it is ready. */
    void startApi() throws Exception {
        Map<String, String> apiEnv = new HashMap<>(env);
        apiEnv.put("QUARKUS_HTTP_PORT", baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
        // As tools/run-local.sh: no API keys, on loopback only.
        apiEnv.put("BRIEFAUDIO_AUTH_ENABLED", "false");
        apiEnv.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        api = start("api", System.getProperty("api.jar"), apiEnv);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (status("/q/health/ready") == 200) {
                return;
            }
            if (!api.isAlive()) {
                throw new IllegalStateException("api-service exited; see " + dir.resolve("api.log"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("api-service not ready; see " + dir.resolve("api.log"));
    }

    Process startWorker(String id) throws IOException {
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0", "BRIEFAUDIO_WORKER_ID", id));
        return start(id, System.getProperty("worker.jar"), workerEnv);
    }

    private Process start(String name, String jar, Map<String, String> processEnv) throws IOException {
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("packaged jar missing: " + jar + " (run the build from the project root)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        builder.environment().putAll(processEnv);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** A brief of {@code items} distinct items (no two share cached audio), queued for narration; the job id. */
    long queueBrief(int items, String topic) throws Exception {
        StringBuilder body = new StringBuilder("{\"title\": \"").append(topic).append("\", \"items\": [");
        for (int i = 1; i <= items; i++) {
            body.append(i > 1 ? "," : "").append("{\"title\": \"Item ").append(i).append("\", \"text\": \"")
                    .append(topic).append(", report ").append(i).append(". Markets moved and the weather held.\"}");
        }
        String brief = post("/api/briefs", body.append("]}").toString(), 201);
        return id(post("/api/brief/" + id(brief) + "/audio/generate", "{\"voice_id\": \"professional\"}", 202));
    }

    String post(String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * How long a condition may take once the fault is over: generous, because a 2-core machine shared with other
     * builds can be many times slower than a quiet one; a healthy run meets the condition long before.
     */
    static final Duration GENEROUS = Duration.ofMinutes(5);

    /** Waits until {@code sql} answers at least {@code atLeast}; database errors count as "not yet". */
    void awaitCount(String sql, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                long actual = count(sql);
                if (actual >= atLeast) {
                    return;
                }
                last = Long.toString(actual);
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected at least " + atLeast + " from [" + sql + "] within " + timeout
                + " but got " + last + "; logs in " + dir);
    }

    static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    static long id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
