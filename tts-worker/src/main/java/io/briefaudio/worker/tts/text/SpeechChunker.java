package io.briefaudio.worker.tts.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits prepared text into sentences with ICU's rules for the language, and a sentence longer than the
 * engine's limit into chunks at a clause, else a word boundary. Only a single word longer than the limit
 * is ever cut inside. Thread-safe.
 */
public final class SpeechChunker {

    private static final String CLAUSE_ENDS = ",;:)—–，、；：";

    private SpeechChunker() {
    }

    public static List<SpeechChunk> split(String preparedText, String language, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        ULocale locale = ULocale.forLanguageTag(language);
        List<SpeechChunk> chunks = new ArrayList<>();
        String[] paragraphs = preparedText.split(TextPreparer.PARAGRAPH_BREAK);
        for (int p = 0; p < paragraphs.length; p++) {
            List<String> sentences = sentences(paragraphs[p], locale);
            for (int s = 0; s < sentences.size(); s++) {
                List<String> pieces = pieces(sentences.get(s), locale, maxChars);
                for (int i = 0; i < pieces.size(); i++) {
                    Pause pause = i < pieces.size() - 1 ? Pause.CLAUSE
                            : s < sentences.size() - 1 ? Pause.SENTENCE
                            : p < paragraphs.length - 1 ? Pause.PARAGRAPH : Pause.END;
                    chunks.add(new SpeechChunk(pieces.get(i), pause));
                }
            }
        }
        return dropUnspeakable(chunks);
    }

    private static List<String> sentences(String paragraph, ULocale locale) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(locale);
        iterator.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static List<String> pieces(String sentence, ULocale locale, int maxChars) {
        List<String> pieces = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > maxChars) {
            int cut = cutPoint(rest, locale, maxChars);
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** Where to end the next chunk: after clause punctuation in its second half, else the last word break. */
    private static int cutPoint(String text, ULocale locale, int maxChars) {
        BreakIterator words = BreakIterator.getWordInstance(locale);
        words.setText(text);
        int lastWordBreak = 0;
        int lastClauseBreak = 0;
        for (int b = words.next(); b != BreakIterator.DONE && b <= maxChars; b = words.next()) {
            if (!isWordGap(text, b)) {
                continue;
            }
            lastWordBreak = b;
            if (CLAUSE_ENDS.indexOf(text.charAt(b - 1)) >= 0 || endsClauseBeforeSpace(text, b)) {
                lastClauseBreak = b;
            }
        }
        if (lastClauseBreak > maxChars / 2) {
            return lastClauseBreak;
        }
        if (lastWordBreak > 0) {
            return lastWordBreak;
        }
        // One "word" (a URL, a long compound) longer than the limit: cut it between code points.
        return Character.isLowSurrogate(text.charAt(maxChars)) ? maxChars - 1 : maxChars;
    }

    /** A space on either side, or letters on both (languages written without spaces); never inside "well-known". */
    private static boolean isWordGap(String text, int b) {
        if (b >= text.length()) {
            return true;
        }
        int before = text.codePointBefore(b);
        int after = text.codePointAt(b);
        return Character.isWhitespace(after) || Character.isWhitespace(before)
                || (Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
    }

    private static boolean endsClauseBeforeSpace(String text, int b) {
        return b >= 2 && text.charAt(b - 1) == ' ' && CLAUSE_ENDS.indexOf(text.charAt(b - 2)) >= 0;
    }

    private static List<SpeechChunk> dropUnspeakable(List<SpeechChunk> chunks) {
        List<SpeechChunk> speakable = new ArrayList<>();
        for (SpeechChunk chunk : chunks) {
            if (chunk.text().codePoints().anyMatch(Character::isLetterOrDigit)) {
                speakable.add(chunk);
            } else if (!speakable.isEmpty()) {
                // The dropped chunk's pause still separates what came before from what follows.
                SpeechChunk last = speakable.get(speakable.size() - 1);
                if (chunk.pauseAfter().compareTo(last.pauseAfter()) > 0) {
                    speakable.set(speakable.size() - 1, new SpeechChunk(last.text(), chunk.pauseAfter()));
                }
            }
        }
        return speakable;
    }
}
