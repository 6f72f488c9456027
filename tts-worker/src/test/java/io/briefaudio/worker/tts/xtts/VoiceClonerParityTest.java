package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.shared.voices.ClipAudio;
import io.briefaudio.shared.voices.WavClipDecoder;
import io.briefaudio.worker.tts.ClonedVoice;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java path from a 48 kHz WAV clip to gpt_cond_latent and speaker_embedding (resampling, STFT, mel filter
 * banks, both ONNX graphs) reproduces the PyTorch reference of tools/xtts-export (clone_fixtures.py).
 */
class VoiceClonerParityTest {

    private static XttsEngine engine;
    private static JsonNode ref;
    private static ClipAudio clip;

    @BeforeAll
    static void load() throws Exception {
        engine = XttsEngine.load(TinyFixture.dir(), 1);
        ref = new ObjectMapper().readTree(TinyFixture.dir().resolve("reference/clone.json").toFile());
        clip = WavClipDecoder.decode(Files.readAllBytes(TinyFixture.dir().resolve("reference/clone-clip.wav")));
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    @Test
    void shouldResampleLikeTheReference() throws Exception {
        var st = engine.cloner().spec().settings();
        float[] first = Arrays.copyOf(clip.samples(), 4800);
        float[] resampled = Resampler.resample(first, clip.sampleRate(), 22050, st.resampleWidth(), st.resampleRolloff());
        float[] expected = TinyFixture.floats(ref.at("/resampled_first_4800/file").asText());
        assertThat(resampled).hasSize(expected.length);
        assertThat(TinyFixture.maxAbsDiff(resampled, expected)).isLessThan(1e-6f);
    }

    @Test
    void shouldComputeTheReferenceLatentsAndSpeakerEmbeddingFromTheClip() throws Exception {
        assertThat(clip.sampleRate()).isEqualTo(ref.get("rate").asInt());
        JsonNode s = ref.get("settings");
        var settings = new CloningSpec.Settings(s.get("max_ref_seconds").asDouble(), s.get("cond_seconds").asDouble(),
                s.get("chunk_seconds").asDouble(), s.get("min_chunk_seconds").asDouble(), s.get("resample_width").asInt(),
                s.get("resample_rolloff").asDouble());
        float[][] both = engine.cloner().clone(clip.samples(), clip.sampleRate(), settings);
        float[] cond = TinyFixture.floats(ref.at("/gpt_cond_latent/file").asText());
        float[] speaker = TinyFixture.floats(ref.at("/speaker_embedding/file").asText());
        assertThat(both[0]).hasSize(cond.length);
        assertThat(both[1]).hasSize(speaker.length);
        assertThat(TinyFixture.maxAbsDiff(both[0], cond)).isLessThan(1e-4f);
        assertThat(TinyFixture.maxAbsDiff(both[1], speaker)).isLessThan(1e-4f);
    }

    @Test
    void shouldSpeakWithAClonedVoiceDifferentlyFromAPreset() throws Exception {
        ClonedVoice voice = engine.cloneVoice(clip.samples(), clip.sampleRate());
        assertThat(engine.canClone()).isTrue();
        var cloned = engine.synthesize("hello there", voice, io.briefaudio.shared.voices.VoicePreset.PROFESSIONAL, "en");
        var preset = engine.synthesize("hello there", io.briefaudio.shared.voices.VoicePreset.PROFESSIONAL, "en");
        assertThat(cloned.samples()).isNotEmpty();
        assertThat(Arrays.equals(cloned.samples(), preset.samples())).isFalse();
    }
}
