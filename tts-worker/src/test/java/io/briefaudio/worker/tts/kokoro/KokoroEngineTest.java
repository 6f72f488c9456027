package io.briefaudio.worker.tts.kokoro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.text.Directives;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine on the tiny random model, in both layouts users download, with the real eSpeak NG front end. */
class KokoroEngineTest {

    private static final String TEXT = "The water in the bottle is cold.";
    private static KokoroEngine engine;

    @BeforeAll
    static void load() throws IOException {
        engine = KokoroTiny.load(KokoroTiny.exported());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static void assertSpeech(Pcm pcm) {
        assertThat(pcm.sampleRate()).isEqualTo(24_000);
        assertThat(pcm.samples().length).as("600 samples per frame").isPositive().matches(n -> n % 600 == 0);
        double sum = 0;
        for (float v : pcm.samples()) {
            assertThat(Float.isFinite(v) && Math.abs(v) <= 1f).isTrue();
            sum += v * v;
        }
        assertThat(Math.sqrt(sum / pcm.samples().length)).as("rms").isBetween(0.001, 0.9);
    }

    @Test
    void shouldLoadTheExportersDirectory() {
        assertThat(engine.name()).isEqualTo("kokoro-82m");
        assertThat(engine.voiceNames()).containsExactly("af_heart", "am_michael", "bf_emma");
        assertThat(engine.license()).isEqualTo("Apache-2.0");
        assertThat(engine.hasDurations()).isTrue();
        assertThat(engine.languages()).containsExactlyInAnyOrder("en", "es", "fr", "hi", "it", "pt");
        assertThat(engine.modelVersion()).startsWith("kokoro-82m/").contains("/espeak-");
    }

    @Test
    void shouldSpeakAPresetAt24kHz() throws SynthesisException {
        assertSpeech(engine.synthesize(TEXT, VoicePreset.PROFESSIONAL, "en"));
    }

    @Test
    void shouldSpeakANamedVoiceAndMixes() throws SynthesisException {
        Pcm heart = engine.synthesizeAll(List.of(TEXT), "af_heart", "en").get(0);
        Pcm mix = engine.synthesizeAll(List.of(TEXT), "af_heart+bf_emma", "en").get(0);
        Pcm weighted = engine.synthesizeAll(List.of(TEXT), "af_heart(2)+bf_emma(1)", "en").get(0);
        assertSpeech(heart);
        assertSpeech(mix);
        assertSpeech(weighted);
        assertThat(mix.samples()).as("a mix is another style").isNotEqualTo(heart.samples());
        assertThat(weighted.samples()).isNotEqualTo(mix.samples());
        assertThat(engine.engine()).isEqualTo(Engine.KOKORO);
        assertThat(engine.voices()).as("announced with the heartbeat").contains("af_heart", "bf_emma");
    }

    @Test
    void shouldSpeakALexiconIpaPronunciationAsGiven() throws SynthesisException {
        assertThat(engine.speaksIpa("ŋwiən", "en")).isTrue();
        assertThat(engine.speaksIpa("ŋwiən", "de")).as("no Kokoro reading of German").isFalse();
        Pcm given = engine.synthesize("Mister " + Directives.phonemeOf("ŋwiən", "win", true) + " spoke.",
                VoicePreset.PROFESSIONAL, "en");
        Pcm alias = engine.synthesize("Mister win spoke.", VoicePreset.PROFESSIONAL, "en");
        assertSpeech(given);
        assertThat(given.samples()).as("the IPA, not the alias, was spoken").isNotEqualTo(alias.samples());
    }

    @Test
    void shouldRefuseAMixPartTheModelLacksNamingIt() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> engine.synthesizeAll(List.of(TEXT), "af_heart+af_nobody", "en").get(0));
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).contains("af_nobody").contains("not a voice of the Kokoro model");
    }

    @Test
    void shouldRefuseLanguagesKokoroCannotSpeakNamingTheEnginesThatCan() {
        SynthesisException german = assertThrows(SynthesisException.class,
                () -> engine.synthesize("Guten Tag.", VoicePreset.PROFESSIONAL, "de"));
        assertThat(german.isPermanent()).isTrue();
        assertThat(german.getMessage()).contains("de").contains("xtts-v2").contains("espeak-ng");
        SynthesisException japanese = assertThrows(SynthesisException.class,
                () -> engine.synthesizeAll(List.of("Hello."), "jf_alpha", "en").get(0));
        assertThat(japanese.isPermanent()).isTrue();
        assertThat(japanese.getMessage()).contains("ja");
    }

    @Test
    void shouldSpeakFasterWithAHigherSpeed() throws IOException, SynthesisException {
        try (KokoroEngine fast = KokoroEngine.load(KokoroTiny.exported(), KokoroTiny.espeak(),
                KokoroTiny.settings("fp32", 1.5))) {
            int normal = engine.synthesize(TEXT, VoicePreset.PROFESSIONAL, "en").samples().length;
            int quick = fast.synthesize(TEXT, VoicePreset.PROFESSIONAL, "en").samples().length;
            assertThat(quick).isLessThan(normal);
            assertThat(fast.modelVersion()).isNotEqualTo(engine.modelVersion());
        }
    }

    @Test
    void shouldSpeakASpanishBriefThroughTheSpanishReading() throws SynthesisException {
        assertSpeech(engine.synthesize("El agua está fría.", VoicePreset.WARM, "es"));
    }

    @Test
    void shouldLoadTheInt8Graph() throws IOException, SynthesisException {
        try (KokoroEngine int8 = KokoroEngine.load(KokoroTiny.exported(), KokoroTiny.espeak(),
                KokoroTiny.settings("int8", 1.0))) {
            assertSpeech(int8.synthesize(TEXT, VoicePreset.PROFESSIONAL, "en"));
            assertThat(int8.modelVersion()).as("another graph, another cache key").isNotEqualTo(engine.modelVersion());
        }
    }

    @Test
    void shouldLoadTheKokoroOnnxReleaseLayout() throws IOException, SynthesisException {
        try (KokoroEngine release = KokoroEngine.load(KokoroTiny.release(), KokoroTiny.espeak(),
                new KokoroEngine.Settings("fp32", 1, 1.0, 510, Map.of("professional", "af_heart", "warm", "bf_emma",
                        "authoritative", "af_heart", "calm", "bf_emma", "friendly", "af_heart")))) {
            assertThat(release.voiceNames()).containsExactly("af_heart", "bf_emma");
            assertThat(release.hasDurations()).isTrue();
            Pcm pcm = release.synthesizeAll(List.of(TEXT), "af_heart", "en").get(0);
            assertSpeech(pcm);
            assertThat(pcm.samples().length).as("the same weights give the same durations")
                    .isEqualTo(engine.synthesizeAll(List.of(TEXT), "af_heart", "en").get(0).samples().length);
        }
    }

    @Test
    void shouldRefuseAFractionalSpeedWhenTheGraphTakesInt32Speed() {
        IOException e = assertThrows(IOException.class, () -> KokoroEngine.load(KokoroTiny.release(),
                KokoroTiny.espeak(), new KokoroEngine.Settings("fp32", 1, 1.25, 510, Map.of("professional", "af_heart",
                        "warm", "bf_emma", "authoritative", "af_heart", "calm", "bf_emma", "friendly", "af_heart"))));
        assertThat(e.getMessage()).contains("kokoro-v1.0.onnx").contains("int32").contains("1.25");
    }

    @Test
    void shouldRefuseInt8WhenTheDirectoryHasNoInt8Graph() {
        IOException e = assertThrows(IOException.class, () -> KokoroEngine.load(KokoroTiny.release(),
                KokoroTiny.espeak(), KokoroTiny.settings("int8", 1.0)));
        assertThat(e.getMessage()).contains("model.int8.onnx").contains("is missing");
    }

    @Test
    void shouldRefuseADefaultPresetVoiceTheModelLacks() {
        IOException e = assertThrows(IOException.class, () -> KokoroEngine.load(KokoroTiny.exported(),
                KokoroTiny.espeak(), new KokoroEngine.Settings("fp32", 1, 1.0, 510, Map.of())));
        assertThat(e.getMessage()).contains("briefaudio.tts.kokoro.presets.").contains("(the default)")
                .contains("af_heart, am_michael, bf_emma");
    }

    @Test
    void shouldRefuseASpeedOutsideTheModelsRange() {
        IOException e = assertThrows(IOException.class, () -> KokoroEngine.load(KokoroTiny.exported(),
                KokoroTiny.espeak(), KokoroTiny.settings("fp32", 3.0)));
        assertThat(e.getMessage()).contains("briefaudio.tts.kokoro.speed=3.0");
    }
}
