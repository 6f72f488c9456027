package io.briefaudio.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Five {@code kill -9}s of workers while three of them narrate 200 items: nothing lost, nothing counted twice. */
class WorkerKillFaultIT {

    private static final String DATABASE = "briefaudio_fault_kill" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");

    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        rig = new FaultRig("worker-kill", PostgresDatabases.jdbcUrl(DATABASE), Map.of());
        rig.startApi();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void shouldCompleteEveryItemExactlyOnceThroughFiveKillsOfWorkers() throws Exception {
        List<Long> jobs = List.of(rig.queueBrief(100, "Kill test one"), rig.queueBrief(100, "Kill test two"));
        List<Process> workers = new ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            workers.add(rig.startWorker("kill-worker-" + w));
        }
        int next = 4;
        for (int kill = 1; kill <= 5; kill++) {
            // kill a replica while it holds an item, once the fleet has made progress since the last kill
            rig.awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 20L * kill, Duration.ofSeconds(120));
            Process victim = workers.remove(0);
            FaultRig.kill9(victim);
            workers.add(rig.startWorker("kill-worker-" + next++));
        }
        rig.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed'", 2, FaultRig.GENEROUS);

        for (long job : jobs) {
            assertThat(rig.count("SELECT completed_items FROM audio_job WHERE id = " + job)).isEqualTo(100);
            assertThat(rig.count("SELECT failed_items FROM audio_job WHERE id = " + job)).isZero();
            assertThat(rig.count("SELECT progress FROM audio_job WHERE id = " + job)).isEqualTo(100);
        }
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE state = 'completed' AND asset_id IS NOT NULL"))
                .isEqualTo(200);
        assertThat(rig.count("SELECT count(DISTINCT asset_id) FROM audio_job_item")).as("one asset per item").isEqualTo(200);
        assertThat(rig.count("SELECT count(*) FROM audio_asset WHERE storage_key LIKE '%\\_item\\_%'")).as("no orphaned duplicate assets").isEqualTo(200);
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE attempt > 1"))
                .as("only items held by a killed worker were retried").isLessThanOrEqualTo(5);
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE attempt > 2")).isZero();
        assertThat(rig.count("SELECT count(*) FROM audio_job_item, jsonb_array_elements(errors) e "
                + "WHERE e->>'kind' = 'lease'")).as("each reaped attempt is in the history")
                .isEqualTo(rig.count("SELECT coalesce(sum(attempt - 1), 0) FROM audio_job_item"));
    }
}
