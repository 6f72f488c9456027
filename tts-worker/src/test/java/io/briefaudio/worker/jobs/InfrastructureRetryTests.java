package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.FilesystemAudioStorage;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storage or database errors are waited out over the transient-retry window without spending the item's
 * attempts; errors of the text or the engine are not; every attempt's error stays in the item's history.
 */
@QuarkusTest
class InfrastructureRetryTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(100));

    private Path audioDir;

    @BeforeEach
    void makeAudioDirectory() throws Exception {
        audioDir = Files.createTempDirectory(Path.of("target"), "broken-audio-");
    }

    @AfterEach
    void stopWorkers() throws Exception {
        harness.stopAll();
        try (Stream<Path> paths = Files.walk(audioDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldWaitOutAStorageOutageWithoutChargingAttempts() throws Exception {
        long job = fixtures.queueJob(1, "outage", 3);
        FilesystemAudioStorage storage = new FilesystemAudioStorage(audioDir);
        breakDirectory(audioDir);
        harness.start("waiter", 1, LEASE, queue(Duration.ofHours(1)), processor(new ToneEngine(), storage));

        awaitCount("SELECT count(*) FROM audio_job_item WHERE jsonb_array_length(errors) >= 4 AND job_id = " + job, 1);
        var waiting = fixtures.item(job, 1);
        assertThat(waiting.get("state")).as("waiting, not failed").isIn("queued", "processing");
        assertThat(waiting.get("attempt")).as("attempts not charged").isIn(0, 1);
        assertThat(waiting.get("last_error").toString()).startsWith("storage unavailable: cannot write");
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item, jsonb_array_elements(errors) e WHERE job_id = "
                + job + " AND e->>'kind' = 'infrastructure' AND e->>'worker' = 'waiter' AND (e->>'attempt')::int = 1"
                + " AND e->>'error' LIKE 'storage unavailable: cannot write%' AND e->>'at' LIKE '____-__-__T%Z'"))
                .as("each waited-out attempt is in the history").isGreaterThanOrEqualTo(4);
        assertThat(fixtures.job(job)).containsEntry("failed_items", 0).containsEntry("status", "processing");

        repairDirectory(audioDir);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1);
        assertThat(fixtures.item(job, 1)).containsEntry("attempt", 1).containsEntry("last_error", null);
        assertThat(fixtures.count("SELECT jsonb_array_length(errors) FROM audio_job_item WHERE job_id = " + job))
                .as("the history survives completion").isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldCountStorageErrorsAsAttemptsOnceTheWindowIsOver() throws Exception {
        long job = fixtures.queueJob(1, "long outage", 2);
        FilesystemAudioStorage storage = new FilesystemAudioStorage(audioDir);
        breakDirectory(audioDir);
        harness.start("impatient", 1, LEASE, queue(Duration.ofMillis(300)), processor(new ToneEngine(), storage));

        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1);
        var failed = fixtures.item(job, 1);
        assertThat(failed).containsEntry("state", "failed").containsEntry("attempt", 2);
        assertThat(failed.get("last_error").toString()).contains("still failing after the transient-retry window of PT0.3S");
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item, jsonb_array_elements(errors) e WHERE job_id = "
                + job + " AND e->>'kind' = 'attempt'")).isEqualTo(2);
    }

    @Test
    void shouldKeepEveryFailedAttemptsErrorAcrossRetries() throws Exception {
        long job = fixtures.queueJob(1, "flaky engine", 3);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            if (call < 3) {
                throw new SynthesisException("engine hiccup " + call, false);
            }
        });
        harness.start("historian", 1, LEASE, queue(Duration.ofHours(1)), processor(engine, harness.storage));

        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1);
        assertThat(fixtures.item(job, 1)).containsEntry("attempt", 3).containsEntry("last_error", null);
        assertThat(fixtures.count("""
                SELECT count(*) FROM audio_job_item, jsonb_array_elements(errors) WITH ORDINALITY AS e(entry, n)
                WHERE job_id = %d AND entry->>'kind' = 'attempt' AND entry->>'worker' = 'historian'
                  AND entry->>'error' = 'engine hiccup ' || n AND (entry->>'attempt')::int = n""".formatted(job)))
                .as("attempts 1 and 2, in order").isEqualTo(2);
    }

    private ItemQueue queue(Duration window) {
        return new ItemQueue(harness.dataSource, new ItemQueue.Route(Engine.ESPEAK, false), FAST, FAST, window);
    }

    private ItemProcessor processor(ToneEngine engine, AudioStorage storage) {
        return new ItemProcessor(new Narrator(engine), storage, harness.dataSource);
    }

    /** A file where the audio directory was: every write fails, even for root (who ignores permissions). */
    private static void breakDirectory(Path dir) throws Exception {
        Files.delete(dir);
        Files.writeString(dir, "not a directory");
    }

    private static void repairDirectory(Path dir) throws Exception {
        Files.delete(dir);
        Files.createDirectory(dir);
    }

    private void awaitCount(String sql, long expected) throws Exception {
        fixtures.awaitCount(sql, expected, Duration.ofSeconds(20));
    }
}
