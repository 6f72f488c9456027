package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The mapping rules on IPA written as eSpeak NG writes it with {@code --tie=^}; no process runs. */
class EspeakToMisakiTest {

    @Test
    void shouldTurnTiedDiphthongsAndAffricatesIntoMisakisSingleLetters() {
        assertEquals("I W A Y ʤ ʧ", EspeakToMisaki.english("a^ɪ a^ʊ e^ɪ ɔ^ɪ d^ʒ t^ʃ", false));
        assertEquals("bˈIk ʧˈɜɹʧ ʤˈʌʤ", EspeakToMisaki.english("bˈa^ɪk t^ʃˈɜːt^ʃ d^ʒˈʌd^ʒ", false));
    }

    @Test
    void shouldWriteAmericanGoatAndNurseAndDropLength() {
        assertEquals("həlˈO wˈɜɹld", EspeakToMisaki.english("həlˈo^ʊ wˈɜːld", false));
        assertEquals("bˈɜɹd fˈi", EspeakToMisaki.english("bˈɜːd fˈiː", false));
    }

    @Test
    void shouldWriteBritishGoatAsQAndKeepLength() {
        assertEquals("həlˈQ wˈɜːld", EspeakToMisaki.english("həlˈə^ʊ wˈɜːld", true));
    }

    @Test
    void shouldWriteBritishSquareAndNearVowelsAsMisakisLexiconDoes() {
        assertEquals("skwˈɛː hˈɪə", EspeakToMisaki.english("skwˈe^ə hˈi^ə", true));
    }

    @Test
    void shouldMarkTheAmericanFlapAsTAndTheGlottalStopAsT() {
        assertEquals("wˈɔTəɹ", EspeakToMisaki.english("wˈɔːɾɚ", false));
        assertEquals("bˈʌtn", EspeakToMisaki.english("bˈʌʔn\u0329", false));
    }

    @Test
    void shouldReadRColouredSchwaAsSchwaRAndALinkingROnlyOnce() {
        assertEquals("fˈɑðəɹ", EspeakToMisaki.english("fˈɑːðɚ", false));
        assertEquals("pəɹˈɛnθəsˌiz", EspeakToMisaki.english("pɚɹˈɛnθəsˌiːz", false));
    }

    @Test
    void shouldPutSyllabicConsonantsAfterASmallSchwa() {
        assertEquals("bˈɑTᵊl", EspeakToMisaki.english("bˈɑːɾə^l", false));
        assertEquals("bˈʌTᵊn", EspeakToMisaki.english("bˈʌɾn\u0329", false));
    }

    @Test
    void shouldReplaceSoundsKokoroHasNoEnglishPhoneFor() {
        assertEquals("ɹ k k ə l", EspeakToMisaki.english("r x ç ɐ ɬ", false));
        assertEquals("ɔ", EspeakToMisaki.english("o", false));
        assertEquals("jɔ jə n", EspeakToMisaki.english("ʲo ʲə nʲ", false));
        assertEquals("A", EspeakToMisaki.english("e", false));
        assertEquals("ɑ", EspeakToMisaki.english("ɑ\u0303", false));
    }

    @Test
    void shouldMapOnlyTiedPairsForOtherLanguages() {
        assertEquals("bɔ̃ʒˈuʁ", EspeakToMisaki.plain("bɔ̃ʒˈuʁ"));
        assertEquals("I W ʣ ʤ A O Q S ʦ ʧ Y", EspeakToMisaki.plain("a^ɪ a^ʊ d^z d^ʒ e^ɪ o^ʊ ə^ʊ s^s t^s t^ʃ ɔ^ɪ"));
        assertEquals("ˈeʎo ɾ x", EspeakToMisaki.plain("ˈeʎo ɾ x"));
    }

    @Test
    void shouldRemoveLeftoverTiesAndHyphens() {
        assertEquals("ab", EspeakToMisaki.plain("a^b"));
        assertEquals("ʊə", EspeakToMisaki.english("ʊ^ə", true));
        assertEquals("vɛ̃tsɛ̃k", EspeakToMisaki.plain("vɛ̃t-sɛ̃k"));
    }
}
