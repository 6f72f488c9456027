package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java engine on the tiny random model reproduces the PyTorch reference of our exporter modules. */
class XttsParityTest {

    private static XttsEngine engine;
    private static JsonNode ref;

    @BeforeAll
    static void load() throws Exception {
        engine = XttsEngine.load(TinyFixture.dir(), 1);
        ref = TinyFixture.reference();
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    @Test
    void shouldTokenizeLikeThePythonSide() throws Exception {
        for (JsonNode t : ref.get("tokenizer")) {
            String text = t.get("text").asText();
            String language = t.get("language").asText();
            assertThat(XttsText.prepare(text, language)).isEqualTo(t.get("prepared").asText());
            if (engine.languages().contains(language)) {
                assertThat(engine.text().tokenize(XttsText.prepare(text, language))).as(text)
                        .containsExactly(TinyFixture.ints(t.get("ids")));
            }
        }
    }

    @Test
    void shouldGenerateTheReferenceCodesAndLatentsUntilTheStopCode() throws Exception {
        assertCase(ref.get("cases").get(0));
    }

    @Test
    void shouldStopAtTheCodeCapWithoutAStopCode() throws Exception {
        assertCase(ref.get("cases").get(1));
    }

    private void assertCase(JsonNode c) throws Exception {
        var speaker = engine.model().speaker(ref.get("speaker").asText());
        int[] ids = engine.text().encode(c.get("text").asText(), c.get("language").asText());
        assertThat(ids).containsExactly(TinyFixture.ints(c.get("text_ids")));
        var g = engine.gpt().generate(speaker, ids, Sampling.greedy(ref.get("repetition_penalty").asDouble()),
                c.get("cap").asInt(), new SplittableRandom(0));
        assertThat(g.codes()).containsExactly(TinyFixture.ints(c.get("codes")));
        assertThat(g.stopped()).isEqualTo(c.get("stopped").asBoolean());
        float[] expected = TinyFixture.floats(c.get("latents").asText());
        float[] actual = new float[expected.length];
        int dim = g.latents()[0].length;
        for (int t = 0; t < g.latents().length; t++) {
            System.arraycopy(g.latents()[t], 0, actual, t * dim, dim);
        }
        assertThat(g.latents().length * dim).isEqualTo(expected.length);
        assertThat(TinyFixture.maxAbsDiff(actual, expected)).isLessThan(1e-4f);
        var waves = c.get("waves").fields();
        while (waves.hasNext()) {
            var w = waves.next();
            float[] wave = engine.decoder().decode(g.latents(), speaker.embedding(), Double.parseDouble(w.getKey()));
            float[] expectedWave = TinyFixture.floats(w.getValue().get("file").asText());
            assertThat(wave).as("samples at speed " + w.getKey()).hasSize(expectedWave.length);
            assertThat(TinyFixture.maxAbsDiff(wave, expectedWave)).as("speed " + w.getKey()).isLessThan(1e-4f);
        }
    }

    @Test
    void shouldSpeakEveryPresetAt24kHz() throws Exception {
        for (VoicePreset preset : VoicePreset.values()) {
            Pcm pcm = engine.synthesize("Hello there.", preset, "en");
            assertThat(pcm.sampleRate()).isEqualTo(24000);
            assertThat(pcm.samples().length % 256).isZero();
            assertThat(pcm.samples()).isNotEmpty();
        }
    }

    @Test
    void shouldGiveTheSameAudioForTheSameRequest() throws Exception {
        float[] a = engine.synthesize("Twice the same.", VoicePreset.WARM, "en").samples();
        float[] b = engine.synthesize("Twice the same.", VoicePreset.WARM, "en").samples();
        assertThat(a).containsExactly(b);
    }
}
