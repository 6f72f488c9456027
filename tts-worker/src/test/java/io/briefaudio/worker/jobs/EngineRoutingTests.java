package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.worker.jobs.ItemQueue.Route;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine is the queue's routing key: a worker claims its engine's items only, and never fails the others. */
@QuarkusTest
class EngineRoutingTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final Route ESPEAK = new Route(Engine.ESPEAK, false);
    private static final Route XTTS_CLONING = new Route(Engine.XTTS, true);
    private static final Route XTTS_WITHOUT_CLONING = new Route(Engine.XTTS, false);

    @Test
    void shouldClaimOnlyItemsOfTheQueuesEngine() throws Exception {
        long xtts = fixtures.queueJobFor("xtts", "calm", 3, "for xtts");
        long espeak = fixtures.queueJobFor("espeak", "calm", 2, "for espeak");
        long kokoro = fixtures.queueJobFor("kokoro", "calm", 2, "for kokoro");

        assertThat(harness.queue(ESPEAK, BACKOFF).claim(10, "espeak-worker", LEASE))
                .extracting(ClaimedItem::jobId).containsExactly(espeak, espeak);
        assertThat(harness.queue(XTTS_CLONING, BACKOFF).claim(10, "xtts-worker", LEASE))
                .extracting(ClaimedItem::jobId).containsExactly(xtts, xtts, xtts);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE job_id = " + kokoro + " AND state = 'queued'"))
                .as("nobody runs kokoro: its items wait, none failed").isEqualTo(2);
    }

    @Test
    void shouldLeaveCustomVoiceItemsToWorkersThatCanClone() throws Exception {
        long custom = fixtures.queueJobFor("xtts", "custom-0123456789ab", 2, "cloned");
        long preset = fixtures.queueJobFor("xtts", "warm", 1, "preset");

        assertThat(harness.queue(ESPEAK, BACKOFF).claim(10, "espeak-worker", LEASE)).isEmpty();
        assertThat(harness.queue(XTTS_WITHOUT_CLONING, BACKOFF).claim(10, "plain-xtts", LEASE))
                .extracting(ClaimedItem::jobId).containsExactly(preset);
        assertThat(harness.queue(XTTS_CLONING, BACKOFF).claim(10, "cloning-xtts", LEASE))
                .extracting(ClaimedItem::jobId).containsExactly(custom, custom);
    }

    @Test
    void shouldKeepPriorityThenAgeWithinAnEngine() throws Exception {
        long older = fixtures.queueJobFor("xtts", "calm", 2, "older");
        long otherEngine = fixtures.queueJobFor("espeak", "calm", 2, "espeak speech");
        long speech = fixtures.queueJobFor("xtts", "calm", 1, "speech");
        fixtures.execute("UPDATE audio_job_item SET priority = 10 WHERE job_id IN (" + speech + ", " + otherEngine + ")");

        List<ClaimedItem> claimed = harness.queue(XTTS_CLONING, BACKOFF).claim(3, "xtts-worker", LEASE);

        assertThat(claimed).extracting(ClaimedItem::jobId).containsExactly(older, older, speech);
        assertThat(claimed.get(2).position()).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE job_id = " + otherEngine
                + " AND state = 'queued'")).isEqualTo(2);
    }

    @Test
    void shouldRecordTheEngineAndWorkerThatSpokeEachItem() throws Exception {
        long job = fixtures.queueJobFor("xtts", "calm", 1, "spoken");
        ItemQueue queue = harness.queue(XTTS_CLONING, BACKOFF);
        ClaimedItem item = queue.claim(1, "xtts-7", LEASE).get(0);
        fixtures.execute("INSERT INTO audio_asset (id, storage_key, cache_key, size_bytes, duration_ms, sample_rate, "
                + "engine, voice_id) VALUES (1, 'a.wav', 'a', 1, 1, 24000, 'xtts-v2', 'calm')");

        assertThat(queue.complete(item, 1)).isEqualTo(ItemQueue.Outcome.COMPLETED);

        assertThat(fixtures.rowOf("SELECT engine, spoken_engine, spoken_by FROM audio_job_item WHERE job_id = " + job))
                .containsEntry("engine", "xtts").containsEntry("spoken_engine", "xtts").containsEntry("spoken_by", "xtts-7");
    }

    @Test
    void shouldCountQueueDepthPerEngine() throws Exception {
        fixtures.queueJobFor("xtts", "calm", 3, "x");
        fixtures.queueJobFor("espeak", "calm", 2, "e");

        assertThat(harness.queue(XTTS_CLONING, BACKOFF).queueDepth()).isEqualTo(3);
        assertThat(harness.queue(ESPEAK, BACKOFF).queueDepth()).isEqualTo(2);
    }

    @Test
    void shouldCopyTheJobsEngineToItsItemsAndNeverChangeIt() throws Exception {
        long job = fixtures.queueJobFor("xtts", "custom-0123456789ab", 1, "fixed");

        assertThat(fixtures.rowOf("SELECT engine, needs_clone FROM audio_job_item WHERE job_id = " + job))
                .containsEntry("engine", "xtts").containsEntry("needs_clone", true);
        assertThatThrownBy(() -> fixtures.execute("UPDATE audio_job SET engine = 'espeak' WHERE id = " + job))
                .isInstanceOf(SQLException.class).hasMessageContaining("fixed at enqueue");
        assertThatThrownBy(() -> fixtures.execute("UPDATE audio_job_item SET engine = 'espeak' WHERE job_id = " + job))
                .isInstanceOf(SQLException.class).hasMessageContaining("an item's engine is its job's");
    }

    @Test
    void shouldSpeakEveryItemOfABriefWithTheEngineItNames() throws Exception {
        long espeakJob = fixtures.queueJobFor("espeak", "professional", 4, "espeak brief");
        long xttsJob = fixtures.queueJobFor("xtts", "professional", 4, "xtts brief");
        harness.start("tone-espeak", new ToneEngine(), 2, LEASE, BACKOFF);

        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + espeakJob, 1,
                Duration.ofSeconds(20));
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE job_id = " + espeakJob
                + " AND spoken_by = 'tone-espeak' AND spoken_engine = 'espeak'")).isEqualTo(4);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE job_id = " + xttsJob
                + " AND state = 'queued' AND attempt = 0")).as("untouched, waiting for an xtts worker").isEqualTo(4);
    }
}
