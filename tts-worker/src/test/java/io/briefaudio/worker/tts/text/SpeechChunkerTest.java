package io.briefaudio.worker.tts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpeechChunkerTest {

    @Test
    void shouldSplitSentencesAndMarkParagraphPauses() {
        List<SpeechChunk> chunks = SpeechChunker.split("One here. Two there!\n\nThree? Four.", "en", 250);

        assertEquals(List.of(new SpeechChunk("One here.", Pause.SENTENCE), new SpeechChunk("Two there!", Pause.PARAGRAPH),
                new SpeechChunk("Three?", Pause.SENTENCE), new SpeechChunk("Four.", Pause.END)), chunks);
    }

    @Test
    void shouldCutLongSentencesAtClausesUnderTheLimit() {
        String sentence = "The committee met on Tuesday to discuss the budget, which had grown considerably over "
                + "the past year, and after a long debate it decided to postpone the vote until next month.";

        List<SpeechChunk> chunks = SpeechChunker.split(sentence, "en", 100);

        assertEquals("The committee met on Tuesday to discuss the budget, which had grown considerably over the past year,",
                chunks.get(0).text());
        assertEquals(Pause.CLAUSE, chunks.get(0).pauseAfter());
        assertEquals(Pause.END, chunks.get(chunks.size() - 1).pauseAfter());
        assertWithinLimitAndWhole(sentence, chunks, 100);
    }

    @Test
    void shouldNeverCutInsideAWord() {
        String sentence = "Supercalifragilistic expialidocious well-known antidisestablishmentarianism "
                .repeat(12).strip() + ".";

        List<SpeechChunk> chunks = SpeechChunker.split(sentence, "en", 60);

        assertWithinLimitAndWhole(sentence, chunks, 60);
        for (SpeechChunk chunk : chunks) {
            assertTrue(chunk.text().matches("\\S.*\\S"), chunk.text());
            for (String word : chunk.text().split(" ")) {
                assertTrue(sentence.contains(" " + word + " ") || sentence.startsWith(word + " ")
                        || sentence.endsWith(" " + word), "cut word: " + word);
            }
        }
    }

    @Test
    void shouldHonourPerLanguageLimitsForTextWithoutSpaces() {
        String chinese = "今天上午，市场开盘走高，投资者对最新的就业和物价数据表示欢迎。分析人士认为，这一趋势可能会持续到下个月，"
                + "但也有人警告说，全球经济前景仍然存在很大的不确定性，需要密切关注。";

        List<SpeechChunk> chunks = SpeechChunker.split(chinese, "zh-cn", 30);

        assertTrue(chunks.size() >= 3, chunks.toString());
        assertWithinLimitAndWhole(chinese, chunks, 30);
    }

    @Test
    void shouldCutAnOverlongSingleWordOnlyBecauseItMust() {
        String url = "https://example.org/" + "a".repeat(150);

        List<SpeechChunk> chunks = SpeechChunker.split(url, "en", 50);

        assertTrue(chunks.stream().allMatch(c -> c.text().length() <= 50));
        assertEquals(url, chunks.stream().map(SpeechChunk::text).collect(Collectors.joining()));
    }

    @Test
    void shouldDropChunksWithoutWordsButKeepTheirPause() {
        List<SpeechChunk> chunks = SpeechChunker.split("Hello there.\n\n...\n\nNext.\n\n***", "en", 250);

        assertEquals(List.of(new SpeechChunk("Hello there.", Pause.PARAGRAPH), new SpeechChunk("Next.", Pause.END)),
                chunks);
    }

    @Test
    void shouldRejectANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> SpeechChunker.split("Hi.", "en", 0));
    }

    @Test
    void shouldSplitWithinTheXttsLimitsOfEveryLanguage() {
        Map<String, Integer> limits = Map.of("en", 250, "de", 253, "ja", 71, "ko", 95, "hi", 150);
        String text = "This sentence is here to be repeated many times over, so that the text runs long. ".repeat(20);
        limits.forEach((language, limit) -> assertWithinLimitAndWhole(text, SpeechChunker.split(text, language, limit), limit));
    }

    private static void assertWithinLimitAndWhole(String text, List<SpeechChunk> chunks, int limit) {
        for (SpeechChunk chunk : chunks) {
            assertTrue(chunk.text().length() <= limit, chunk.text().length() + " > " + limit + ": " + chunk.text());
        }
        String rejoined = chunks.stream().map(SpeechChunk::text).collect(Collectors.joining(" "));
        assertEquals(text.replaceAll("\\s+", ""), rejoined.replaceAll("\\s+", ""));
    }
}
