package io.briefaudio.worker.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.voices.Languages;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.EngineUnavailableException;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.AudioProbe;
import io.briefaudio.worker.tts.audio.Pcm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real espeak-ng program. */
class EspeakEngineTest {

    private static EspeakEngine engine;

    @BeforeAll
    static void loadEngine() {
        engine = new EspeakEngine("espeak-ng", Duration.ofSeconds(30));
    }

    @Test
    void shouldReportNameAndVersion() {
        assertEquals("espeak-ng", engine.name());
        assertTrue(engine.modelVersion().matches("\\d+\\.\\d+(\\.\\d+)?/presets-\\d+"), engine.modelVersion());
    }

    @Test
    void shouldProduceSpeechLikeAudio() throws SynthesisException {
        Pcm pcm = engine.synthesize("The quick brown fox jumps over the lazy dog.", VoicePreset.PROFESSIONAL, "en");

        assertEquals(22050, pcm.sampleRate());
        assertTrue(pcm.durationMillis() > 1500 && pcm.durationMillis() < 5000, "duration " + pcm.durationMillis());
        assertTrue(AudioProbe.voicedFraction(pcm) > 0.5, "voiced " + AudioProbe.voicedFraction(pcm));
        double pitch = AudioProbe.medianPitchHz(pcm);
        assertTrue(pitch > 70 && pitch < 300, "pitch " + pitch);
    }

    @Test
    void shouldTakeLongerForLongerText() throws SynthesisException {
        long shortText = engine.synthesize("Good morning.", VoicePreset.CALM, "en").durationMillis();
        long longText = engine.synthesize("Good morning. Here is the news for today, with markets, weather and sport.",
                VoicePreset.CALM, "en").durationMillis();

        assertTrue(longText > 3 * shortText, shortText + " ms vs " + longText + " ms");
    }

    @Test
    void shouldSpeakEverySupportedLanguage() throws SynthesisException {
        for (String language : Languages.SUPPORTED) {
            Pcm pcm = engine.synthesize("1 2 3", VoicePreset.WARM, language);
            assertTrue(AudioProbe.voicedFraction(pcm) > 0.3, language);
        }
        assertEquals(Languages.SUPPORTED.size(), engine.languages().size());
    }

    @Test
    void shouldMakeFiveAudiblyDifferentPresets() throws SynthesisException {
        String text = "Markets opened higher this morning as investors welcomed the latest figures on jobs and prices.";
        Map<VoicePreset, double[]> measured = new EnumMap<>(VoicePreset.class);
        for (VoicePreset preset : VoicePreset.values()) {
            Pcm pcm = engine.synthesize(text, preset, "en");
            measured.put(preset, new double[] {AudioProbe.medianPitchHz(pcm), pcm.durationMillis()});
            System.out.printf("preset %-13s pitch %5.1f Hz, %d ms%n", preset.id(), measured.get(preset)[0],
                    pcm.durationMillis());
        }
        for (VoicePreset a : VoicePreset.values()) {
            for (VoicePreset b : VoicePreset.values()) {
                if (a.ordinal() < b.ordinal()) {
                    double pitchRatio = ratio(measured.get(a)[0], measured.get(b)[0]);
                    double durationRatio = ratio(measured.get(a)[1], measured.get(b)[1]);
                    assertTrue(pitchRatio > 1.12 || (pitchRatio > 1.05 && durationRatio > 1.08),
                            a + " and " + b + " sound alike: pitch ratio " + pitchRatio + ", duration ratio " + durationRatio);
                }
            }
        }
    }

    @Test
    void shouldRefuseUnknownLanguagePermanently() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> engine.synthesize("Hello", VoicePreset.WARM, "xx"));
        assertTrue(e.isPermanent());
    }

    @Test
    void shouldNameThePackageWhenTheProgramIsMissing() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> new EspeakEngine("/nonexistent/espeak-ng", Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("espeak-ng package"), e.getMessage());
    }

    @Test
    void shouldSpeakOptionLikeTextInsteadOfObeyingIt(@TempDir Path dir) throws SynthesisException {
        Path target = dir.resolve("x.wav");
        String attack = "-w " + target + "\n--stdout -v de --help\n\"quoted\" 'line'\n-m <speak>hi</speak>\u0001 5S [[h@l'oU]]";

        Pcm pcm = engine.synthesize(attack, VoicePreset.FRIENDLY, "en");

        assertFalse(Files.exists(target), "espeak-ng obeyed -w from the text");
        assertTrue(pcm.durationMillis() > 3000, "the text should be spoken, was " + pcm.durationMillis() + " ms");
    }

    @Test
    void shouldNeitherSpeakPhonemeInputNorControlCharacters() {
        assertEquals("((h@l'oU)) beep", EspeakProgram.sanitize("[[h@l'oU]]\n\u0007beep\u0000"));
    }

    private static double ratio(double x, double y) {
        return Math.max(x, y) / Math.min(x, y);
    }
}
