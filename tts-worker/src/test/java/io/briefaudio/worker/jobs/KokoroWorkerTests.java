package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import io.briefaudio.worker.tts.kokoro.KokoroTiny;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A brief narrated end to end by a real worker running the tiny random Kokoro model: claimed from PostgreSQL,
 * spoken through the whole narration path, stored in the test storage and recorded as an asset.
 */
@QuarkusTest
class KokoroWorkerTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static KokoroEngine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = KokoroTiny.load(KokoroTiny.exported());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void shouldNarrateABriefInAPresetAndInAVoiceMix() throws Exception {
        long preset = fixtures.queueJobFor("kokoro", "professional", 2,
                "The council met on Tuesday. It approved the budget, after a long debate.");
        long mixed = fixtures.queueJobFor("kokoro", "kokoro:af_heart(2)+bf_emma(1)", 1, "Rain is expected tomorrow.");
        harness.start("kokoro", new Narrator(engine), 2, LEASE, BACKOFF, false);
        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id IN (" + preset + ", "
                + mixed + ")", 2, Duration.ofSeconds(120));

        Map<String, Object> asset = fixtures.rowOf("SELECT a.engine, a.sample_rate, a.voice_id, a.duration_ms, "
                + "a.storage_key FROM audio_asset a JOIN audio_job_item i ON i.asset_id = a.id WHERE i.job_id = " + mixed);
        assertThat(asset.get("engine")).isEqualTo("kokoro-82m");
        assertThat(asset.get("sample_rate")).isEqualTo(24_000);
        assertThat(asset.get("voice_id")).isEqualTo("kokoro:af_heart(2)+bf_emma(1)");
        assertThat((Integer) asset.get("duration_ms")).isPositive();
        try (InputStream in = harness.storage.open((String) asset.get("storage_key"), 0, Long.MAX_VALUE)) {
            var pcm = WavDecoder.decode(in.readAllBytes());
            assertThat(pcm.sampleRate()).isEqualTo(24_000);
            assertThat(pcm.samples().length).isGreaterThan(24_000 / 10);
        }
        assertThat(fixtures.count("SELECT count(*) FROM audio_asset WHERE engine = 'kokoro-82m' AND voice_id = "
                + "'professional'")).isEqualTo(2);
    }

    @Test
    void shouldFailAnItemWhoseMixNamesAVoiceTheModelLacks() throws Exception {
        long job = fixtures.queueJobFor("kokoro", "kokoro:af_heart+af_nobody", 1, "Hello there.");
        harness.start("kokoro-bad-mix", new Narrator(engine), 1, LEASE, BACKOFF, false);
        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1,
                Duration.ofSeconds(60));
        Map<String, Object> item = fixtures.item(job, 1);
        assertThat(item.get("attempt")).as("permanent: not retried").isEqualTo(1);
        assertThat(String.valueOf(item.get("last_error"))).contains("af_nobody");
    }
}
