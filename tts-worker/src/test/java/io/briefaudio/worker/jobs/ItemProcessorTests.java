package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.worker.tts.NarrationSettings;
import io.briefaudio.worker.tts.Narrator;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The content cache: equal inputs reuse one asset, and every narration setting is part of "equal". */
@QuarkusTest
class ItemProcessorTests extends QueuedWorkTestBase {

    private static final NarrationSettings BASE = NarrationSettings.DEFAULTS;

    static List<UnaryOperator<NarrationSettings>> changes() {
        return List.of(
                s -> new NarrationSettings(Duration.ofMillis(400), s.paragraphPause(), s.clausePause(), s.fade(),
                        s.targetLufs(), s.truePeakDbtp()),
                s -> new NarrationSettings(s.sentencePause(), Duration.ofMillis(900), s.clausePause(), s.fade(),
                        s.targetLufs(), s.truePeakDbtp()),
                s -> new NarrationSettings(s.sentencePause(), s.paragraphPause(), Duration.ofMillis(300), s.fade(),
                        s.targetLufs(), s.truePeakDbtp()),
                s -> new NarrationSettings(s.sentencePause(), s.paragraphPause(), s.clausePause(), Duration.ofMillis(40),
                        s.targetLufs(), s.truePeakDbtp()),
                s -> new NarrationSettings(s.sentencePause(), s.paragraphPause(), s.clausePause(), s.fade(),
                        -26.0, s.truePeakDbtp()),
                s -> new NarrationSettings(s.sentencePause(), s.paragraphPause(), s.clausePause(), s.fade(),
                        s.targetLufs(), -30.0));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void shouldSynthesizeNewAudioWhenANarrationSettingChanges(UnaryOperator<NarrationSettings> change) throws Exception {
        // The long sentence is over the engine's chunk limit, so it is split at clauses and clause pauses count.
        String text = "First sentence. " + "A clause that goes on and on, ".repeat(200) + "and ends.\n\nA new paragraph.";
        ToneEngine engine = new ToneEngine();
        ItemProcessor before = processor(engine, BASE);
        ItemProcessor after = processor(engine, change.apply(BASE));

        ItemProcessor.Result first = before.process(claimOne(text));
        ItemProcessor.Result again = before.process(claimOne(text));
        ItemProcessor.Result changed = after.process(claimOne(text));

        assertThat(again.cacheHit()).as("same settings reuse the asset").isTrue();
        assertThat(again.assetId()).isEqualTo(first.assetId());
        assertThat(changed.cacheHit()).as("a changed setting must not serve the old audio").isFalse();
        assertThat(changed.assetId()).isNotEqualTo(first.assetId());
        assertThat(Arrays.equals(bytesOf(changed.assetId()), bytesOf(first.assetId()))).as("new audio").isFalse();
    }

    private ItemProcessor processor(ToneEngine engine, NarrationSettings settings) {
        return new ItemProcessor(new Narrator(engine, settings), harness.storage, harness.dataSource);
    }

    private ClaimedItem claimOne(String text) throws Exception {
        long job = fixtures.queueJob(1, text, 3);
        ClaimedItem claimed = harness.queue(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .claim(1, "cache-test", Duration.ofSeconds(30)).get(0);
        assertThat(claimed.jobId()).isEqualTo(job);
        return claimed;
    }

    private byte[] bytesOf(long assetId) throws Exception {
        String key;
        try (var c = harness.dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT storage_key FROM audio_asset WHERE id = " + assetId)) {
            rs.next();
            key = rs.getString(1);
        }
        try (InputStream in = harness.storage.open(key, 0, Long.MAX_VALUE)) {
            return in.readAllBytes();
        }
    }
}
