package io.briefaudio.worker.tts.text;

import io.briefaudio.shared.pronunciation.InvalidXmlException;
import io.briefaudio.shared.pronunciation.Ssml;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an item's text into what an engine should read: NFC, no markup, no control characters, tidy
 * whitespace and quotes, and numbers and abbreviations written out as words. Paragraphs stay apart as
 * blank lines so narration can pause between them. Thread-safe.
 */
public final class TextPreparer {

    /** Separates paragraphs in prepared text. */
    public static final String PARAGRAPH_BREAK = "\n\n";

    private static final Pattern PARAGRAPH_SPLIT = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +(?=[,.;:!?)])");
    private static final Pattern DASH_BETWEEN_WORDS = Pattern.compile("\\s+[—–]\\s+|(?<=\\p{L})—(?=\\p{L})");

    private TextPreparer() {
    }

    public static String prepare(String text, String language) {
        return prepare(text, language, Lexicon.EMPTY);
    }

    /**
     * As {@link #prepare(String, String)}, with the tenant's pronunciations applied after markup is stripped and
     * before numbers and abbreviations are written out. Text that starts with {@code <speak} is SSML
     * ({@link SsmlText}); breaks, language switches and phonemes come out as {@link Directives}.
     *
     * @throws IllegalArgumentException when SSML text is not valid SSML of the supported subset
     */
    public static String prepare(String text, String language, Lexicon lexicon) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Placeholders placeholders = new Placeholders();
        String out = Normalizer.normalize(text, Normalizer.Form.NFC);
        out = out.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace("\u2029", "\n\n");
        if (Ssml.isSsml(out)) {
            try {
                out = SsmlText.render(Ssml.parse(out), language, placeholders);
            } catch (InvalidXmlException e) {
                throw new IllegalArgumentException("invalid SSML: " + e.getMessage(), e);
            }
        } else {
            out = cleanCharacters(Markup.strip(out));
        }
        out = lexicon.apply(out, language, placeholders);
        out = Abbreviations.expand(out, language);
        out = new NumberSpeller(language).expand(out);
        out = DASH_BETWEEN_WORDS.matcher(out).replaceAll(", ");
        // Entities and spelled-out numbers can bring new composable or invisible characters.
        out = clean(Normalizer.normalize(out, Normalizer.Form.NFC), true);
        return placeholders.restore(paragraphs(out));
    }

    /**
     * Drops control and invisible formatting characters, unifies quotes, and turns brackets into
     * parentheses: eSpeak NG reads {@code [[...]]} as phoneme input, and no reader speaks brackets anyway.
     */
    public static String cleanCharacters(String text) {
        return clean(text, false);
    }

    /** {@code keepPlaceholders}: the private-use characters {@link Placeholders} made stay. */
    private static String clean(String text, boolean keepPlaceholders) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append('\n');
                case '\t', '\u00a0', '\u202f', '\u2007' -> out.append(' ');
                case '‘', '’', '‚', '‛', '′', '`', '´' -> out.append('\'');
                case '“', '”', '„', '‟', '«', '»', '″', '‹', '›' -> out.append('"');
                case '[', '{' -> out.append('(');
                case ']', '}' -> out.append(')');
                case '…' -> out.append("...");
                default -> {
                    if (keepPlaceholders && Placeholders.isPlaceholder(c)) {
                        out.appendCodePoint(c);
                    } else {
                        appendVisible(out, c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, int c) {
        int type = Character.getType(c);
        boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
        if (!invisible) {
            out.appendCodePoint(c);
        } else if (type == Character.CONTROL && Character.isWhitespace(c)) {
            out.append(' ');
        }
    }

    private static String paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : PARAGRAPH_SPLIT.split(text)) {
            String tidy = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
            tidy = SPACE_BEFORE_PUNCTUATION.matcher(tidy).replaceAll("");
            if (tidy.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || Placeholders.isPlaceholder(c))) {
                paragraphs.add(tidy);
            }
        }
        return String.join(PARAGRAPH_BREAK, paragraphs);
    }
}
