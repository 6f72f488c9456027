package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The packaged worker as real processes: one is killed with SIGKILL in the middle of an item and a
 * second replica finishes the job. Nothing may be lost or counted twice.
 */
class WorkerCrashIT {

    private static final String DATABASE = "briefaudio_worker_it" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
    /** Enough that the killed worker leaves items to the survivor; each is about four minutes of speech. */
    private static final int ITEMS = 8;
    /** Conditions are waited for, not a fixed minute: a 2-core machine shared with other builds can be very slow. */
    private static final Duration GENEROUS = Duration.ofMinutes(5);

    private final List<Process> processes = new ArrayList<>();
    private QueueFixtures fixtures;
    private Path workDir;

    @BeforeEach
    void migrateFreshDatabase() throws IOException {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .load().migrate();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(PostgresDatabases.jdbcUrl(DATABASE));
        dataSource.setUser(PostgresDatabases.USER);
        dataSource.setPassword(PostgresDatabases.PASSWORD);
        fixtures = new QueueFixtures(dataSource);
        workDir = Files.createDirectories(Path.of("target", "crash-it"));
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldFinishTheItemOfAKilledWorkerOnAnotherReplica() throws Exception {
        String sentence = "The quick brown fox jumps over the lazy dog, again and again, all through the night. ";
        long job = fixtures.queueJob(ITEMS, sentence.repeat(50), 3);

        Process doomed = startWorker("worker-doomed");
        awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 2, GENEROUS);
        awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'processing' AND lease_owner = 'worker-doomed'",
                1, GENEROUS);
        doomed.destroyForcibly().waitFor();
        long orphaned = fixtures.count(
                "SELECT count(*) FROM audio_job_item WHERE state = 'processing' AND lease_owner = 'worker-doomed'");
        assertThat(orphaned).as("SIGKILL left an item mid-synthesis").isEqualTo(1);

        startWorker("worker-survivor");
        // Items of about four minutes of speech each, levelled to EBU R128 on one replica of a shared machine.
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1, Duration.ofMinutes(10));

        Map<String, Object> row = fixtures.job(job);
        assertThat(row).containsEntry("completed_items", ITEMS).containsEntry("failed_items", 0)
                .containsEntry("progress", 100);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE state = 'completed' AND asset_id IS NOT NULL"))
                .isEqualTo(ITEMS);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE attempt = 2")).as("the killed item's retry")
                .isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE attempt > 2")).isZero();
    }

    @Test
    void shouldFinishTheEpisodeOfAWorkerKilledWhileAssemblingIt() throws Exception {
        String sentence = "The quick brown fox jumps over the lazy dog, again and again, all through the night. ";
        long job = fixtures.queueJob(6, sentence.repeat(15), 3, "mp3", true);
        long filesBefore = episodeFiles();

        Process doomed = startWorker("episode-doomed");
        awaitCount("SELECT count(*) FROM audio_episode WHERE state = 'processing' AND lease_owner = 'episode-doomed'",
                1, GENEROUS);
        doomed.destroyForcibly().waitFor();
        assertThat(fixtures.count("SELECT count(*) FROM audio_episode WHERE state = 'completed'"))
                .as("SIGKILL came before the episode was recorded").isZero();

        startWorker("episode-survivor");
        awaitCount("SELECT count(*) FROM audio_episode WHERE state = 'completed' AND job_id = " + job, 1,
                GENEROUS);

        assertThat(fixtures.episode(job)).containsEntry("attempt", 2).containsEntry("format", "mp3");
        assertThat(fixtures.count("SELECT count(*) FROM audio_episode")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM audio_asset WHERE cache_key LIKE 'episode:%'")).isEqualTo(1);
        assertThat(episodeFiles() - filesBefore).as("exactly one episode file, whatever the killed worker had written")
                .isEqualTo(1);
    }

    private long episodeFiles() throws IOException {
        Path audio = Files.createDirectories(workDir.resolve("audio"));
        try (var files = Files.list(audio)) {
            return files.filter(f -> f.getFileName().toString().contains("_episode_")).count();
        }
    }

    @Test
    void shouldReleaseTheInFlightItemOnSigtermWhenTheGraceRunsOut() throws Exception {
        String sentence = "The quick brown fox jumps over the lazy dog, again and again, all through the night. ";
        long job = fixtures.queueJob(ITEMS, sentence.repeat(50), 3);

        Process worker = startWorker("worker-terminated", Map.of("QUARKUS_SHUTDOWN_TIMEOUT", "0.001s"));
        awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 1, GENEROUS);
        awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'processing'", 1, GENEROUS);
        worker.destroy(); // SIGTERM
        assertThat(worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE state = 'processing'")).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND attempt = 0"))
                .as("released items are back in the queue with their attempt uncharged")
                .isEqualTo(fixtures.count("SELECT count(*) FROM audio_job_item WHERE state = 'queued'"));
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE attempt > 1")).isZero();
        Map<String, Object> row = fixtures.job(job);
        assertThat(((Number) row.get("completed_items")).intValue()).isBetween(1, ITEMS - 1);
        assertThat(row).containsEntry("failed_items", 0).containsEntry("status", "processing");
        assertThat(Files.readString(workDir.resolve("worker-terminated.log"))).contains("released 1 unfinished item(s)");
    }

    private Process startWorker(String id) throws IOException {
        return startWorker(id, Map.of());
    }

    private Process startWorker(String id, Map<String, String> extraEnv) throws IOException {
        String jar = System.getProperty("worker.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(id + ".log").toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", PostgresDatabases.jdbcUrl(DATABASE),
                "QUARKUS_DATASOURCE_USERNAME", PostgresDatabases.USER,
                "QUARKUS_HTTP_PORT", "0",
                "QUARKUS_MANAGEMENT_PORT", "0",
                "BRIEFAUDIO_WORKER_ID", id,
                "BRIEFAUDIO_WORKER_LEASE", "3s",
                "BRIEFAUDIO_WORKER_REAP_INTERVAL", "1s",
                "BRIEFAUDIO_WORKER_BACKOFF_BASE", "100ms",
                "BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", workDir.resolve("audio").toAbsolutePath().toString()));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitCount(String sql, long atLeast, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long actual = -1;
        while (System.nanoTime() < deadline) {
            actual = fixtures.count(sql);
            if (actual >= atLeast) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected at least " + atLeast + " from [" + sql + "] within " + timeout
                + " but was " + actual + "; see " + workDir);
    }
}
