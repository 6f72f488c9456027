package io.briefaudio.shared.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.voices.Languages;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void shouldLetEspeakAndXttsSpeakEveryBriefLanguage() {
        for (String language : Languages.SUPPORTED) {
            assertTrue(Engine.ESPEAK.speaks(language), language);
            assertTrue(Engine.XTTS.speaks(language), language);
        }
    }

    @Test
    void shouldLetKokoroSpeakOnlyTheLanguagesOfItsFrontEnd() {
        for (String language : List.of("en", "es", "fr", "hi", "it", "pt")) {
            assertTrue(Engine.KOKORO.speaks(language), language);
        }
        for (String language : List.of("ja", "zh-cn", "de", "ko", "ru", "ar")) {
            assertFalse(Engine.KOKORO.speaks(language), language);
        }
    }

    @Test
    void shouldNameTheEnginesThatSpeakALanguage() {
        assertEquals(List.of("espeak", "xtts"), Engine.speaking("ja"));
        assertEquals(List.of("espeak", "xtts", "kokoro"), Engine.speaking("fr"));
        assertEquals(List.of(), Engine.speaking("tlh"));
    }
}
