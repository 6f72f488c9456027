package io.briefaudio.worker.tts.text;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DateTimePatternGenerator;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.GregorianCalendar;
import com.ibm.icu.util.ULocale;
import io.briefaudio.shared.pronunciation.SsmlNode;
import io.briefaudio.shared.pronunciation.SsmlNode.Block;
import io.briefaudio.shared.pronunciation.SsmlNode.Break;
import io.briefaudio.shared.pronunciation.SsmlNode.Emphasis;
import io.briefaudio.shared.pronunciation.SsmlNode.Lang;
import io.briefaudio.shared.pronunciation.SsmlNode.Mark;
import io.briefaudio.shared.pronunciation.SsmlNode.Phoneme;
import io.briefaudio.shared.pronunciation.SsmlNode.SayAs;
import io.briefaudio.shared.pronunciation.SsmlNode.Sub;
import io.briefaudio.shared.pronunciation.SsmlNode.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An SSML item as text for the rest of {@link TextPreparer}: words as written, {@code say-as} read out, {@code sub}
 * replaced by its alias, paragraphs and sentences kept apart, and placeholders for breaks, language switches and
 * phonemes. Emphasis, which no engine here can stress, is shaped with short pauses around the words. Marks say
 * nothing: each becomes a numbered placeholder that narration reports as an "ssml" speech mark. Not thread-safe:
 * one per text.
 */
final class SsmlText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NUMBER_PARTS = Pattern.compile("[^0-9]+");
    private static final String SENTENCE_ENDS = ".!?。！？";

    private final Placeholders placeholders;
    private final StringBuilder out = new StringBuilder();
    private int marks;

    private SsmlText(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    static String render(List<SsmlNode> nodes, String language, Placeholders placeholders) {
        SsmlText text = new SsmlText(placeholders);
        text.nodes(nodes, language);
        return text.out.toString();
    }

    private void nodes(List<SsmlNode> nodes, String language) {
        for (SsmlNode node : nodes) {
            node(node, language);
        }
    }

    private void node(SsmlNode node, String language) {
        if (node instanceof Text t) {
            out.append(words(t.text()));
        } else if (node instanceof Break b) {
            out.append(' ').append(placeholders.add(Directives.breakOf(b.millis()))).append(' ');
        } else if (node instanceof Block b && b.paragraph()) {
            out.append(TextPreparer.PARAGRAPH_BREAK);
            nodes(b.children(), language);
            out.append(TextPreparer.PARAGRAPH_BREAK);
        } else if (node instanceof Block b) {
            sentence(b, language);
        } else if (node instanceof Sub s) {
            out.append(words(s.alias()));
        } else if (node instanceof SayAs s) {
            out.append(' ').append(sayAs(s, language)).append(' ');
        } else if (node instanceof Phoneme p) {
            out.append(placeholders.add(Directives.phonemeOf(p.ipa(), words(p.text()).strip(), false)));
        } else if (node instanceof Emphasis e) {
            emphasis(e, language);
        } else if (node instanceof Lang l) {
            out.append(' ').append(placeholders.add(Directives.langOf(l.language()))).append(' ');
            nodes(l.children(), l.language());
            out.append(' ').append(placeholders.add(Directives.langOf(language))).append(' ');
        } else if (node instanceof Mark m) {
            out.append(placeholders.add(Directives.markOf(marks++, m.name())));
        }
    }

    /** A sentence ends with sentence punctuation, so splitting keeps it apart even when the writer left it out. */
    private void sentence(Block b, String language) {
        int start = out.length();
        out.append(' ');
        nodes(b.children(), language);
        String written = out.substring(start).strip();
        if (!written.isEmpty() && SENTENCE_ENDS.indexOf(written.charAt(written.length() - 1)) < 0
                && !Placeholders.isPlaceholder(written.charAt(written.length() - 1))) {
            out.append('.');
        }
        out.append(' ');
    }

    private void emphasis(Emphasis e, String language) {
        int before = switch (e.level()) {
            case "strong" -> 200;
            case "moderate" -> 100;
            default -> 0;
        };
        if (before > 0) {
            out.append(' ').append(placeholders.add(Directives.breakOf(before))).append(' ');
        }
        nodes(e.children(), language);
        if ("strong".equals(e.level())) {
            out.append(' ').append(placeholders.add(Directives.breakOf(150))).append(' ');
        }
    }

    /** SSML text: cleaned, and its whitespace is insignificant (a line break is not a paragraph). */
    private static String words(String text) {
        return WHITESPACE.matcher(TextPreparer.cleanCharacters(text)).replaceAll(" ");
    }

    private static String sayAs(SayAs s, String language) {
        String text = words(s.text()).strip();
        return switch (s.interpretAs()) {
            case "characters", "spell-out" -> spelled(text, language);
            case "digits" -> digits(text);
            case "ordinal" -> ordinal(text, language);
            case "date" -> date(text, s.format(), language);
            case "telephone" -> telephone(text);
            default -> text; // cardinal, number and time: the number speller reads them
        };
    }

    /** One letter or digit at a time, commas between, so every engine says letter names ("A", not "a"). */
    static String spelled(String text, String language) {
        Locale locale = Locale.forLanguageTag(language);
        List<String> characters = new ArrayList<>();
        text.codePoints().filter(Character::isLetterOrDigit)
                .forEach(c -> characters.add(new String(Character.toChars(c)).toUpperCase(locale)));
        return String.join(", ", characters);
    }

    static String digits(String text) {
        List<String> digits = new ArrayList<>();
        text.codePoints().filter(Character::isDigit).forEach(c -> digits.add(String.valueOf(Character.getNumericValue(c))));
        return String.join(" ", digits);
    }

    private static String telephone(String text) {
        List<String> groups = new ArrayList<>();
        for (String group : NUMBER_PARTS.split(text)) {
            if (!group.isEmpty()) {
                groups.add(digits(group));
            }
        }
        return String.join(", ", groups);
    }

    private static String ordinal(String text, String language) {
        String number = text.replaceAll("[^0-9]", "");
        if (number.isEmpty() || number.length() > 15) {
            return text;
        }
        RuleBasedNumberFormat format = new RuleBasedNumberFormat(ULocale.forLanguageTag(language),
                RuleBasedNumberFormat.SPELLOUT);
        for (String ruleSet : List.of("%spellout-ordinal", "%spellout-ordinal-masculine")) {
            if (List.of(format.getRuleSetNames()).contains(ruleSet)) {
                return format.format(Long.parseLong(number), ruleSet);
            }
        }
        return number + ".";
    }

    /** A date in the written order {@code format} (default: ymd when it starts with a year, else mdy in English, dmy elsewhere). */
    private static String date(String text, String format, String language) {
        List<Integer> parts = new ArrayList<>();
        for (String part : NUMBER_PARTS.split(text)) {
            if (!part.isEmpty()) {
                if (part.length() > 4) {
                    return text;
                }
                parts.add(Integer.parseInt(part));
            }
        }
        String order = format != null ? format
                : parts.size() == 3 && parts.get(0) > 31 ? "ymd" : parts.size() == 3 ? ("en".equals(language) ? "mdy" : "dmy")
                : parts.size() == 2 ? "md" : "y";
        if (parts.size() != order.length()) {
            return text;
        }
        int year = 2000;
        int month = 1;
        int day = 1;
        StringBuilder skeleton = new StringBuilder();
        for (int i = 0; i < order.length(); i++) {
            int value = parts.get(i);
            switch (order.charAt(i)) {
                case 'y' -> {
                    year = value < 100 && String.valueOf(parts.get(i)).length() <= 2 ? 2000 + value : value;
                    skeleton.append("y");
                }
                case 'm' -> {
                    month = value;
                    skeleton.append("MMMM");
                }
                default -> {
                    day = value;
                    skeleton.append("d");
                }
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1) {
            return text;
        }
        ULocale locale = ULocale.forLanguageTag(language);
        GregorianCalendar calendar = new GregorianCalendar(year, month - 1, day);
        calendar.setLenient(false);
        String pattern = DateTimePatternGenerator.getInstance(locale).getBestPattern(skeleton.toString());
        DateFormat dates = new SimpleDateFormat(pattern, locale);
        dates.setCalendar(calendar);
        try {
            return dates.format(calendar.getTime());
        } catch (IllegalArgumentException e) {
            return text; // the 31st of February: read as written
        }
    }
}
