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

/** The packaged api-service (one or more replicas) and one tts-worker as real processes on a fresh database. */
final class RunningSystem implements AutoCloseable {

    final Path dir;
    final String baseUrl;
    /** The system's database, for assertions on what it recorded. */
    final String jdbcUrl;
    /** Every api-service replica's URL; the first is {@link #baseUrl}. */
    final List<String> apiUrls = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    RunningSystem(String name) throws Exception {
        this(name, 1, true, Map.of(), Map.of());
    }

    /** {@code workerEnv}: extra environment for the worker only, e.g. an XTTS model directory. */
    RunningSystem(String name, Map<String, String> workerEnv) throws Exception {
        this(name, 1, true, Map.of(), workerEnv);
    }

    RunningSystem(String name, int apiReplicas, boolean worker, Map<String, String> apiEnv) throws Exception {
        this(name, apiReplicas, worker, apiEnv, Map.of());
    }

    /**
     * @param apiReplicas api-service processes sharing the database
     * @param worker      whether to start a worker
     * @param apiEnv      extra environment of the api-service (by default auth is off, as in run-local)
     * @param workerEnv   extra environment of the worker
     */
    RunningSystem(String name, int apiReplicas, boolean worker, Map<String, String> apiEnv,
                  Map<String, String> workerEnv) throws Exception {
        String database = name + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
        PostgresDatabases.drop(database);
        PostgresDatabases.ensureExists(database);
        jdbcUrl = PostgresDatabases.jdbcUrl(database);
        dir = Files.createDirectories(Path.of(System.getProperty("e2e.dir", "target/e2e")));
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", PostgresDatabases.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", PostgresDatabases.USER,
                "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", dir.resolve("audio").toAbsolutePath().toString()));
        for (int replica = 0; replica < apiReplicas; replica++) {
            int port = freePort();
            Map<String, String> api = new HashMap<>(env);
            api.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // As tools/run-local.sh: no API keys, on loopback only (the API refuses auth off on other addresses).
            api.put("BRIEFAUDIO_AUTH_ENABLED", "false");
            api.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            api.putAll(apiEnv);
            String url = "http://127.0.0.1:" + port;
            String log = apiReplicas == 1 ? "api" : name + "-api-" + replica;
            Process process = start(log, System.getProperty("api.jar"), api);
            // The first replica migrates the schema; the next ones start on the migrated database.
            awaitReady(url, process, log, Duration.ofSeconds(120));
            apiUrls.add(url);
        }
        baseUrl = apiUrls.get(0);
        if (worker) {
            env.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0", "BRIEFAUDIO_WORKER_ID", "e2e-worker"));
            env.putAll(workerEnv);
            start("worker", System.getProperty("worker.jar"), env);
        }
    }

    private Process start(String name, String jar, Map<String, String> env) throws IOException {
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
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitReady(String baseUrl, Process process, String log, Duration timeout) throws Exception {
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
            if (!process.isAlive()) {
                throw new IllegalStateException("api-service exited; see " + dir.resolve(log + ".log"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("api-service not ready within " + timeout + "; see " + dir.resolve(log + ".log"));
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
