package io.briefaudio.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 endpoint down for 30 s during a run: items wait with a clear per-item error and are retried with
 * backoff; none fails, none is lost, no attempt is spent on the outage.
 */
class S3OutageFaultIT {

    private static final String DATABASE = "briefaudio_fault_s3" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
    private static final int ITEMS = 80;

    private S3ProxyProcess s3;
    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        s3 = new S3ProxyProcess(Path.of(System.getProperty("e2e.dir", "target/e2e"), "s3-outage", "s3proxy"));
        rig = new FaultRig("s3-outage", PostgresDatabases.jdbcUrl(DATABASE), s3.environment());
        rig.startApi();
    }

    @AfterEach
    void stop() {
        rig.close();
        s3.close();
    }

    @Test
    void shouldWaitOutA30SecondS3OutageWithoutLosingOrFailingItems() throws Exception {
        long job = rig.queueBrief(ITEMS, "Outage test");
        rig.startWorker("s3-worker-1");
        rig.startWorker("s3-worker-2");
        rig.awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'completed'", 10, Duration.ofSeconds(120));

        s3.kill();
        long down = System.nanoTime();
        rig.awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND attempt = 0"
                + " AND last_error LIKE 'storage unavailable: cannot write%'", 2, Duration.ofSeconds(25));
        assertThat(rig.get("/api/brief/audio/job/" + job + "/status"))
                .as("the status shows why items wait").contains("\"kind\":\"infrastructure\"")
                .contains("storage unavailable: cannot write");
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - down) / 1_000_000));
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE state = 'failed'")).as("nothing failed").isZero();
        assertThat(rig.count("SELECT count(*) FROM audio_job_item, jsonb_array_elements(errors) e"
                + " WHERE e->>'kind' = 'infrastructure'")).as("several retries during the outage").isGreaterThan(2);
        s3.start();

        rig.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1, FaultRig.GENEROUS);
        assertThat(rig.count("SELECT completed_items FROM audio_job WHERE id = " + job)).isEqualTo(ITEMS);
        assertThat(rig.count("SELECT failed_items FROM audio_job WHERE id = " + job)).isZero();
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE attempt <> 1"))
                .as("the outage cost no attempt").isZero();
        assertThat(rig.count("SELECT count(*) FROM audio_asset WHERE storage_key LIKE '%\\_item\\_%'")).isEqualTo(ITEMS);
        assertThat(s3.objectCount("_item_")).as("every item's audio is in the bucket").isEqualTo(ITEMS);
    }
}
