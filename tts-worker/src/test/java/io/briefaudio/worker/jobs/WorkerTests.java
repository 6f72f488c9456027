package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.worker.tts.SynthesisException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkerTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void shouldDrainFiveHundredItemsExactlyOnceWithFourWorkers() throws Exception {
        ToneEngine engine = new ToneEngine();
        List<Long> jobs = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            jobs.add(fixtures.queueJob(50, "job " + j, 3));
        }
        for (int w = 0; w < 4; w++) {
            harness.start("drain-" + w, engine, 2, LEASE, FAST_BACKOFF);
        }
        awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 500, Duration.ofSeconds(60));

        assertThat(engine.totalCalls()).as("each item synthesized exactly once").isEqualTo(500);
        assertThat(engine.calls.values()).allMatch(count -> count.get() == 1);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE attempt <> 1 OR asset_id IS NULL")).isZero();
        assertThat(fixtures.count("SELECT count(DISTINCT lease_owner) FROM audio_job_item")).isZero();
        for (long job : jobs) {
            var row = fixtures.job(job);
            assertThat(row).containsEntry("status", "completed").containsEntry("progress", 100)
                    .containsEntry("completed_items", 50).containsEntry("failed_items", 0);
            assertThat(row.get("started_at")).isNotNull();
            assertThat(row.get("completed_at")).isNotNull();
        }
    }

    @Test
    void shouldRequeueItemWhenLeaseExpiresAndRejectLateResult() throws Exception {
        long job = fixtures.queueJob(1, "lease", 3);
        ItemQueue queue = harness.queue(FAST_BACKOFF);
        ClaimedItem stale = queue.claim(1, "silent-worker", Duration.ofMillis(300)).get(0);
        Thread.sleep(400);

        List<ItemQueue.Reaped> reaped = queue.reapExpired(10);
        assertThat(reaped).extracting(ItemQueue.Reaped::state).containsExactly("queued");
        assertThat(reaped.get(0).previousOwner()).isEqualTo("silent-worker");
        assertThat(fixtures.item(job, 1).get("last_error").toString()).contains("lease expired");

        Thread.sleep(250);
        ClaimedItem fresh = queue.claim(1, "live-worker", LEASE).get(0);
        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(queue.complete(stale, 1)).isEqualTo(ItemQueue.Outcome.LEASE_LOST);
        assertThat(queue.fail(stale, "late", true)).isEqualTo(ItemQueue.Outcome.LEASE_LOST);
        assertThat(fixtures.job(job)).containsEntry("completed_items", 0).containsEntry("failed_items", 0);
    }

    @Test
    void shouldExtendLeasesOnHeartbeatAndReportLostOnes() throws Exception {
        long job = fixtures.queueJob(2, "heartbeat", 3);
        ItemQueue queue = harness.queue(FAST_BACKOFF);
        List<ClaimedItem> items = queue.claim(2, "w", Duration.ofMillis(500));
        fixtures.cancel(job);
        var held = queue.heartbeat(items.stream().map(ClaimedItem::leaseToken).toList(), Duration.ofSeconds(5));
        assertThat(held).isEmpty();

        long other = fixtures.queueJob(1, "heartbeat other", 3);
        ClaimedItem item = queue.claim(1, "w", Duration.ofMillis(500)).get(0);
        assertThat(queue.heartbeat(List.of(item.leaseToken()), Duration.ofSeconds(5))).containsExactly(item.leaseToken());
        Thread.sleep(700);
        assertThat(queue.reapExpired(10)).as("the heartbeat extended the lease").isEmpty();
        assertThat(fixtures.item(other, 1)).containsEntry("state", "processing");
    }

    @Test
    void shouldRetryTransientFailureWithBackoff() throws Exception {
        long job = fixtures.queueJob(1, "flaky", 3);
        ItemQueue queue = harness.queue(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5)));
        ClaimedItem item = queue.claim(1, "w", LEASE).get(0);

        assertThat(queue.fail(item, "engine hiccup", false)).isEqualTo(ItemQueue.Outcome.RETRY_SCHEDULED);
        var row = fixtures.item(job, 1);
        assertThat(row).containsEntry("state", "queued").containsEntry("attempt", 1).containsEntry("last_error", "engine hiccup");
        assertThat(((Number) row.get("run_in_seconds")).doubleValue()).isBetween(4.4, 5.6);
        assertThat(queue.claim(1, "w", LEASE)).as("not runnable before its backoff").isEmpty();
        assertThat(fixtures.job(job)).containsEntry("failed_items", 0).containsEntry("status", "processing");
    }

    @Test
    void shouldDoubleBackoffPerAttemptUpToTheCap() throws Exception {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));
        assertThat(backoff.nominalDelay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.nominalDelay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.nominalDelay(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.nominalDelay(20)).isEqualTo(Duration.ofMinutes(5));
        for (int attempt : new int[] {1, 2, 4, 7, 20}) {
            double nominal = backoff.nominalDelay(attempt).toMillis() / 1000.0;
            double seconds = sqlSeconds("SELECT extract(epoch FROM " + backoff.sqlDelay(Integer.toString(attempt)) + ")");
            assertThat(seconds).isBetween(nominal * 0.9, nominal * 1.1);
        }
    }

    @Test
    void shouldFailAtOnceOnPermanentError() throws Exception {
        long job = fixtures.queueJob(2, "unspeakable", 3);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            if (text.matches("(?s).*item (2|two)\\W*")) { // the narrator spells numbers out
                throw new SynthesisException("text cannot be spoken", true);
            }
        });
        harness.start("permanent", engine, 1, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1, Duration.ofSeconds(20));

        assertThat(fixtures.item(job, 2)).containsEntry("state", "failed").containsEntry("attempt", 1)
                .containsEntry("last_error", "text cannot be spoken");
        assertThat(fixtures.job(job)).containsEntry("completed_items", 1).containsEntry("failed_items", 1)
                .containsEntry("progress", 50)
                .containsEntry("error_message", "1 of 2 items failed; last error: text cannot be spoken");
    }

    @Test
    void shouldFailItemAfterMaxAttempts() throws Exception {
        long job = fixtures.queueJob(1, "doomed", 2);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            throw new SynthesisException("engine crashed on call " + call, false);
        });
        harness.start("max-attempts", engine, 1, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1, Duration.ofSeconds(20));

        assertThat(engine.totalCalls()).isEqualTo(2);
        assertThat(fixtures.item(job, 1)).containsEntry("state", "failed").containsEntry("attempt", 2)
                .containsEntry("last_error", "engine crashed on call 2");
    }

    @Test
    void shouldNeverClaimItemsOfCancelledJob() throws Exception {
        long cancelled = fixtures.queueJob(3, "cancelled", 3);
        fixtures.cancel(cancelled);
        long live = fixtures.queueJob(1, "live", 3);
        ToneEngine engine = new ToneEngine();
        harness.start("cancel", engine, 2, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + live, 1, Duration.ofSeconds(20));
        Thread.sleep(300);
        assertThat(engine.totalCalls()).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM audio_job_item WHERE state = 'cancelled' AND job_id = " + cancelled))
                .isEqualTo(3);
    }

    @Test
    void shouldStopAndDiscardInFlightItemOfCancelledJob() throws Exception {
        long job = fixtures.queueJob(1, "cancel in flight", 3);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            started.countDown();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        harness.start("cancel-in-flight", engine, 1, Duration.ofMillis(600), FAST_BACKOFF);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        fixtures.cancel(job);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the heartbeat stopped the synthesis").isTrue();
        Thread.sleep(200);
        assertThat(fixtures.job(job)).containsEntry("status", "cancelled").containsEntry("completed_items", 0)
                .containsEntry("failed_items", 0);
        assertThat(fixtures.item(job, 1)).containsEntry("state", "cancelled");
    }

    @Test
    void shouldReleaseUnfinishedItemsOnGracefulShutdown() throws Exception {
        long job = fixtures.queueJob(1, "shutdown", 3);
        CountDownLatch started = new CountDownLatch(1);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            started.countDown();
            Thread.sleep(20_000);
        });
        Worker worker = harness.start("graceful", engine, 1, LEASE, FAST_BACKOFF);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        worker.stop(Duration.ofMillis(300));

        assertThat(fixtures.item(job, 1)).containsEntry("state", "queued").containsEntry("attempt", 0)
                .containsEntry("lease_token", null).containsEntry("lease_owner", null);
        assertThat(fixtures.job(job)).containsEntry("failed_items", 0).containsEntry("completed_items", 0);
    }

    @Test
    void shouldFinishInFlightItemWithinGracePeriod() throws Exception {
        long job = fixtures.queueJob(1, "finish", 3);
        CountDownLatch started = new CountDownLatch(1);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            started.countDown();
            Thread.sleep(400);
        });
        Worker worker = harness.start("finisher", engine, 1, LEASE, FAST_BACKOFF);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        worker.stop(Duration.ofSeconds(10));
        assertThat(fixtures.job(job)).containsEntry("status", "completed").containsEntry("progress", 100);
    }

    @Test
    void shouldPickUpNotifiedItemWithoutWaitingForThePoll() throws Exception {
        ToneEngine engine = new ToneEngine();
        var settings = new Worker.Settings("listener", 1, LEASE, Duration.ofMinutes(5), Duration.ofMinutes(5));
        Worker worker = new Worker(settings, harness.queue(FAST_BACKOFF),
                new ItemProcessor(new io.briefaudio.worker.tts.Narrator(engine), harness.storage, harness.dataSource,
                        WorkerHarness.CODEC),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                harness.dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl(),
                "postgres", null);
        worker.start();
        try {
            Thread.sleep(500); // the first poll has passed; only a notification can wake the worker now
            long job = fixtures.queueJob(1, "notified", 3);
            awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1, Duration.ofSeconds(10));
        } finally {
            worker.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldSynthesizeEqualTextOnceAndReuseTheAsset() throws Exception {
        long first = fixtures.queueJob(2, "same words", 3);
        long second = fixtures.queueJob(2, "same words", 3);
        ToneEngine engine = new ToneEngine();
        harness.start("cache", engine, 1, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id IN (" + first + ", " + second + ")",
                2, Duration.ofSeconds(20));
        assertThat(engine.totalCalls()).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM audio_asset")).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(DISTINCT asset_id) FROM audio_job_item WHERE job_id IN ("
                + first + ", " + second + ")")).isEqualTo(2);
    }

    @Test
    void shouldNotShareAudioBetweenTenants() throws Exception {
        long ours = fixtures.queueJob(1, "tenant words", 3);
        long theirs = fixtures.queueJob(1, "tenant words", 3, "worker-other-tenant");
        ToneEngine engine = new ToneEngine();
        harness.start("tenants", engine, 1, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id IN (" + ours + ", " + theirs + ")",
                2, Duration.ofSeconds(20));
        assertThat(engine.totalCalls()).isEqualTo(2);
        // Each job's audio is named after its own brief: nothing in a URL points at the other tenant.
        assertThat(fixtures.count("""
                SELECT count(*) FROM audio_job_item i JOIN audio_job j ON j.id = i.job_id
                JOIN audio_asset a ON a.id = i.asset_id
                WHERE i.job_id IN (%d, %d) AND a.storage_key LIKE 'brief\\_' || j.brief_id || '\\_item\\_%%'"""
                .formatted(ours, theirs))).isEqualTo(2);
    }

    private double sqlSeconds(String sql) throws Exception {
        try (var c = harness.dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private void awaitCount(String sql, long expected, Duration timeout) throws Exception {
        fixtures.awaitCount(sql, expected, timeout);
    }
}
