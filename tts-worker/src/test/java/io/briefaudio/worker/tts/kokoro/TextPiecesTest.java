package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.worker.tts.kokoro.TextPieces.Piece;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextPiecesTest {

    @Test
    void shouldSplitWordRunsFromEachPunctuationMark() {
        assertEquals("[Hello] , [world] . . . [Fine] ! ?", shown("Hello, world... Fine!?"));
    }

    @Test
    void shouldKeepEachPiecesRangeInTheText() {
        String text = "Oh,  (well) yes.";
        for (Piece piece : TextPieces.split(text)) {
            String source = text.substring(piece.start(), piece.end());
            assertEquals(piece.punctuation() ? source.length() : piece.text().length(), piece.end() - piece.start());
            if (!piece.punctuation()) {
                assertEquals(piece.text(), source);
            }
        }
        List<Piece> pieces = TextPieces.split(text);
        assertTrue(pieces.get(1).spaceAfter(), "two spaces after the comma");
        assertFalse(pieces.get(2).spaceAfter(), "none after the opening parenthesis");
    }

    @Test
    void shouldLeavePunctuationInsideWordsAndNumbersToEspeak() {
        assertEquals("[see example.com at 10:30] , [U.S.A] .", shown("see example.com at 10:30, U.S.A."));
        assertEquals("[a well-known fact]", shown("a well-known fact"));
    }

    @Test
    void shouldReadAHyphenBetweenSpacesAndAnEnDashAsADash() {
        assertEquals("[this] — [that] — [other]", shown("this - that – other"));
    }

    @Test
    void shouldCurlStraightQuotesByPosition() {
        assertEquals("[He said] “ [stop] . ” “ ( [no] ) ”", shown("He said \"stop.\" \"(no)\""));
        assertEquals("“ [Bonjour] ”", shown("«Bonjour»"));
    }

    @Test
    void shouldReadHindiFullStopsAsFullStops() {
        assertEquals("[राम है] . [आप]", shown("राम है। आप"));
    }

    @Test
    void shouldMarkTheEndOfAParagraph() {
        List<Piece> pieces = TextPieces.split("One two\n\nthree.");
        assertEquals(3, pieces.size());
        assertEquals("One two", pieces.get(0).text());
        assertTrue(pieces.get(0).paragraphAfter());
        assertFalse(pieces.get(1).paragraphAfter());
    }

    @Test
    void shouldCutVeryLongRunsAtSpacesKeepingEveryWord() {
        String text = "word ".repeat(200).strip();
        List<Piece> pieces = TextPieces.split(text);

        assertTrue(pieces.size() > 1);
        assertTrue(pieces.stream().allMatch(p -> p.text().length() <= TextPieces.MAX_WORDS_CHARS));
        assertEquals(text, pieces.stream().map(Piece::text).collect(Collectors.joining(" ")));
        assertEquals(0, pieces.get(0).start());
        assertEquals(text.length(), pieces.get(pieces.size() - 1).end());
    }

    private static String shown(String text) {
        return TextPieces.split(text).stream().map(p -> p.punctuation() ? p.text() : "[" + p.text() + "]")
                .collect(Collectors.joining(" "));
    }
}
