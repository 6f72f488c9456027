package io.briefaudio.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full audio disk on the filesystem store: items wait with a clear error instead of failing, and complete
 * once there is room again. The disk is a 256 KiB tmpfs (as root), grown by a remount; without the right to
 * mount, the audio directory is made unusable (a file in its place) and then restored.
 */
class FullDiskFaultIT {

    private static final String DATABASE = "briefaudio_fault_disk" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
    private static final int ITEMS = 20;

    private Path audio;
    private boolean mounted;
    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        audio = Files.createTempDirectory("fault-disk-");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", audio.toString());
        rig = new FaultRig("full-disk", PostgresDatabases.jdbcUrl(DATABASE),
                Map.of("BRIEFAUDIO_STORAGE_FILESYSTEM_ROOT", audio.toString()));
        rig.startApi();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
        if (mounted) {
            run("umount", audio.toString());
        }
        try (var paths = Files.walk(audio)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldWaitForRoomOnAFullAudioDiskAndThenComplete() throws Exception {
        if (!mounted) {
            rig.startWorker("disk-worker"); // creates its directory first; then take it away
            Thread.sleep(3000);
            Files.delete(audio);
            Files.writeString(audio, "not a directory");
        }
        long job = rig.queueBrief(ITEMS, "Full disk test");
        if (mounted) {
            rig.startWorker("disk-worker");
        }
        rig.awaitCount("SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND attempt = 0"
                + " AND last_error LIKE 'storage unavailable: cannot write%'", 3, Duration.ofSeconds(90));
        if (mounted) {
            assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE last_error LIKE '%No space left on device%'"))
                    .as("the error names the cause").isPositive();
        }
        Thread.sleep(5000);
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE state = 'failed'")).isZero();
        assertThat(rig.count("SELECT count(*) FROM audio_job WHERE status = 'processing' AND id = " + job)).isEqualTo(1);

        if (mounted) {
            assertThat(run("mount", "-o", "remount,size=64m", audio.toString())).isTrue();
        } else {
            Files.delete(audio);
            Files.createDirectory(audio);
        }
        rig.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1, FaultRig.GENEROUS);
        assertThat(rig.count("SELECT completed_items FROM audio_job WHERE id = " + job)).isEqualTo(ITEMS);
        assertThat(rig.count("SELECT count(*) FROM audio_job_item WHERE attempt <> 1")).isZero();
        try (var files = Files.list(audio)) {
            // each item's audio and, beside it, its speech marks (transcripts)
            var names = files.map(p -> p.getFileName().toString()).filter(n -> n.contains("_item_")).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".marks.json")).count()).isEqualTo(ITEMS);
            assertThat(names.stream().filter(n -> !n.endsWith(".marks.json")).count()).isEqualTo(ITEMS);
        }
    }

    private static boolean run(String... command) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
