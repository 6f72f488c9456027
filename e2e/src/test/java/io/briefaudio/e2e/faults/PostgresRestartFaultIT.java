package io.briefaudio.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted in the middle of a 200-item run: workers and the api-service reconnect, and every item
 * completes exactly once.
 */
class PostgresRestartFaultIT {

    private ThrowawayPostgres postgres;
    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        postgres = new ThrowawayPostgres();
        rig = new FaultRig("postgres-restart", postgres.jdbcUrl(), Map.of("BRIEFAUDIO_WORKER_LEASE", "30s"));
        rig.startApi();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
        postgres.close();
    }

    @Test
    void shouldCompleteEveryItemExactlyOnceAcrossADatabaseRestart() throws Exception {
        long first = rig.queueBrief(100, "Restart test one");
        long second = rig.queueBrief(100, "Restart test two");
        rig.startWorker("pg-worker-1");
        rig.startWorker("pg-worker-2");
        rig.awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 40, Duration.ofSeconds(120));

        postgres.stop();
        Thread.sleep(5_000); // workers fail claims, heartbeats and outcome writes meanwhile
        assertThat(rig.status("/q/health/ready")).as("the api-service notices the database is gone").isNotEqualTo(200);
        postgres.start();

        rig.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed'", 2, FaultRig.GENEROUS);
        for (long job : new long[] {first, second}) {
            assertThat(rig.count("SELECT completed_items FROM audio_job WHERE id = " + job)).isEqualTo(100);
            assertThat(rig.count("SELECT failed_items FROM audio_job WHERE id = " + job)).isZero();
        }
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE state = 'completed' AND asset_id IS NOT NULL"))
                .isEqualTo(200);
        assertThat(rig.count("SELECT count(DISTINCT asset_id) FROM audio_job_item")).isEqualTo(200);
        assertThat(rig.count("SELECT count(*) FROM audio_asset WHERE storage_key LIKE '%\\_item\\_%'")).isEqualTo(200);
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE state = 'failed' OR attempt > 2")).isZero();

        // the api-service answers from the restarted database again: status, and a new job end to end
        rig.awaitCount("SELECT 1 WHERE true", 1, Duration.ofSeconds(1));
        long deadline = System.nanoTime() + FaultRig.GENEROUS.toNanos();
        while (rig.status("/api/brief/audio/job/" + first + "/status") != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(rig.get("/api/brief/audio/job/" + first + "/status")).contains("\"completed_items\":100");
        // Items have their own lane: the two 100-part episodes being assembled now cannot hold this job back
        // (until round 3 they took both one-slot workers, and this wait failed on a busy machine).
        long after = rig.queueBrief(3, "After the restart");
        rig.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + after, 1, FaultRig.GENEROUS);
    }
}
