package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.worker.tts.kokoro.TextPieces.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Words stand for their own phonemes here, so what a chunk holds can be read back as text. */
class PhonemeChunkerTest {

    @Test
    void shouldKeepShortTextInOneChunk() {
        List<PhonemeChunk> chunks = PhonemeChunker.chunk(tokens("Hello, world."), 510);

        assertEquals(1, chunks.size());
        assertEquals("Hello, world.", chunks.get(0).phonemes());
        assertEquals(0, chunks.get(0).sourceStart());
        assertEquals(13, chunks.get(0).sourceEnd());
    }

    @Test
    void shouldCutAfterTheLastSentenceMarkBeforeAnyClauseMark() {
        String text = "aaa bbb. ccc; ddd, eee fff ggg";
        assertEquals(List.of("aaa bbb.", "ccc; ddd, eee fff ggg"), phonemes(text, 24));
    }

    @Test
    void shouldCutAtAClauseMarkWhenNoSentenceEnds() {
        assertEquals(List.of("aaa, bbb: ccc;", "ddd, eee fff"), phonemes("aaa, bbb: ccc; ddd, eee fff", 20));
    }

    @Test
    void shouldCutAtACommaOrDashWhenNothingStronger() {
        assertEquals(List.of("aaa bbb —", "ccc ddd, eee"), phonemes("aaa bbb - ccc ddd, eee", 15));
    }

    @Test
    void shouldCutBetweenWordsWhenThereIsNoPunctuation() {
        assertEquals(List.of("aaa bbb ccc", "ddd eee"), phonemes("aaa bbb ccc ddd eee", 12));
    }

    @Test
    void shouldKeepAMarkWithItsWordWhenCuttingBetweenWords() {
        assertEquals(List.of("aaa bbb", "ccc, ddd"), phonemes("aaa bbb ccc, ddd", 11));
    }

    @Test
    void shouldTakeAClosingParenthesisOrQuoteAlong() {
        assertEquals(List.of("aaa (bbb.)", "ccc ddd eee"), phonemes("aaa (bbb.) ccc ddd eee", 14));
        assertEquals(List.of("aaa “bbb!”", "ccc ddd eee"), phonemes("aaa \"bbb!\" ccc ddd eee", 14));
    }

    @Test
    void shouldPreferAWeakerMarkWhenWhatFollowsTheSentenceEndWouldNotFit() {
        // After "a." the rest with the next word (22 phonemes) would not fit in 20; after the comma it does.
        assertEquals(List.of("a. bbbbbbbbb,", "cc dddddddd"), phonemes("a. bbbbbbbbb, cc dddddddd", 20));
    }

    @Test
    void shouldEndAChunkAtEveryParagraph() {
        assertEquals(List.of("aaa bbb", "ccc."), phonemes("aaa bbb\n\nccc.", 510));
    }

    @Test
    void shouldCutAWordLongerThanTheCapIntoPiecesOfItsOwn() {
        String word = "x".repeat(25);
        List<PhonemeChunk> chunks = PhonemeChunker.chunk(tokens("aa " + word + " bb"), 10);

        assertEquals(List.of("aa", "x".repeat(10), "x".repeat(10), "x".repeat(5), "bb"),
                chunks.stream().map(PhonemeChunk::phonemes).toList());
        assertEquals(3, chunks.get(1).sourceStart());
        assertEquals(28, chunks.get(3).sourceEnd());
    }

    @Test
    void shouldNeverPassTheCapNorLoseAWordNorReorderThem() {
        StringBuilder text = new StringBuilder();
        String[] marks = {"", "", "", ",", "", ".", "", ";", "", "", "!", ""};
        for (int i = 0; i < 400; i++) {
            text.append("w").append(i).append(marks[i % marks.length]).append(' ');
        }
        for (int cap : new int[] {20, 64, 250, 510}) {
            List<PhonemeChunk> chunks = PhonemeChunker.chunk(tokens(text.toString()), cap);

            assertTrue(chunks.stream().allMatch(c -> c.phonemeCount() <= cap), "cap " + cap);
            assertEquals(text.toString().strip(), chunks.stream().map(PhonemeChunk::phonemes)
                    .collect(Collectors.joining(" ")), "cap " + cap);
        }
    }

    @Test
    void shouldMapEverySpanBackToItsWord() {
        String text = "One (two), three four.\n\nFive six.";
        for (PhonemeChunk chunk : PhonemeChunker.chunk(tokens(text), 12)) {
            for (PhonemeSpan span : chunk.spans()) {
                assertEquals(text.substring(span.sourceStart(), span.sourceEnd()),
                        chunk.phonemes().substring(span.phonemeStart(), span.phonemeEnd()));
            }
            assertEquals(text.substring(chunk.sourceStart(), chunk.sourceEnd()).replace("\n\n", " "),
                    chunk.phonemes());
        }
    }

    @Test
    void shouldDropTokensWithoutPhonemesButKeepTheSpaceAfterThem() {
        List<PhonemeToken> tokens = new ArrayList<>(List.of(
                new PhonemeToken("ola", 0, 4, false, false, false),
                new PhonemeToken("", 4, 5, true, true, false),
                new PhonemeToken("ke", 5, 8, false, false, false)));
        assertEquals("ola ke", PhonemeChunker.chunk(tokens, 510).get(0).phonemes());
    }

    @Test
    void shouldRefuseACapTheModelCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> PhonemeChunker.chunk(tokens("a"), 511));
        assertThrows(IllegalArgumentException.class, () -> PhonemeChunker.chunk(tokens("a"), 0));
    }

    private static List<String> phonemes(String text, int cap) {
        return PhonemeChunker.chunk(tokens(text), cap).stream().map(PhonemeChunk::phonemes).toList();
    }

    /** One token per word and mark of the text, each word "pronounced" as written. */
    static List<PhonemeToken> tokens(String text) {
        List<PhonemeToken> tokens = new ArrayList<>();
        for (Piece piece : TextPieces.split(text)) {
            if (piece.punctuation()) {
                tokens.add(new PhonemeToken(piece.text(), piece.start(), piece.end(), true, piece.spaceAfter(),
                        piece.paragraphAfter()));
                continue;
            }
            String[] words = piece.text().split(" ");
            int at = piece.start();
            for (int i = 0; i < words.length; i++) {
                boolean last = i == words.length - 1;
                tokens.add(new PhonemeToken(words[i], at, at + words[i].length(), false,
                        !last || piece.spaceAfter(), last && piece.paragraphAfter()));
                at += words[i].length() + 1;
            }
        }
        return tokens;
    }
}
