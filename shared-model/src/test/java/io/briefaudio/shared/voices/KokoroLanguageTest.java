package io.briefaudio.shared.voices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KokoroLanguageTest {

    @Test
    void shouldTellAVoicesLanguageByItsFirstLetter() {
        assertEquals(KokoroLanguage.AMERICAN_ENGLISH, KokoroLanguage.ofVoice("af_heart"));
        assertEquals(KokoroLanguage.BRITISH_ENGLISH, KokoroLanguage.ofVoice("bm_george"));
        assertEquals(KokoroLanguage.SPANISH, KokoroLanguage.ofVoice("ef_dora"));
        assertEquals(KokoroLanguage.FRENCH, KokoroLanguage.ofVoice("ff_siwis"));
        assertEquals(KokoroLanguage.HINDI, KokoroLanguage.ofVoice("hm_omega"));
        assertEquals(KokoroLanguage.ITALIAN, KokoroLanguage.ofVoice("im_nicola"));
        assertEquals(KokoroLanguage.BRAZILIAN_PORTUGUESE, KokoroLanguage.ofVoice("pm_alex"));
        assertEquals("fr-fr", KokoroLanguage.FRENCH.espeakVoice());
        assertEquals("pt-br", KokoroLanguage.BRAZILIAN_PORTUGUESE.espeakVoice());
        assertEquals("en-gb", KokoroLanguage.BRITISH_ENGLISH.espeakVoice());
    }

    @Test
    void shouldRefuseJapaneseAndChineseAsUnsupported() {
        assertEquals("ja", assertThrows(UnsupportedLanguageException.class,
                () -> KokoroLanguage.ofVoice("jf_alpha")).language());
        assertEquals("zh-cn", assertThrows(UnsupportedLanguageException.class,
                () -> KokoroLanguage.ofVoice("zf_xiaobei")).language());
        assertThrows(IllegalArgumentException.class, () -> KokoroLanguage.ofVoice("narrator"));
    }

    @Test
    void shouldReadABriefInItsOwnLanguageWithTheVoicesEnglishAccent() {
        assertEquals(KokoroLanguage.BRITISH_ENGLISH, KokoroLanguage.forBrief("en", KokoroLanguage.BRITISH_ENGLISH));
        assertEquals(KokoroLanguage.AMERICAN_ENGLISH, KokoroLanguage.forBrief("en", KokoroLanguage.FRENCH));
        assertEquals(KokoroLanguage.SPANISH, KokoroLanguage.forBrief("es", KokoroLanguage.AMERICAN_ENGLISH));
    }

    @Test
    void shouldNameTheEnginesThatSpeakALanguageKokoroDoesNot() {
        UnsupportedLanguageException e = assertThrows(UnsupportedLanguageException.class,
                () -> KokoroLanguage.forBrief("de", KokoroLanguage.AMERICAN_ENGLISH));
        assertEquals("de", e.language());
        assertEquals("kokoro", e.engine());
        assertTrue(e.getMessage().contains("xtts-v2 and espeak-ng"), e.getMessage());
        assertEquals(Set.of("en", "es", "fr", "hi", "it", "pt"), KokoroLanguage.BRIEF_LANGUAGES);
        assertTrue(Languages.SUPPORTED.containsAll(KokoroLanguage.BRIEF_LANGUAGES));
    }
}
