package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.text.Directives;
import io.briefaudio.worker.tts.text.TextPreparer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole front end with the real espeak-ng and the real v1.0 vocabulary. The cases follow hexgrad/kokoro's
 * {@code kokoro.js/tests/phonemize.test.js}, with our own text preparation in front and misaki's phones out.
 * Expected strings were checked against misaki's gold lexicons where it has the word; eSpeak NG versions differ
 * in where they put stress, so stress marks are compared apart from the phones.
 */
class KokoroPhonemizerTest {

    private static KokoroPhonemizer phonemizer;
    private static KokoroVocabulary vocabulary;

    @BeforeAll
    static void load() throws IOException {
        vocabulary = KokoroVocabulary.load(KokoroVocabularyTest.V1_CONFIG);
        phonemizer = new KokoroPhonemizer(new EspeakProgram("espeak-ng", Duration.ofSeconds(30)), vocabulary);
    }

    @Test
    void shouldSpeakAmericanEnglishInMisakisPhones() throws SynthesisException {
        assertPhonemes(KokoroLanguage.AMERICAN_ENGLISH, Map.ofEntries(
                Map.entry("‘Hello’", "həlˈO"),
                Map.entry("‘Test’ and ‘Example’", "tˈɛst ænd ɛɡzˈæmpᵊl"),
                Map.entry("Hello   World", "həlˈO wˈɜɹld"),
                Map.entry("Dr. Smith", "dˈɑktəɹ smˈɪθ"),
                Map.entry("Mr. Smith", "mˈɪstəɹ smˈɪθ"),
                Map.entry("1990", "nˈIntin nˈInti"),
                Map.entry("$100", "wˈʌn hˈʌndɹɪd dˈɑləɹz"),
                Map.entry("£1.50", "wˈʌn pˈWnd ænd fˈɪfti pˈɛns"),
                Map.entry("12.34", "twˈɛlv pˈYnt θɹˈi fˈɔɹ"),
                Map.entry("Cat's tail", "kˈæts tˈAl"),
                Map.entry("The water in the bottle.", "ðə wˈɔTəɹ ɪnðə bˈɑTᵊl.")));
    }

    @Test
    void shouldSpeakALexiconPronunciationAsGivenAndTheWordsAroundItThroughEspeak() throws SynthesisException {
        String text = "Mister " + Directives.phonemeOf("ŋwiən", "win", true) + " spoke.";
        String phonemes = phonemizer.phonemes(text, KokoroLanguage.AMERICAN_ENGLISH);
        assertTrue(phonemes.contains(" ŋwiən "), phonemes);
        assertTrue(phonemes.startsWith(phonemizer.phonemes("Mister", KokoroLanguage.AMERICAN_ENGLISH)), phonemes);
        assertTrue(phonemes.endsWith(phonemizer.phonemes("spoke.", KokoroLanguage.AMERICAN_ENGLISH)), phonemes);
        assertTrue(phonemizer.speaksIpa("ŋwiən", KokoroLanguage.AMERICAN_ENGLISH));
        assertTrue(!phonemizer.speaksIpa("ʘʘ", KokoroLanguage.AMERICAN_ENGLISH), "a click is no phone of the model");

        List<PhonemeChunk> chunks = phonemizer.phonemize(text, KokoroLanguage.AMERICAN_ENGLISH, 510);
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).phonemes().contains("ŋwiən"), chunks.get(0).phonemes());
    }

    @Test
    void shouldSpeakBritishEnglishInMisakisPhones() throws SynthesisException {
        assertPhonemes(KokoroLanguage.BRITISH_ENGLISH, Map.ofEntries(
                Map.entry("‘Hello’", "həlˈQ"),
                Map.entry("Hello World", "həlˈQ wˈɜːld"),
                Map.entry("Dr. Smith", "dˈɒktə smˈɪθ"),
                Map.entry("1990", "nˈIntiːn nˈInti"),
                Map.entry("The square hair is there, nearly here.", "ðə skwˈɛː hˈɛːɹ ɪz ðˈɛː, nˌɪəli hˈɪə."),
                Map.entry("The water in the bottle.", "ðə wˈɔːtəɹ ɪnðə bˈɒtᵊl.")));
    }

    @Test
    void shouldKeepPunctuationQuotesAndParentheses() throws SynthesisException {
        assertPhonemes(KokoroLanguage.AMERICAN_ENGLISH, Map.ofEntries(
                Map.entry("«Bonjour»", "“bɔnʒˈʊɹ”"),
                Map.entry("(Hello)", "(həlˈO)"),
                Map.entry("(Nested (Parentheses))", "(nˈɛstᵻd (pəɹˈɛnθəsˌiz))"),
                Map.entry("Apples, etc. Pears.", "ˈæpᵊlz, ˈɛt sˈɛTəɹə. pˈɛɹz."),
                Map.entry("Wait - what?! Fine…", "wˈAt — wˈʌt?! fˈIn...")));
    }

    @Test
    void shouldSpeakSpanishAndFrenchWithTheirTiedSoundsAsSingleLetters() throws SynthesisException {
        assertEquals(strip("kˈe tˈal? el nˈiɲo komjˈo ˈuna manθˈana, i ðespwˈes se fwˈe."), strip(phonemes(
                "¿Qué tal? El niño comió una manzana, y después se fue.", "es", KokoroLanguage.SPANISH)));
        assertEquals(strip("tˈɛŋɡo βˌAntiθˈinko ˈaɲos."), strip(phonemes("Tengo 25 años.", "es", KokoroLanguage.SPANISH)));
        assertEquals(strip("bɔ̃ʒˈuʁ, ʒə mapˈɛl ʒˈɑ̃. sɛ lə wiːkˈɛnd."), strip(phonemes(
                "Bonjour, je m'appelle Jean. C'est le weekend.", "fr", KokoroLanguage.FRENCH)));
    }

    @Test
    void shouldKeepHindiFullStops() throws SynthesisException {
        String ipa = phonemes("मेरा नाम राम है। आप कैसे हैं?", "hi", KokoroLanguage.HINDI);
        assertTrue(ipa.matches("[^.?]+\\. [^.?]+\\?"), ipa);
    }

    @Test
    void shouldLeaveOnlyVocabularyCharacters() throws SynthesisException {
        for (KokoroLanguage language : KokoroLanguage.values()) {
            String ipa = phonemes("¡Hola! «Bonjour», hello (world) – naïve café, 2024; Ελλάδα 😀.",
                    language.briefLanguage(), language);
            assertTrue(!ipa.isEmpty() && ipa.equals(vocabulary.filter(ipa)), language + ": " + ipa);
            assertTrue(!ipa.contains("^") && !ipa.contains("  "), language + ": " + ipa);
        }
    }

    @Test
    void shouldMapEachWordBackToTheText() throws SynthesisException {
        String text = "Markets rose today, and bonds fell.";
        PhonemeChunk chunk = phonemizer.phonemize(text, KokoroLanguage.AMERICAN_ENGLISH, 510).get(0);

        assertEquals(List.of("Markets", "rose", "today", ",", "and", "bonds", "fell", "."),
                chunk.spans().stream().map(s -> text.substring(s.sourceStart(), s.sourceEnd())).toList());
        assertEquals(List.of("mˈɑɹkɪts", "ɹˈOz", "tədˈA", ",", "ænd", "bˈɑndz", "fˈɛl", "."), chunk.spans().stream()
                .map(s -> chunk.phonemes().substring(s.phonemeStart(), s.phonemeEnd())).toList());
        assertEquals(0, chunk.sourceStart());
        assertEquals(text.length(), chunk.sourceEnd());
        assertEquals(chunk.phonemeCount() - 1, chunk.styleRow());
    }

    @Test
    void shouldKeepWordsEspeakJoinsOrMaySplitAsOneSpan() throws SynthesisException {
        for (String text : List.of("It is in the house", "Stay in the ice-cold water")) {
            PhonemeChunk chunk = phonemizer.phonemize(text, KokoroLanguage.AMERICAN_ENGLISH, 510).get(0);

            assertEquals(1, chunk.spans().size(), chunk.spans().toString());
            PhonemeSpan span = chunk.spans().get(0);
            assertEquals(text, text.substring(span.sourceStart(), span.sourceEnd()));
            assertEquals(chunk.phonemes(), chunk.phonemes().substring(span.phonemeStart(), span.phonemeEnd()));
        }
    }

    @Test
    void shouldCutLongTextAtSentencesElseClausesWithinTheCapLosingNoWord() throws SynthesisException {
        String text = TextPreparer.prepare("""
                Markets rose on Monday after the central bank held rates, and investors cheered. Oil fell 2%.
                The city council voted to expand the tram network; work starts in 2026 and should last three years.
                Meanwhile, the weather service warned of storms (some severe) across the north. Schools stay open!
                """.repeat(4), "en");

        for (int cap : new int[] {100, 250, 510}) {
            List<PhonemeChunk> chunks = phonemizer.phonemize(text, KokoroLanguage.AMERICAN_ENGLISH, cap);

            assertTrue(chunks.size() > 1, "cap " + cap);
            assertTrue(chunks.stream().allMatch(c -> c.phonemeCount() <= cap), "cap " + cap);
            assertEquals(phonemizer.phonemes(text, KokoroLanguage.AMERICAN_ENGLISH),
                    chunks.stream().map(PhonemeChunk::phonemes).collect(Collectors.joining(" ")), "cap " + cap);
            // At 100 phonemes some sentences must be cut, and then at a clause; longer caps end sentences.
            String ends = cap == 100 ? ".*[.!?);:,—]" : ".*[.!?)]";
            for (PhonemeChunk chunk : chunks.subList(0, chunks.size() - 1)) {
                assertTrue(chunk.phonemes().matches(ends), "cap " + cap + " cut at a word: " + chunk.phonemes());
            }
            for (int i = 1; i < chunks.size(); i++) {
                assertTrue(chunks.get(i).sourceStart() >= chunks.get(i - 1).sourceEnd());
            }
        }
    }

    @Test
    void shouldStartANewChunkForEveryParagraph() throws SynthesisException {
        String text = TextPreparer.prepare("First paragraph here\n\nSecond one here.", "en");
        List<PhonemeChunk> chunks = phonemizer.phonemize(text, KokoroLanguage.AMERICAN_ENGLISH, 510);

        assertEquals(2, chunks.size());
        assertEquals("First paragraph here", text.substring(chunks.get(0).sourceStart(), chunks.get(0).sourceEnd()));
        assertEquals("Second one here.", text.substring(chunks.get(1).sourceStart(), chunks.get(1).sourceEnd()));
    }

    @Test
    void shouldSayNothingForTextWithoutWords() throws SynthesisException {
        assertEquals(List.of(), phonemizer.phonemize("", KokoroLanguage.AMERICAN_ENGLISH, 510));
        assertEquals(List.of(), phonemizer.phonemize("😀 …", KokoroLanguage.AMERICAN_ENGLISH, 510).stream()
                .filter(c -> c.phonemes().chars().anyMatch(Character::isLetter)).toList());
    }

    private static void assertPhonemes(KokoroLanguage language, Map<String, String> cases) throws SynthesisException {
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String actual = phonemes(c.getKey(), "en", language);
            assertEquals(strip(c.getValue()), strip(actual), c.getKey() + " → " + actual);
            assertTrue(actual.contains("ˈ"), "stress is kept: " + actual);
        }
    }

    private static String phonemes(String text, String briefLanguage, KokoroLanguage language)
            throws SynthesisException {
        return phonemizer.phonemes(TextPreparer.prepare(text, briefLanguage), language);
    }

    /** eSpeak NG versions move stress marks around; the phones are what must match. */
    private static String strip(String phonemes) {
        return phonemes.replace("ˈ", "").replace("ˌ", "");
    }
}
