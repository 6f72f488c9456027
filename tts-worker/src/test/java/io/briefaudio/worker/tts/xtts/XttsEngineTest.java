package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, limits, the code cap and speed interpolation. */
class XttsEngineTest {

    @TempDir
    Path temp;

    @Test
    void shouldNameTheMissingFile() throws IOException {
        Path copy = copyFixture();
        Files.delete(copy.resolve("hifigan.onnx"));
        assertThatThrownBy(() -> XttsEngine.load(copy, 1)).isInstanceOf(IOException.class).hasMessageContaining("missing hifigan.onnx");
    }

    @Test
    void shouldRejectADirectoryWithoutManifest() {
        assertThatThrownBy(() -> XttsEngine.load(temp, 1)).hasMessageContaining("no manifest.json");
    }

    @Test
    void shouldRefuseAFormatTwoDirectoryNamingTheExporterCommand() throws IOException {
        Path copy = copyFixture();
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\": 3", "\"format_version\": 2"));
        assertThatThrownBy(() -> XttsEngine.load(copy, 1)).hasMessageContaining("format_version 2; this worker reads 3")
                .hasMessageContaining("python3 -m xtts_export --checkpoint-dir");
    }

    @Test
    void shouldRefuseAtLoadABatchWhoseCacheTheJvmCannotHoldNamingTheFlag() {
        // 200,000 rows of the tiny model's longest sequence: about 214 GB of keys and values
        assertThatThrownBy(() -> XttsEngine.load(TinyFixture.dir(), 1, 200_000, java.util.Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("briefaudio.tts.xtts.max-batch=200000 needs a 213.8 GB KV cache")
                .hasMessageContaining("-XX:MaxDirectMemorySize=");
    }

    @Test
    void shouldRejectAnotherFormatVersion() throws IOException {
        Path copy = copyFixture();
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\": 3", "\"format_version\": 9"));
        assertThatThrownBy(() -> XttsEngine.load(copy, 1)).hasMessageContaining("format_version 9");
    }

    @Test
    void shouldFailPermanentlyOnUnsupportedLanguageAndOverlongText() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.dir(), 1)) {
            assertThat(engine.languages()).hasSize(17).contains("en", "de", "fr", "zh-cn", "ko", "ja");
            assertThat(engine.maxChunkChars("zh-cn")).isEqualTo(82);
            assertThat(engine.maxChunkChars("en")).isEqualTo(250);
            assertThatThrownBy(() -> engine.synthesize("hello", VoicePreset.CALM, "xx"))
                    .isInstanceOfSatisfying(SynthesisException.class, e -> assertThat(e.isPermanent()).isTrue());
            String overlong = "x ".repeat(210); // one token per letter and per space: > 402 tokens
            assertThatThrownBy(() -> engine.synthesize(overlong, VoicePreset.CALM, "en"))
                    .isInstanceOfSatisfying(SynthesisException.class, e -> {
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.getMessage()).contains("fewer than 402");
                    });
        }
    }

    @Test
    void shouldStopAtTheConfiguredCodeCap() throws Exception {
        XttsModel model = XttsModel.load(TinyFixture.dir(), 1);
        try (XttsEngine engine = new XttsEngine(model, XttsPresets.defaults(model.manifest().sampling()), 3)) {
            // PROFESSIONAL has speed 1.0: 3 latents -> floor(12 * 24000/22050) = 13 frames -> 13 * 256 samples
            assertThat(engine.synthesize("The weather is nice today!", VoicePreset.PROFESSIONAL, "en").samples()).hasSize(13 * 256);
        }
    }

    @Test
    void shouldInterpolateLikePyTorch() throws IOException {
        for (JsonNode c : TinyFixture.reference().get("interpolation")) {
            float[][] in = matrix(c.get("input"));
            float[][] expected = matrix(c.get("output"));
            float[][] out = Interpolation.linear(in, c.get("scale").asDouble());
            assertThat(out[0]).as("scale " + c.get("scale")).hasSize(expected[0].length);
            for (int ch = 0; ch < in.length; ch++) {
                assertThat(TinyFixture.maxAbsDiff(out[ch], expected[ch])).isLessThan(1e-6f);
            }
        }
    }

    @Test
    void shouldMakeFasterSpeechShorter() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.dir(), 1)) {
            var speaker = engine.model().speaker("Ana Florence");
            float[][] latents = new float[20][64];
            assertThat(engine.decoder().decode(latents, speaker.embedding(), 1.25)).hasSize(256 * 69); // 16 -> 64 -> 69
            assertThat(engine.decoder().decode(latents, speaker.embedding(), 0.8)).hasSize(256 * 108); // 25 -> 100 -> 108
        }
    }

    private Path copyFixture() throws IOException {
        return TinyFixture.copyTo(temp.resolve("model"));
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new float[rows.get(r).size()];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = (float) rows.get(r).get(i).asDouble();
            }
        }
        return out;
    }
}
