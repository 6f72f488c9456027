package io.briefaudio.worker.voices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.testing.TestClips;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.VoicePreparations;
import io.briefaudio.shared.voices.WorkerEngines;
import io.briefaudio.worker.jobs.Backoff;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preparation task's state machine against the real database and storage, with an engine that clones. */
@QuarkusTest
class VoicePreparerTests {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    @Inject
    AgroalDataSource dataSource;

    @Inject
    AudioStorage storage;

    CloningToneEngine engine;

    @BeforeEach
    void emptyVoices() throws Exception {
        VoiceFixtures.truncate(dataSource);
        engine = new CloningToneEngine();
    }

    String createVoice(byte[] clip, String extension) throws Exception {
        return VoiceFixtures.createVoice(dataSource, storage, clip, extension, "professional");
    }

    VoicePreparer preparer(String workerId, SpeechEngine engine) {
        return new VoicePreparer(workerId, new VoiceEmbeddings(engine, storage, dataSource, new ClipReader("ffmpeg")),
                dataSource, LEASE, Duration.ofMillis(200), BACKOFF);
    }

    CustomVoices.Voice voice(String id) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return CustomVoices.find(c, id).orElseThrow();
        }
    }

    @Test
    void shouldPrepareAVoiceOnceAndMakeItReady() throws Exception {
        String id = createVoice(TestClips.wav(4, 0.3, 44100, 2), "wav");
        VoicePreparer preparer = preparer("prep-1", engine);
        assertThat(preparer.prepareOne()).isTrue();
        assertThat(preparer.prepareOne()).isFalse();
        assertThat(voice(id).status()).isEqualTo("ready");
        try (Connection c = dataSource.getConnection()) {
            var embedding = CustomVoices.embedding(c, id, engine.modelVersion()).orElseThrow();
            assertThat(embedding.condLatent()[1]).as("the trimmed clip's seconds").isBetween(3.9f, 4.1f);
            assertThat(engine.clones).hasValue(1);
            assertThat(embedding.digest()).hasSize(64);
        }
    }

    @Test
    void shouldFailAVoiceWhoseClipIsSilentWithTheReason() throws Exception {
        String id = createVoice(TestClips.wav16(new short[16000 * 5], 16000, 1), "wav");
        assertThat(preparer("prep-2", engine).prepareOne()).isTrue();
        CustomVoices.Voice voice = voice(id);
        assertThat(voice.status()).isEqualTo("failed");
        assertThat(voice.errorMessage()).contains("silent");
    }

    @Test
    void shouldDecodeACompressedClipWithFfmpeg() throws Exception {
        Path wav = Files.createTempFile("clip", ".wav");
        Path ogg = Files.createTempFile("clip", ".ogg");
        Files.write(wav, TestClips.wav(4, 0.2, 48000, 1));
        Process p = new ProcessBuilder("ffmpeg", "-y", "-v", "error", "-i", wav.toString(), "-c:a", "libopus",
                ogg.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        String id = createVoice(Files.readAllBytes(ogg), "ogg");
        assertThat(preparer("prep-3", engine).prepareOne()).isTrue();
        assertThat(voice(id).status()).isEqualTo("ready");
    }

    @Test
    void shouldFailGarbageThatFfmpegCannotDecode() throws Exception {
        byte[] fake = new byte[4000];
        System.arraycopy("OggS".getBytes(), 0, fake, 0, 4);
        String id = createVoice(fake, "ogg");
        assertThat(preparer("prep-4", engine).prepareOne()).isTrue();
        assertThat(voice(id).status()).isEqualTo("failed");
        assertThat(voice(id).errorMessage()).contains("could not be decoded");
    }

    @Test
    void shouldRequeueAnExpiredLeaseAndRejectTheLateCompletion() throws Exception {
        String id = createVoice(TestClips.wav(4, 0, 16000, 1), "wav");
        VoicePreparations.Claimed stale;
        try (Connection c = dataSource.getConnection()) {
            stale = VoicePreparations.claim(c, "silent-worker", Duration.ofMillis(200)).orElseThrow();
        }
        Thread.sleep(300);
        try (Connection c = dataSource.getConnection()) {
            assertThat(VoicePreparations.reapExpired(c)).containsExactly(id);
        }
        assertThat(preparer("prep-5", engine).prepareOne()).isTrue();
        try (Connection c = dataSource.getConnection()) {
            assertThat(VoicePreparations.complete(c, stale)).isEqualTo(VoicePreparations.Outcome.LEASE_LOST);
            assertThat(VoicePreparations.fail(c, stale, "late", true, Duration.ZERO))
                    .isEqualTo(VoicePreparations.Outcome.LEASE_LOST);
        }
        assertThat(voice(id).status()).isEqualTo("ready");
    }

    @Test
    void shouldNotLetAnEngineThatCannotCloneClaimAndRecordItsCapabilities() throws Exception {
        String id = createVoice(TestClips.wav(4, 0, 16000, 1), "wav");
        SpeechEngine espeak = new EspeakEngine("espeak-ng", Duration.ofSeconds(10));
        VoicePreparer preparer = preparer("espeak-worker", espeak);
        preparer.tick();
        assertThat(voice(id).status()).isEqualTo("preparing");
        preparer("engine-worker", engine).tick();
        try (Connection c = dataSource.getConnection()) {
            // The licence of each engine's model is announced, for GET /api/voices (the test engine names none).
            assertThat(WorkerEngines.running(c)).extracting(WorkerEngines.Engine::workerId, WorkerEngines.Engine::canClone,
                            WorkerEngines.Engine::license)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("espeak-worker", false, "GPL-3.0-or-later"),
                            org.assertj.core.groups.Tuple.tuple("engine-worker", true, null));
        }
        assertThat(voice(id).status()).isEqualTo("ready");
        assertThatThrownBy(() -> new VoiceEmbeddings(espeak, storage, dataSource, new ClipReader("ffmpeg")).compute(id, "x"))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("cannot clone");
                });
    }
}
