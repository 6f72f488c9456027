package io.briefaudio.shared.voices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.voices.KokoroVoiceMix.Part;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KokoroVoiceMixTest {

    @Test
    void shouldParseASingleVoice() {
        KokoroVoiceMix voice = KokoroVoiceMix.parse("kokoro:af_heart");

        assertEquals(List.of(new Part("af_heart", 1)), voice.parts());
        assertTrue(voice.isSingleVoice());
        assertEquals(KokoroLanguage.AMERICAN_ENGLISH, voice.language());
        assertEquals("kokoro:af_heart", voice.id());
    }

    @Test
    void shouldParseAnEvenMix() {
        KokoroVoiceMix mix = KokoroVoiceMix.parse("kokoro:af_bella+af_sky");

        assertEquals(List.of("af_bella", "af_sky"), mix.voiceNames());
        assertArrayEquals(new double[] {0.5, 0.5}, mix.shares(), 1e-12);
        assertFalse(mix.isSingleVoice());
    }

    @Test
    void shouldParseAWeightedMix() {
        KokoroVoiceMix mix = KokoroVoiceMix.parse("kokoro:af_bella(2)+af_sky(1)");

        assertEquals(List.of(new Part("af_bella", 2), new Part("af_sky", 1)), mix.parts());
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0}, mix.shares(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75}, KokoroVoiceMix.parse("kokoro:bf_emma(.5)+am_adam(1.5)").shares(),
                1e-12);
    }

    @Test
    void shouldWriteOneCanonicalId() {
        assertEquals("kokoro:af_bella+af_sky", KokoroVoiceMix.parse("kokoro:af_bella + af_sky").id());
        assertEquals("kokoro:af_bella+af_sky", KokoroVoiceMix.parse("kokoro:af_bella(2)+af_sky(2.0)").id());
        assertEquals("kokoro:af_bella(2.5)+af_sky(1)", KokoroVoiceMix.parse("kokoro:af_bella(2.50)+af_sky").id());
    }

    @Test
    void shouldTakeItsLanguageFromTheFirstVoiceAndAnyTimbreFromTheOthers() {
        assertEquals(KokoroLanguage.BRITISH_ENGLISH, KokoroVoiceMix.parse("kokoro:bf_emma+af_sky").language());
        assertEquals(KokoroLanguage.FRENCH, KokoroVoiceMix.parse("kokoro:ff_siwis+jf_alpha").language());
    }

    @Test
    void shouldNameThePartThatIsNotAVoice() {
        assertBadPart("kokoro:af_bella+", "");
        assertBadPart("kokoro:af_bella++af_sky", "");
        assertBadPart("kokoro:af_bella(x)+af_sky", "af_bella(x)");
        assertBadPart("kokoro:af_bella+af_sky(0)", "af_sky(0)");
        assertBadPart("kokoro:af_bella+af_sky(-1)", "af_sky(-1)");
        assertBadPart("kokoro:af_bella(2", "af_bella(2");
        assertBadPart("kokoro:af_bella+../../etc/passwd", "../../etc/passwd");
        assertBadPart("kokoro:af_bella+xx_other", "xx_other");
        assertBadPart("kokoro:af_bella(1e9)", "af_bella(1e9)");
        assertBadPart("professional", "professional");
    }

    @Test
    void shouldRefuseMoreThanEightParts() {
        String nine = "kokoro:" + String.join("+", List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"));
        assertBadPart(nine, "a9");
        assertEquals(8, KokoroVoiceMix.parse(nine.substring(0, nine.lastIndexOf('+'))).parts().size());
    }

    @Test
    void shouldCallJapaneseAndChineseVoicesAnUnsupportedLanguage() {
        UnsupportedLanguageException ja = assertThrows(UnsupportedLanguageException.class,
                () -> KokoroVoiceMix.parse("kokoro:jf_alpha"));
        assertEquals("ja", ja.language());
        assertEquals(List.of("xtts-v2", "espeak-ng"), ja.enginesThatCan());
        assertTrue(ja.getMessage().contains("xtts-v2"), ja.getMessage());
        assertEquals("zh-cn", assertThrows(UnsupportedLanguageException.class,
                () -> KokoroVoiceMix.parse("kokoro:zm_yunxi+af_sky")).language());
    }

    @Test
    void shouldNameTheFirstPartTheModelDoesNotHave() {
        KokoroVoiceMix mix = KokoroVoiceMix.parse("kokoro:af_bella(2)+af_sky+am_nobody");
        mix.requireAvailable(Set.of("af_bella", "af_sky", "am_nobody"));

        VoiceMixException e = assertThrows(VoiceMixException.class, () -> mix.requireAvailable(Set.of("af_bella")));
        assertEquals("af_sky", e.part());
        assertEquals("kokoro:af_bella(2)+af_sky(1)+am_nobody(1)", e.voice());
        assertTrue(e.getMessage().contains("'af_sky'"), e.getMessage());
    }

    @Test
    void shouldRecogniseKokoroVoiceIds() {
        assertTrue(KokoroVoiceMix.isKokoroVoice("kokoro:af_heart"));
        assertFalse(KokoroVoiceMix.isKokoroVoice("warm"));
        assertFalse(KokoroVoiceMix.isKokoroVoice(null));
    }

    private static void assertBadPart(String voice, String part) {
        VoiceMixException e = assertThrows(VoiceMixException.class, () -> KokoroVoiceMix.parse(voice), voice);
        assertEquals(part, e.part(), e.getMessage());
        assertEquals(voice, e.voice());
    }
}
