package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.testing.TestClips;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.voices.ClipReader;
import io.briefaudio.worker.voices.CloningToneEngine;
import io.briefaudio.worker.voices.VoiceEmbeddings;
import io.briefaudio.worker.voices.VoiceFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Items in a custom voice: spoken by an engine that clones, refused for good by one that cannot. */
@QuarkusTest
class CustomVoiceItemTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AudioStorage storage;

    CloningToneEngine engine;

    @BeforeEach
    void empty() throws Exception {
        VoiceFixtures.truncate(dataSource);
        engine = new CloningToneEngine();
    }

    private String readyVoice() throws Exception {
        String id = VoiceFixtures.createVoice(dataSource, storage, TestClips.wav(4, 0, 22050, 1), "wav", "calm");
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE custom_voice SET status = 'ready' WHERE id = '" + id + "'");
        }
        return id;
    }

    private static ClaimedItem item(String voice, String text) {
        return new ClaimedItem(1, 1, 1, 1, 1, 1, 1, 3, UUID.randomUUID(), voice, "en", text,
                io.briefaudio.shared.audio.AudioFormat.WAV, Instant.now(), 0);
    }

    private ItemProcessor processor(io.briefaudio.worker.tts.SpeechEngine engine) {
        return new ItemProcessor(new Narrator(engine), storage, dataSource,
                new VoiceEmbeddings(engine, storage, dataSource, new ClipReader("ffmpeg")));
    }

    @Test
    void shouldSpeakInACustomVoiceComputingItsEmbeddingsOnceAndCachingTheAudio() throws Exception {
        String voice = readyVoice();
        ItemProcessor processor = processor(engine);
        var first = processor.process(item(voice, "Hello there."));
        processor.process(item(voice, "Another sentence."));
        assertThat(engine.clones).as("embeddings computed once, then read from the table").hasValue(1);
        assertThat(first.cacheHit()).isFalse();
        var again = processor.process(item(voice, "Hello there."));
        assertThat(again.cacheHit()).isTrue();
        assertThat(again.assetId()).isEqualTo(first.assetId());
        var preset = processor.process(item("calm", "Hello there."));
        assertThat(preset.assetId()).isNotEqualTo(first.assetId());
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT count(*), min(voice_id) FROM voice_embedding")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo(voice);
        }
    }

    @Test
    void shouldFailPermanentlyWhenTheEngineCannotClone() throws Exception {
        String voice = readyVoice();
        assertThatThrownBy(() -> processor(new ToneEngine()).process(item(voice, "Hello.")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("cannot speak the custom voice");
                });
    }

    @Test
    void shouldFailPermanentlyForADeletedVoice() {
        assertThatThrownBy(() -> processor(engine).process(item("custom-0000deadbeef", "Hello.")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("was deleted");
                });
    }
}
