package io.briefaudio.worker.tts.text;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A tenant's pronunciations, applied to text: whole words only, the longest grapheme first (so "New York Times"
 * wins over "New York"), a case-sensitive entry before a case-insensitive one, an entry of the text's language or
 * of any language. Aliases replace the word as text; an IPA entry becomes a phoneme directive whose fallback is its
 * alias, else the word as written. Immutable and thread-safe.
 */
public final class Lexicon {

    public static final Lexicon EMPTY = new Lexicon(List.of());

    private record Word(String grapheme, LexiconEntry entry) {
    }

    /** Candidates by the lower-case first character of their grapheme, longest first. */
    private final Map<Integer, List<Word>> byFirst = new HashMap<>();
    private final int size;

    public Lexicon(List<LexiconEntry> entries) {
        for (LexiconEntry e : entries) {
            String grapheme = Normalizer.normalize(e.grapheme(), Normalizer.Form.NFC);
            if (!grapheme.isEmpty()) {
                byFirst.computeIfAbsent(Character.toLowerCase(grapheme.codePointAt(0)), k -> new ArrayList<>())
                        .add(new Word(grapheme, e));
            }
        }
        Comparator<Word> order = Comparator.<Word>comparingInt(w -> -w.grapheme().length())
                .thenComparing(w -> !w.entry().caseSensitive()).thenComparing(w -> w.entry().language() == null);
        byFirst.values().forEach(words -> words.sort(order));
        this.size = entries.size();
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The text with every matched word replaced; a placeholder standing for a {@code {lang:…}} directive changes the
     * language entries must have from there on.
     */
    String apply(String text, String language, Placeholders placeholders) {
        if (byFirst.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        String current = language;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            String directive = placeholders.directive(c);
            if (directive != null) {
                Matcher lang = Directives.LANG.matcher(directive);
                if (lang.matches()) {
                    current = lang.group(1);
                }
            }
            Word word = wordStartsAt(text, i) ? match(text, i, current) : null;
            if (word == null) {
                out.append(c);
                i++;
                continue;
            }
            String written = text.substring(i, i + word.grapheme().length());
            out.append(spoken(word.entry(), written, placeholders));
            i += written.length();
        }
        return out.toString();
    }

    private static boolean wordStartsAt(String text, int i) {
        return i == 0 || !Character.isLetterOrDigit(text.codePointBefore(i));
    }

    private Word match(String text, int i, String language) {
        List<Word> words = byFirst.get(Character.toLowerCase(text.codePointAt(i)));
        if (words == null) {
            return null;
        }
        for (Word w : words) {
            String g = w.grapheme();
            LexiconEntry e = w.entry();
            int end = i + g.length();
            if (end > text.length() || (e.language() != null && !e.language().equals(language))) {
                continue;
            }
            if (text.regionMatches(!e.caseSensitive(), i, g, 0, g.length())
                    && (end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end))
                    || !Character.isLetterOrDigit(g.codePointBefore(g.length())))) {
                return w;
            }
        }
        return null;
    }

    private static String spoken(LexiconEntry e, String written, Placeholders placeholders) {
        if (e.phoneme() == null) {
            return TextPreparer.cleanCharacters(e.alias());
        }
        boolean alias = e.alias() != null;
        return placeholders.add(Directives.phonemeOf(e.phoneme(), alias ? TextPreparer.cleanCharacters(e.alias()) : written,
                alias));
    }
}
