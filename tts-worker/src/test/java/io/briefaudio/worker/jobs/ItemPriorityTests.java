package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Speech requests (priority items) jump the batch queue: the claim orders by priority first. */
@QuarkusTest
class ItemPriorityTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void shouldClaimPriorityItemBeforeOneHundredQueuedBatchItems() throws Exception {
        long batch = fixtures.queueJob(100, "batch", 3);
        long speech = fixtures.queueJob(1, "speech request", 3);
        fixtures.execute("UPDATE audio_job_item SET priority = 10 WHERE job_id = " + speech);
        ItemQueue queue = harness.queue(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));

        List<ClaimedItem> first = queue.claim(1, "priority-test", LEASE);

        assertThat(first).extracting(ClaimedItem::jobId).containsExactly(speech);
        List<ClaimedItem> next = queue.claim(5, "priority-test", LEASE);
        assertThat(next).extracting(ClaimedItem::jobId).containsOnly(batch);
        assertThat(next).extracting(ClaimedItem::position).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void shouldKeepFifoOrderAmongEqualPriorities() throws Exception {
        long older = fixtures.queueJob(2, "older", 3);
        long newer = fixtures.queueJob(2, "newer", 3);
        ItemQueue queue = harness.queue(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));

        assertThat(queue.claim(4, "fifo-test", LEASE)).extracting(ClaimedItem::jobId)
                .containsExactly(older, older, newer, newer);
    }
}
