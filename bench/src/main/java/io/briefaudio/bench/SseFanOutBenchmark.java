package io.briefaudio.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * 1,000 concurrent SSE subscribers of one job on one packaged api-service: every event must reach every
 * subscriber. Runs from bench/ (as exec does). Reports delivery, latency from the transition's commit to receipt, and the API process's
 * RSS and CPU time. Subscribers are asynchronous line subscribers: the client holds no thread per stream.
 *   bench/run-sse.sh [--subscribers 1000] [--items 50] [--interval-ms 50]
 */
public final class SseFanOutBenchmark {

    private SseFanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int subscribers = Integer.parseInt(opts.getOrDefault("subscribers", "1000"));
        int items = Integer.parseInt(opts.getOrDefault("items", "50"));
        long intervalMs = Long.parseLong(opts.getOrDefault("interval-ms", "50"));
        Path jar = Path.of(opts.getOrDefault("api-jar", "../api-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("packaged api-service missing: " + jar.toAbsolutePath() + " (bench/run-sse.sh builds it)");
        }

        try (BenchDatabase db = new BenchDatabase(4)) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("sse-bench");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("api.log").toFile());
            builder.environment().putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl,
                    "QUARKUS_DATASOURCE_USERNAME", BenchDatabase.USER, "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", dir.resolve("audio").toString(),
                    "QUARKUS_LOG_CONSOLE_LEVEL", "WARN", "BRIEFAUDIO_AUTH_ENABLED", "false", "QUARKUS_HTTP_HOST", "127.0.0.1"));
            Process api = builder.start();
            try {
                run(db, api.pid(), "http://127.0.0.1:" + port, subscribers, items, intervalMs);
            } finally {
                api.destroy();
                api.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(BenchDatabase db, long pid, String base, int subscribers, int items, long intervalMs)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitReady(http, base);
        db.execute("INSERT INTO brief (title) VALUES ('sse bench')");
        long briefId = (long) db.scalar("SELECT max(id) FROM brief");
        db.execute("INSERT INTO brief_item (brief_id, position, body) SELECT " + briefId + ", n, 'item ' || n "
                + "FROM generate_series(1, " + items + ") n");
        db.execute("INSERT INTO audio_job (brief_id, voice_id, total_items) VALUES (" + briefId + ", 'professional', " + items + ")");
        long jobId = (long) db.scalar("SELECT max(id) FROM audio_job");
        db.execute("INSERT INTO audio_job_item (job_id, brief_item_id, position) SELECT " + jobId + ", id, position "
                + "FROM brief_item WHERE brief_id = " + briefId);
        Sample idle = Sample.of(pid);

        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        List<Subscriber> subs = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(subscribers);
        CountDownLatch finished = new CountDownLatch(subscribers);
        URI uri = URI.create(base + "/api/brief/audio/job/" + jobId + "/events");
        long connectStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            Subscriber s = new Subscriber(committedAt, connected, finished);
            subs.add(s);
            http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(s));
        }
        if (!connected.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(connected.getCount() + " subscribers did not get the first event");
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        Sample subscribed = Sample.of(pid);

        long driveStart = System.nanoTime();
        transition(db, committedAt, "UPDATE audio_job SET status = 'processing', started_at = now() WHERE id = " + jobId);
        for (int position = 1; position <= items; position++) {
            Thread.sleep(intervalMs);
            transition(db, committedAt, """
                    WITH done AS (UPDATE audio_job_item SET state = 'completed', finished_at = now()
                                  WHERE job_id = %d AND position = %d RETURNING job_id)
                    UPDATE audio_job j SET completed_items = completed_items + 1,
                        progress = 100 * (completed_items + 1) / total_items,
                        status = CASE WHEN completed_items + 1 < total_items THEN 'processing' ELSE 'completed' END
                    FROM done WHERE j.id = done.job_id""".formatted(jobId, position));
        }
        boolean all = finished.await(60, TimeUnit.SECONDS);
        double driveSeconds = (System.nanoTime() - driveStart) / 1e9;
        Sample done = Sample.of(pid);

        long expected = (long) db.scalar("SELECT max(seq) FROM audio_job_event WHERE job_id = " + jobId);
        long delivered = subs.stream().mapToLong(s -> s.received.size()).sum();
        long complete = subs.stream().filter(s -> s.received.size() == expected).count();
        long[] latencies = subs.stream().flatMap(s -> s.latencyNanos.stream()).mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("SSE fan-out: %d subscribers, one job of %d items, a transition every %d ms%n",
                subscribers, items, intervalMs);
        System.out.printf("  events per subscriber %d (after the snapshot); delivered %d of %d; subscribers with all: %d%s%n",
                expected, delivered, expected * subscribers, complete, all ? "" : " (timed out)");
        System.out.printf("  connect: %d streams open with their first event in %.2f s (%d refused)%n",
                subscribers, connectSeconds, subs.stream().filter(s -> s.refused).count());
        System.out.printf("  latency commit -> receipt: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), pct(latencies, 100));
        System.out.printf("  api RSS: %d MB before, %d MB with %d streams, %d MB after the run%n",
                idle.rssKb / 1024, subscribed.rssKb / 1024, subscribers, done.rssKb / 1024);
        System.out.printf("  api CPU: %.2f s to accept the streams, %.2f s for %d events x %d subscribers in %.1f s "
                        + "(%.0f %% of one core)%n", (subscribed.cpuTicks - idle.cpuTicks) / 100.0,
                (done.cpuTicks - subscribed.cpuTicks) / 100.0, expected, subscribers, driveSeconds,
                100.0 * (done.cpuTicks - subscribed.cpuTicks) / 100.0 / driveSeconds);
    }

    private static void transition(BenchDatabase db, Map<Long, Long> committedAt, String sql) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            long now = System.nanoTime();
            try (var rs = s.executeQuery("SELECT max(seq) FROM audio_job_event")) {
                rs.next();
                for (long seq = rs.getLong(1); seq > 0 && committedAt.putIfAbsent(seq, now) == null; seq--) {
                    // marks every event of this commit
                }
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void awaitReady(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("api-service not ready");
    }

    /** RSS and CPU ticks (1/100 s) of a process, from /proc. */
    private record Sample(long rssKb, long cpuTicks) {
        static Sample of(long pid) throws Exception {
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Sample(rss, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
    }

    /** One stream: records each event id's arrival, no thread of its own. */
    private static final class Subscriber implements Flow.Subscriber<String> {
        final Map<Long, Long> committedAt;
        final CountDownLatch connected;
        final CountDownLatch finished;
        final List<Long> received = new ArrayList<>();
        final List<Long> latencyNanos = new ArrayList<>();
        private boolean first = true;
        boolean refused;

        Subscriber(Map<Long, Long> committedAt, CountDownLatch connected, CountDownLatch finished) {
            this.committedAt = committedAt;
            this.connected = connected;
            this.finished = finished;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(String line) {
            if (!line.startsWith("id:")) {
                if (line.startsWith("event:") && line.substring(6).strip().equals("completed")) {
                    finished.countDown();
                }
                return;
            }
            long id = Long.parseLong(line.substring(3).strip());
            if (first) {
                first = false;
                connected.countDown();
                return;
            }
            received.add(id);
            Long committed = committedAt.get(id);
            if (committed != null) {
                latencyNanos.add(System.nanoTime() - committed);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            System.err.println("stream failed: " + throwable);
            ended();
        }

        @Override
        public void onComplete() {
            ended();
        }

        /** A stream that ended before its first event was refused: count it, and stop waiting for it. */
        private synchronized void ended() {
            if (first) {
                first = false;
                refused = true;
                connected.countDown();
                finished.countDown();
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return opts;
    }
}
