package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.voices.VoicePreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefaudio.tts.xtts.precision}: fp32 by default, the fixture's int8 graph when asked, refusals. */
class XttsPrecisionTest {

    /**
     * Largest latent difference int8 may make against fp32 on the tiny fixture, before the greedy codes part
     * (measured 0.058 and 0.075). The latents are LayerNorm outputs of order 1: a graph with a wrong scale, a
     * transposed weight or a lost bias misses by far more.
     */
    static final float INT8_VS_FP32_TOLERANCE = 0.15f;

    @TempDir
    Path temp;

    @Test
    void shouldRunFp32UnlessAskedOtherwise() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.dir(), 1)) {
            assertThat(engine.precision()).isEqualTo(XttsPrecision.FP32);
            assertThat(engine.modelVersion()).doesNotContain("int8");
        }
    }

    /**
     * ONNX Runtime's int8 graph computes what the exporter's PyTorch stand-in for it computes (int8 weights times
     * their column scales, inputs rounded to uint8 per tensor): the same greedy codes, latents within the parity
     * tolerance 1e-4 (measured 1.3e-6).
     */
    @Test
    void shouldDecodeWithTheInt8GraphAsTheExporterSimulatesIt() throws Exception {
        assumeTrue(exactInt8DotProducts(), "this x86 CPU has AVX2 without VNNI: ONNX Runtime's u8s8 kernels add "
                + "pairs of products in saturating int16 there, so int8 results leave the exact simulation");
        JsonNode ref = TinyFixture.reference();
        try (XttsEngine engine = XttsEngine.load(TinyFixture.dir(), 1, 2, Map.of(), XttsPrecision.INT8)) {
            assertThat(engine.precision()).isEqualTo(XttsPrecision.INT8);
            for (int i = 0; i < ref.get("cases").size(); i++) {
                JsonNode fp32 = ref.get("cases").get(i);
                JsonNode int8 = ref.get("int8").get(i);
                var g = generate(engine, ref, fp32);
                assertThat(g.codes()).as(int8.get("name").asText()).containsExactly(TinyFixture.ints(int8.get("codes")));
                float[] latents = flat(g.latents(), g.latents().length);
                float simulated = TinyFixture.maxAbsDiff(latents, TinyFixture.floats(int8.get("latents").asText()));
                System.out.printf("int8 %s: latents within %.2e of the exporter's simulation%n", int8.get("name").asText(),
                        simulated);
                assertThat(simulated).as("int8 latents vs the exporter's simulation").isLessThan(1e-4f);

                int[] fp32Codes = TinyFixture.ints(fp32.get("codes"));
                int same = 0;
                while (same < Math.min(g.codes().length, fp32Codes.length) && g.codes()[same] == fp32Codes[same]) {
                    same++;
                }
                // latents up to and including the first step that differs saw the same inputs as fp32's
                int comparable = Math.min(same + 1, Math.min(g.codes().length, fp32Codes.length));
                float[] expected = java.util.Arrays.copyOf(TinyFixture.floats(fp32.get("latents").asText()),
                        comparable * latents.length / g.latents().length);
                float err = TinyFixture.maxAbsDiff(flat(g.latents(), comparable), expected);
                System.out.printf("int8 %s: %d of %d greedy codes as fp32, latent max-abs %.4f over %d steps%n",
                        fp32.get("name").asText(), same, fp32Codes.length, err, comparable);
                assertThat(err).as("int8 latents vs fp32").isLessThan(INT8_VS_FP32_TOLERANCE).isGreaterThan(1e-4f);
            }
            var pcm = engine.synthesize("Hello there, this is a test.", VoicePreset.PROFESSIONAL, "en");
            assertThat(pcm.sampleRate()).isEqualTo(24000);
            assertThat(pcm.samples()).isNotEmpty();
        }
    }

    private static GptDecoder.Generation generate(XttsEngine engine, JsonNode ref, JsonNode c) throws Exception {
        var speaker = engine.model().speaker(ref.get("speaker").asText());
        int[] ids = engine.text().encode(c.get("text").asText(), c.get("language").asText());
        return engine.gpt().generate(speaker, ids, Sampling.greedy(ref.get("repetition_penalty").asDouble()),
                c.get("cap").asInt(), new SplittableRandom(0));
    }

    private static float[] flat(float[][] rows, int count) {
        int dim = rows[0].length;
        float[] out = new float[count * dim];
        for (int t = 0; t < count; t++) {
            System.arraycopy(rows[t], 0, out, t * dim, dim);
        }
        return out;
    }

    @Test
    void shouldFollowForcedCodesWhenComparingPrecisions() throws Exception {
        try (XttsEngine fp32 = XttsEngine.load(TinyFixture.dir(), 1);
             XttsEngine int8 = XttsEngine.load(TinyFixture.dir(), 1, 2, Map.of(), XttsPrecision.INT8)) {
            String text = "Hello there, this is a test.";
            var free = XttsDiagnostics.greedy(fp32, text, "en", VoicePreset.PROFESSIONAL, 30, null);
            var again = XttsDiagnostics.greedy(fp32, text, "en", VoicePreset.PROFESSIONAL, 30, free.codes());
            assertThat(again.codes()).containsExactly(free.codes());
            assertThat(TinyFixture.maxAbsDiff(flat(again.latents(), again.latents().length),
                    flat(free.latents(), free.latents().length))).isZero();
            var forced = XttsDiagnostics.greedy(int8, text, "en", VoicePreset.PROFESSIONAL, 30, free.codes());
            assertThat(forced.codes()).containsExactly(free.codes()); // int8 alone diverges at the first code
            assertThat(forced.latents().length).isEqualTo(free.latents().length);
        }
    }

    @Test
    void shouldGiveInt8ItsOwnModelVersion() throws Exception {
        try (XttsEngine fp32 = XttsEngine.load(TinyFixture.dir(), 1);
             XttsEngine int8 = XttsEngine.load(TinyFixture.dir(), 1, 2, Map.of(), XttsPrecision.INT8)) {
            assertThat(int8.modelVersion()).isNotEqualTo(fp32.modelVersion()).contains("/int8-");
            assertThat(fp32.modelVersion()).matches("xtts-v2/[^/]+/presets-[0-9a-f]{8}");
        }
    }

    @Test
    void shouldRefuseInt8WhenTheDirectoryHasNoInt8GraphNamingTheExporterCommand() throws Exception {
        Path copy = TinyFixture.copyTo(temp.resolve("no-file"));
        Files.delete(copy.resolve("gpt.int8.onnx"));
        assertThatThrownBy(() -> XttsEngine.load(copy, 1, 2, Map.of(), XttsPrecision.INT8)).isInstanceOf(IOException.class)
                .hasMessageContaining("precision=int8").hasMessageContaining("missing gpt.int8.onnx")
                .hasMessageContaining("python3 -m xtts_export.quantize " + copy);

        Path older = TinyFixture.copyTo(temp.resolve("no-entry"));
        Files.delete(older.resolve("gpt.int8.onnx"));
        Path manifest = older.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceAll(",\\s*\"gpt_int8\": \"gpt.int8.onnx\"", ""));
        assertThatThrownBy(() -> XttsEngine.load(older, 1, 2, Map.of(), XttsPrecision.INT8))
                .hasMessageContaining("no files.gpt_int8").hasMessageContaining("xtts_export.quantize");
        try (XttsEngine fp32 = XttsEngine.load(older, 1)) {
            assertThat(fp32.precision()).isEqualTo(XttsPrecision.FP32); // the int8 graph is an optional extra
        }
    }

    @Test
    void shouldRefuseAnUnknownPrecision() {
        assertThat(XttsPrecision.parse("INT8")).isEqualTo(XttsPrecision.INT8);
        assertThat(XttsPrecision.parse("fp32")).isEqualTo(XttsPrecision.FP32);
        assertThatThrownBy(() -> XttsPrecision.parse("int4"))
                .hasMessage("briefaudio.tts.xtts.precision must be fp32 or int8, was 'int4'");
    }

    /**
     * Whether ONNX Runtime's int8 matrix products are exact int32 sums here: with AVX-512 VNNI or AVX-VNNI (or off
     * x86). On AVX2 alone its u8s8 kernel (vpmaddubsw) saturates pairs of products at int16.
     */
    static boolean exactInt8DotProducts() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return true;
        }
        String flags = Files.readString(cpuinfo);
        return flags.contains("avx512_vnni") || flags.contains("avx_vnni") || !flags.contains(" avx2");
    }
}
