package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model directories with and without the cloning files; clips the engine refuses. */
class VoiceClonerTest {

    @TempDir
    Path temp;

    @Test
    void shouldLoadADirectoryWithoutCloningFilesAsAnEngineThatCannotClone() throws Exception {
        Path copy = copyFixture();
        Files.delete(copy.resolve("cloning.json"));
        try (XttsEngine engine = XttsEngine.load(copy, 1)) {
            assertThat(engine.canClone()).isFalse();
            assertThatThrownBy(() -> engine.cloneVoice(new float[48000], 16000))
                    .isInstanceOfSatisfying(SynthesisException.class, e -> assertThat(e.isPermanent()).isTrue());
        }
    }

    @Test
    void shouldNameAMissingCloningGraph() throws IOException {
        Path copy = copyFixture();
        Files.delete(copy.resolve("speaker_encoder.onnx"));
        assertThatThrownBy(() -> XttsEngine.load(copy, 1)).hasMessageContaining("missing speaker_encoder.onnx");
    }

    @Test
    void shouldRefuseEmbeddingsOfAnotherModelSize() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.dir(), 1)) {
            ClonedVoice wrong = new ClonedVoice("other", new float[32 * 1024], new float[512]);
            assertThatThrownBy(() -> engine.synthesize("hello", wrong, VoicePreset.PROFESSIONAL, "en"))
                    .isInstanceOfSatisfying(SynthesisException.class, e -> assertThat(e.isPermanent()).isTrue());
        }
    }

    @Test
    void shouldTellWhichRatesItResamplesItself() {
        assertThat(Resampler.supports(44100, 22050, 6, 0.99)).isTrue();
        assertThat(Resampler.supports(8000, 22050, 6, 0.99)).isTrue();
        assertThat(Resampler.supports(44101, 22050, 6, 0.99)).isFalse();
    }

    private Path copyFixture() throws IOException {
        return TinyFixture.copyTo(temp.resolve("model"));
    }
}
