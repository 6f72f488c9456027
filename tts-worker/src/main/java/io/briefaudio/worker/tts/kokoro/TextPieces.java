package io.briefaudio.worker.tts.kokoro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cuts prepared text into runs of words, for eSpeak NG to read, and single punctuation marks, which Kokoro
 * reads itself: eSpeak NG drops punctuation from its IPA, yet the model was trained with it and pauses for
 * it. Every piece keeps its character range in the text.
 */
final class TextPieces {

    /** A run of words, or one punctuation mark as the phoneme Kokoro knows it by. */
    record Piece(boolean punctuation, String text, int start, int end, boolean spaceAfter, boolean paragraphAfter) {
    }

    /** eSpeak NG gets word runs up to about this long; longer ones it would cut into clauses of its own. */
    static final int MAX_WORDS_CHARS = 300;

    /** The marks misaki keeps (and Kokoro's vocabulary has), and others that stand for one of them. */
    private static final String MARKS = ";:,.!?—…\"“”()¡¿«»–।॥";
    private static final Map<Character, String> AS_PHONEME = Map.of(
            '«', "“", '»', "”", '–', "—", '।', ".", '॥', ".");
    /** Inside a word or number these are not punctuation: example.com, U.S.A, 10:30. */
    private static final String JOINERS = ".,:";

    private TextPieces() {
    }

    static List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        int i = skipSpace(text, 0);
        while (i < text.length()) {
            int end;
            String phoneme;
            if (isMark(text, i)) {
                end = i + 1;
                phoneme = markPhoneme(text, i);
            } else {
                end = wordsEnd(text, i);
                phoneme = null;
            }
            int next = skipSpace(text, end);
            boolean paragraph = text.substring(end, next).indexOf('\n') >= 0;
            if (phoneme != null) {
                pieces.add(new Piece(true, phoneme, i, end, next > end, paragraph));
            } else {
                addWords(pieces, text, i, end, next > end, paragraph);
            }
            i = next;
        }
        return pieces;
    }

    private static boolean isMark(String text, int i) {
        char c = text.charAt(i);
        if (c == '-') {
            // A hyphen standing alone between spaces is a dash; in "well-known" it joins.
            return (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
        }
        if (MARKS.indexOf(c) < 0) {
            return false;
        }
        boolean joiner = JOINERS.indexOf(c) >= 0 && i > 0 && i + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1));
        return !joiner;
    }

    /** Straight quotes become the curly ones misaki writes: opening after a space or bracket, else closing. */
    private static String markPhoneme(String text, int i) {
        char c = text.charAt(i);
        if (c == '-') {
            return "—";
        }
        if (c == '"') {
            boolean opening = i == 0 || Character.isWhitespace(text.charAt(i - 1)) || "(“—".indexOf(text.charAt(i - 1)) >= 0;
            return opening ? "“" : "”";
        }
        return AS_PHONEME.getOrDefault(c, String.valueOf(c));
    }

    private static int wordsEnd(String text, int start) {
        int i = start;
        int lastWordEnd = start;
        while (i < text.length() && text.charAt(i) != '\n' && !isMark(text, i)) {
            if (!Character.isWhitespace(text.charAt(i))) {
                lastWordEnd = i + 1;
            }
            i++;
        }
        return lastWordEnd;
    }

    /** Long runs go to eSpeak NG in parts cut at spaces, so each part comes back as exactly one line. */
    private static void addWords(List<Piece> pieces, String text, int start, int end, boolean space, boolean paragraph) {
        int from = start;
        int cut;
        while (end - from > MAX_WORDS_CHARS && (cut = spaceToCutAt(text, from, end)) > from) {
            int wordEnd = cut;
            while (Character.isWhitespace(text.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            pieces.add(new Piece(false, text.substring(from, wordEnd), from, wordEnd, true, false));
            from = skipSpace(text, cut);
        }
        pieces.add(new Piece(false, text.substring(from, end), from, end, space, paragraph));
    }

    /** The last space within the limit, else the first after it (one very long word), else -1. */
    private static int spaceToCutAt(String text, int from, int end) {
        for (int i = from + MAX_WORDS_CHARS; i > from; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        for (int i = from + MAX_WORDS_CHARS + 1; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
