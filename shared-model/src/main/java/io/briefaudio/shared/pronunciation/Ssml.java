package io.briefaudio.shared.pronunciation;

import io.briefaudio.shared.voices.Languages;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSML subset items may be written in, read strictly through {@link SafeXml}: {@code speak p s break sub
 * say-as phoneme emphasis lang mark}. Any other element or attribute, a missing or bad value, or malformed XML is
 * an {@link InvalidXmlException} naming the element and where it starts. Used by the api-service to refuse bad
 * items and by the worker to speak good ones. Thread-safe.
 */
public final class Ssml {

    public static final String NAMESPACE = "http://www.w3.org/2001/10/synthesis";
    /** The longest {@code <break time>}: longer silences are a mistake in a news brief. */
    public static final int MAX_BREAK_MILLIS = 10_000;
    public static final Set<String> SAY_AS = Set.of("characters", "spell-out", "cardinal", "number", "ordinal",
            "digits", "date", "time", "telephone");
    public static final Set<String> DATE_FORMATS = Set.of("mdy", "dmy", "ymd", "md", "dm", "ym", "my", "y", "m", "d");
    /** Engines this service runs, named when a language none of them speaks is asked for. */
    public static final String ENGINES = "espeak-ng, xtts-v2, kokoro";

    private static final SafeXml.Limits LIMITS = new SafeXml.Limits(1_000_000, 32, 5_000);
    private static final Pattern START = Pattern.compile("^\\uFEFF?\\s*(?:<\\?xml[^>]*\\?>\\s*)?<speak[\\s>/]");
    private static final Pattern TIME = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s)");
    private static final Map<String, Integer> STRENGTHS = Map.of("none", 0, "x-weak", 100, "weak", 200,
            "medium", 400, "strong", 700, "x-strong", 1200);
    private static final Set<String> EMPHASIS = Set.of("strong", "moderate", "reduced", "none");
    private static final String LANG = "{" + javax.xml.XMLConstants.XML_NS_URI + "}lang";

    private Ssml() {
    }

    /** Whether an item's text is SSML: it starts with {@code <speak} (after an optional XML declaration). */
    public static boolean isSsml(String text) {
        return text != null && START.matcher(text).find();
    }

    /** The nodes of a {@code <speak>} document, in order. */
    public static List<SsmlNode> parse(String ssml) throws InvalidXmlException {
        XmlElement root = SafeXml.parse(ssml, LIMITS);
        if (!"speak".equals(root.name())) {
            throw unsupported(root);
        }
        checkNamespace(root);
        allowOnly(root, "version", LANG);
        return List.of(withLanguage(root, nodes(root)));
    }

    private static List<SsmlNode> nodes(XmlElement parent) throws InvalidXmlException {
        List<SsmlNode> out = new ArrayList<>();
        for (Object child : parent.children()) {
            if (child instanceof String text) {
                out.add(new Text(text));
            } else {
                out.add(node((XmlElement) child));
            }
        }
        return out;
    }

    private static SsmlNode node(XmlElement e) throws InvalidXmlException {
        checkNamespace(e);
        return switch (e.name()) {
            case "p", "s" -> {
                allowOnly(e, LANG);
                yield withLanguage(e, List.of(new Block(e.name().equals("p"), nodes(e))));
            }
            case "break" -> {
                allowOnly(e, "time", "strength");
                empty(e);
                yield new Break(breakMillis(e));
            }
            case "sub" -> {
                allowOnly(e, "alias");
                yield new Sub(required(e, "alias"), textOnly(e));
            }
            case "say-as" -> sayAs(e);
            case "phoneme" -> {
                allowOnly(e, "alphabet", "ph");
                if (!LexiconEntry.IPA.equals(required(e, "alphabet"))) {
                    throw InvalidXmlException.at(e, "<phoneme alphabet=\"" + e.attribute("alphabet")
                            + "\"> is not supported; use alphabet=\"ipa\"");
                }
                String ph = required(e, "ph");
                if (ph.codePoints().anyMatch(c -> "<>{}[]|\\".indexOf(c) >= 0 || Character.isISOControl(c)
                        || Character.isDigit(c))) {
                    throw InvalidXmlException.at(e, "<phoneme ph> must be IPA: no digits, brackets or control characters");
                }
                yield new Phoneme(ph.strip(), textOnly(e));
            }
            case "emphasis" -> {
                allowOnly(e, "level");
                String level = e.attribute("level") == null ? "moderate" : e.attribute("level");
                if (!EMPHASIS.contains(level)) {
                    throw InvalidXmlException.at(e, "<emphasis level=\"" + level + "\"> must be one of " + EMPHASIS);
                }
                yield new Emphasis(level, nodes(e));
            }
            case "lang" -> {
                allowOnly(e, LANG);
                if (e.xmlLang() == null) {
                    throw InvalidXmlException.at(e, "<lang> needs xml:lang");
                }
                yield withLanguage(e, nodes(e));
            }
            case "mark" -> {
                allowOnly(e, "name");
                empty(e);
                yield new Mark(required(e, "name"));
            }
            default -> throw unsupported(e);
        };
    }

    private static SsmlNode sayAs(XmlElement e) throws InvalidXmlException {
        allowOnly(e, "interpret-as", "format", "detail");
        String interpretAs = required(e, "interpret-as");
        if (!SAY_AS.contains(interpretAs)) {
            throw InvalidXmlException.at(e, "<say-as interpret-as=\"" + interpretAs + "\"> is not supported; use one of "
                    + String.join(", ", new java.util.TreeSet<>(SAY_AS)));
        }
        String format = e.attribute("format");
        if ("date".equals(interpretAs) && format != null && !DATE_FORMATS.contains(format)) {
            throw InvalidXmlException.at(e, "<say-as interpret-as=\"date\" format=\"" + format + "\"> must be one of "
                    + String.join(", ", new java.util.TreeSet<>(DATE_FORMATS)));
        }
        String text = textOnly(e);
        if (text.isBlank()) {
            throw InvalidXmlException.at(e, "<say-as> needs text to read");
        }
        return new SayAs(interpretAs, format, text.strip());
    }

    /** Wraps the nodes in a {@link Lang} when the element has {@code xml:lang}. */
    private static SsmlNode withLanguage(XmlElement e, List<SsmlNode> nodes) throws InvalidXmlException {
        String lang = e.xmlLang();
        if (lang == null) {
            return nodes.size() == 1 ? nodes.get(0) : new Block(false, nodes);
        }
        return new Lang(language(e, lang), nodes);
    }

    /** {@code xml:lang} as a brief language ({@code en-US} is {@code en}); refused when no engine speaks it. */
    static String language(XmlElement e, String xmlLang) throws InvalidXmlException {
        String tag = xmlLang.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (Languages.isSupported(tag)) {
            return tag;
        }
        String primary = tag.split("-")[0];
        if (Languages.isSupported(primary)) {
            return primary;
        }
        throw InvalidXmlException.at(e, "xml:lang=\"" + xmlLang + "\" is not spoken by any of our engines (" + ENGINES
                + "); they speak " + String.join(", ", Languages.SUPPORTED));
    }

    private static int breakMillis(XmlElement e) throws InvalidXmlException {
        String time = e.attribute("time");
        String strength = e.attribute("strength");
        if (time != null) {
            Matcher m = TIME.matcher(time.strip());
            if (!m.matches()) {
                throw InvalidXmlException.at(e, "<break time=\"" + time + "\"> must be like 500ms or 2s");
            }
            double value = Double.parseDouble(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1);
            if (value > MAX_BREAK_MILLIS) {
                throw InvalidXmlException.at(e, "<break time=\"" + time + "\"> is longer than " + MAX_BREAK_MILLIS / 1000 + "s");
            }
            return (int) Math.round(value);
        }
        if (strength != null) {
            Integer millis = STRENGTHS.get(strength);
            if (millis == null) {
                throw InvalidXmlException.at(e, "<break strength=\"" + strength + "\"> must be one of "
                        + String.join(", ", new java.util.TreeSet<>(STRENGTHS.keySet())));
            }
            return millis;
        }
        return STRENGTHS.get("medium");
    }

    private static void checkNamespace(XmlElement e) throws InvalidXmlException {
        if (!e.namespace().isEmpty() && !NAMESPACE.equals(e.namespace())) {
            throw InvalidXmlException.at(e, "<" + e.name() + "> in namespace " + e.namespace() + " is not SSML");
        }
    }

    private static void allowOnly(XmlElement e, String... names) throws InvalidXmlException {
        List<String> allowed = List.of(names);
        for (String attribute : e.attributes().keySet()) {
            if (!allowed.contains(attribute)) {
                throw InvalidXmlException.at(e, "<" + e.name() + "> does not support the attribute "
                        + attribute.replace(LANG, "xml:lang"));
            }
        }
    }

    private static String required(XmlElement e, String attribute) throws InvalidXmlException {
        String value = e.attribute(attribute);
        if (value == null || value.isBlank()) {
            throw InvalidXmlException.at(e, "<" + e.name() + "> needs the attribute " + attribute);
        }
        return value;
    }

    private static void empty(XmlElement e) throws InvalidXmlException {
        if (!e.children().isEmpty() && !e.text().isBlank() || !e.elements().isEmpty()) {
            throw InvalidXmlException.at(e, "<" + e.name() + "> must be empty");
        }
    }

    private static String textOnly(XmlElement e) throws InvalidXmlException {
        if (!e.elements().isEmpty()) {
            XmlElement inner = e.elements().get(0);
            throw InvalidXmlException.at(inner, "<" + inner.name() + "> is not allowed inside <" + e.name() + ">");
        }
        return e.text();
    }

    private static InvalidXmlException unsupported(XmlElement e) {
        return InvalidXmlException.at(e, "<" + e.name() + "> is not supported; SSML items may use speak, p, s, break, "
                + "sub, say-as, phoneme, emphasis, lang and mark");
    }
}
