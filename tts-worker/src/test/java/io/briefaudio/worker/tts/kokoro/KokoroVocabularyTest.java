package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real Kokoro v1.0 {@code config.json}: hexgrad/Kokoro-82M's, as thewh1teagle/kokoro-onnx @ 2bfb160 ships it. */
class KokoroVocabularyTest {

    static final Path V1_CONFIG = Path.of("src/test/resources/kokoro/config-v1.0.json");

    @Test
    void shouldLoadTheV1Vocabulary() throws IOException {
        KokoroVocabulary vocabulary = KokoroVocabulary.load(V1_CONFIG);

        assertEquals(114, vocabulary.size());
        assertEquals(177, vocabulary.maxId());
        assertArrayEquals(new long[] {0, 16, 123, 92, 17, 23, 24, 0}, vocabulary.inputIds(" ɹɡ\u0303ꭧA"));
    }

    @Test
    void shouldKnowTheIpaLettersNotTheirAsciiLookalikes() throws IOException {
        KokoroVocabulary vocabulary = KokoroVocabulary.load(V1_CONFIG);

        assertTrue(vocabulary.contains('ɡ'));
        assertFalse(vocabulary.contains('g'), "U+0067 g is not the IPA ɡ (U+0261)");
        assertFalse(vocabulary.contains('^'));
        assertFalse(vocabulary.contains('«'));
    }

    @Test
    void shouldDropCharactersOutsideTheVocabulary() throws IOException {
        KokoroVocabulary vocabulary = KokoroVocabulary.load(V1_CONFIG);

        assertEquals("həlˈO, wˈɜɹld!", vocabulary.filter("¡həlˈO^, wˈɜɹld!»😀"));
        assertArrayEquals(new long[] {0, 50, 0}, vocabulary.inputIds("gh"));
        assertArrayEquals(new long[] {0, 0}, vocabulary.inputIds("g"));
    }

    @Test
    void shouldTakeUpTo510PhonemesBetweenTheBoundaries() throws IOException {
        KokoroVocabulary vocabulary = KokoroVocabulary.load(V1_CONFIG);

        long[] ids = vocabulary.inputIds("a".repeat(510));
        assertEquals(512, ids.length);
        assertEquals(0, ids[0]);
        assertEquals(43, ids[1]);
        assertEquals(0, ids[511]);
        assertEquals(512, vocabulary.inputIds("a".repeat(510) + "g").length, "unknown characters do not count");
        assertThrows(IllegalArgumentException.class, () -> vocabulary.inputIds("a".repeat(511)));
    }

    @Test
    void shouldNameTheFileWhenTheConfigHasNoUsableVocabulary(@TempDir Path dir) throws IOException {
        assertRefused(dir, "{\"n_token\": 178}", "no \"vocab\"");
        assertRefused(dir, "{\"vocab\": {\"ab\": 3}}", "\"ab\"");
        assertRefused(dir, "{\"vocab\": {\"a\": 0}}", "positive id");
        assertRefused(dir, "{\"vocab\": {\"a\": \"x\"}}", "positive id");
        assertRefused(dir, "{\"n_token\": 10, \"vocab\": {\"a\": 10}}", "past n_token 10");
        assertRefused(dir, "{\"vocab\": ", "not valid JSON");
        IOException missing = assertThrows(IOException.class, () -> KokoroVocabulary.load(dir.resolve("absent.json")));
        assertTrue(missing.getMessage().contains("absent.json"), missing.getMessage());
    }

    private static void assertRefused(Path dir, String json, String reason) throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), json);
        IOException e = assertThrows(IOException.class, () -> KokoroVocabulary.load(config));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains(reason), e.getMessage());
    }
}
