package io.briefaudio.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged API killed with SIGKILL in the middle of a burst of generate calls. A job is created with
 * its items in one transaction, so none may be left half-created, and every job a client was told about
 * (202) must exist after the restart.
 */
class ApiCrashIT {

    private static final String DATABASE = "briefaudio_api_it" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
    private static final String[] VOICES = {"professional", "warm", "authoritative", "calm", "friendly"};
    private static final int BRIEFS = 30;
    private static final int ITEMS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path workDir = Path.of("target", "crash-it");
    private Process api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.destroyForcibly();
        }
    }

    @Test
    void shouldLeaveNoHalfCreatedJobWhenKilledDuringAGenerateBurst() throws Exception {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        int port = freePort();
        api = start(port, "api-1");
        List<Long> briefs = new ArrayList<>();
        for (int i = 0; i < BRIEFS; i++) {
            briefs.add(createBrief(port));
        }

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService burst = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            burst.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long brief = briefs.get(ThreadLocalRandom.current().nextInt(briefs.size()));
                    String voice = VOICES[ThreadLocalRandom.current().nextInt(VOICES.length)];
                    inFlight.incrementAndGet();
                    try {
                        HttpResponse<String> response = post(port, "/api/brief/" + brief + "/audio/generate",
                                "{\"voice_id\":\"" + voice + "\"}");
                        if (response.statusCode() == 202) {
                            acknowledged.add(Long.parseLong(response.body().replaceAll(".*\"job_id\":([0-9]+).*", "$1")));
                        }
                    } catch (IOException e) {
                        return; // the server is gone
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
                return;
            });
        }
        awaitCount("SELECT count(*) FROM audio_job", 40, Duration.ofSeconds(60));
        int pending = inFlight.get();
        api.destroyForcibly().waitFor();
        burst.shutdownNow();
        assertThat(burst.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pending).as("generate calls in flight at the kill").isPositive();
        System.out.printf("ApiCrashIT: killed with %d generate calls in flight; %d jobs stored, %d acknowledged%n",
                pending, query("SELECT count(*) FROM audio_job"), acknowledged.size());

        assertThat(query("""
                SELECT count(*) FROM audio_job j
                WHERE j.total_items <> (SELECT count(*) FROM audio_job_item i WHERE i.job_id = j.id)
                   OR j.total_items <> (SELECT count(*) FROM brief_item b WHERE b.brief_id = j.brief_id)"""))
                .as("jobs whose items are missing").isZero();
        assertThat(query("""
                SELECT count(*) FROM (SELECT 1 FROM audio_job WHERE status IN ('queued', 'processing')
                                      GROUP BY brief_id, voice_id HAVING count(*) > 1) twice"""))
                .as("briefs with two unfinished jobs for one voice").isZero();
        for (long job : acknowledged) {
            assertThat(query("SELECT count(*) FROM audio_job WHERE id = " + job)).as("acknowledged job %d", job).isEqualTo(1);
        }

        api = start(port, "api-2");
        HttpResponse<String> again = post(port, "/api/brief/" + briefs.get(0) + "/audio/generate", "{\"voice_id\":\"calm\"}");
        assertThat(again.statusCode()).isIn(200, 202);
    }

    private Process start(int port, String name) throws Exception {
        Files.createDirectories(workDir);
        String jar = System.getProperty("api.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", PostgresDatabases.jdbcUrl(DATABASE),
                "QUARKUS_DATASOURCE_USERNAME", PostgresDatabases.USER,
                "QUARKUS_DATASOURCE_PASSWORD", PostgresDatabases.PASSWORD,
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                // As tools/run-local.sh: no API keys, on loopback only.
                "BRIEFAUDIO_AUTH_ENABLED", "false",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", workDir.resolve("audio").toAbsolutePath().toString()));
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API did not become ready; see " + workDir.resolve(name + ".log"));
    }

    private long createBrief(int port) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= ITEMS; i++) {
            items.append(i > 1 ? "," : "").append("{\"text\":\"Story ").append(i).append(".\"}");
        }
        HttpResponse<String> response = post(port, "/api/briefs", "{\"title\":\"Brief\",\"items\":[" + items + "]}");
        assertThat(response.statusCode()).isEqualTo(201);
        return Long.parseLong(response.body().replaceAll("^\\{\"id\":([0-9]+).*", "$1"));
    }

    private HttpResponse<String> post(int port, String path, String json) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void awaitCount(String sql, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (query(sql) >= atLeast) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + atLeast + " from " + sql);
    }

    private static long query(String sql) throws Exception {
        try (Connection c = PostgresDatabases.connect(DATABASE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
