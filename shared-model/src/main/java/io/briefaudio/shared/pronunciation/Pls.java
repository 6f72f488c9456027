package io.briefaudio.shared.pronunciation;

import io.briefaudio.shared.voices.Languages;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * W3C Pronunciation Lexicon Specification 1.0 documents: read (through {@link SafeXml}) into entries, one per
 * {@code <grapheme>} of each {@code <lexeme>} with its preferred (else first) {@code <alias>} and
 * {@code <phoneme>}; and written from entries. What PLS cannot say about an entry, case sensitivity and a language
 * other than the document's, travels in attributes of our own namespace, so an export imports unchanged.
 */
public final class Pls {

    public static final String MEDIA_TYPE = "application/pls+xml";
    public static final String NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon";
    /** Our attributes on {@code <lexeme>}: {@code ba:case-sensitive="true"}, {@code ba:language="de"} or {@code "any"}. */
    public static final String EXTENSIONS = "urn:briefaudio:pls";
    /** PLS's language for "no particular language". */
    private static final String UNDETERMINED = "und";

    private Pls() {
    }

    /** A lexeme's word as written in the document, not yet checked against the lexicon's rules. */
    public record Entry(String grapheme, String alias, String alphabet, String phoneme, boolean caseSensitive,
                        String language, int line) {
    }

    public static List<Entry> parse(String xml, SafeXml.Limits limits) throws InvalidXmlException {
        XmlElement root = SafeXml.parse(xml, limits);
        if (!"lexicon".equals(root.name()) || !NAMESPACE.equals(root.namespace())) {
            throw InvalidXmlException.at(root, "the root element must be <lexicon xmlns=\"" + NAMESPACE + "\">, was <"
                    + root.name() + ">");
        }
        if (!"1.0".equals(root.attribute("version"))) {
            throw InvalidXmlException.at(root, "<lexicon> must have version=\"1.0\"");
        }
        String documentAlphabet = root.attribute("alphabet");
        String documentLanguage = language(root.xmlLang());
        List<Entry> entries = new ArrayList<>();
        for (XmlElement child : root.elements()) {
            if (!NAMESPACE.equals(child.namespace())) {
                continue; // foreign elements are allowed and say nothing about pronunciation
            }
            switch (child.name()) {
                case "lexeme" -> lexeme(child, documentAlphabet, documentLanguage, entries);
                case "meta", "metadata" -> {
                }
                default -> throw InvalidXmlException.at(child, "<" + child.name() + "> is not a PLS 1.0 element here");
            }
        }
        return entries;
    }

    private static void lexeme(XmlElement lexeme, String documentAlphabet, String documentLanguage, List<Entry> out)
            throws InvalidXmlException {
        List<String> graphemes = new ArrayList<>();
        XmlElement alias = null;
        XmlElement phoneme = null;
        for (XmlElement e : lexeme.elements()) {
            if (!NAMESPACE.equals(e.namespace())) {
                continue;
            }
            switch (e.name()) {
                case "grapheme" -> graphemes.add(e.text());
                case "alias" -> alias = preferred(alias, e);
                case "phoneme" -> phoneme = preferred(phoneme, e);
                case "example" -> {
                }
                default -> throw InvalidXmlException.at(e, "<" + e.name() + "> is not a PLS 1.0 element of <lexeme>");
            }
        }
        if (graphemes.isEmpty()) {
            throw InvalidXmlException.at(lexeme, "<lexeme> needs at least one <grapheme>");
        }
        if (alias == null && phoneme == null) {
            throw InvalidXmlException.at(lexeme, "<lexeme> needs an <alias> or a <phoneme>");
        }
        String alphabet = phoneme == null ? null
                : Objects.requireNonNullElse(phoneme.attribute("alphabet"), documentAlphabet);
        boolean caseSensitive = "true".equals(lexeme.attribute("{" + EXTENSIONS + "}case-sensitive"));
        String language = lexeme.attribute("{" + EXTENSIONS + "}language");
        language = language == null ? documentLanguage : "any".equals(language) ? null : language;
        for (String grapheme : graphemes) {
            out.add(new Entry(grapheme, alias == null ? null : alias.text(), alphabet,
                    phoneme == null ? null : phoneme.text(), caseSensitive, language, lexeme.line()));
        }
    }

    /** PLS: the first element with {@code prefer="true"}, else the first one. */
    private static XmlElement preferred(XmlElement chosen, XmlElement next) {
        if (chosen == null) {
            return next;
        }
        boolean chosenPreferred = "true".equals(chosen.attribute("prefer"));
        return !chosenPreferred && "true".equals(next.attribute("prefer")) ? next : chosen;
    }

    /**
     * A document's {@code xml:lang} as a brief language: {@code en-US} is {@code en}, {@code zh-CN} is {@code zh-cn};
     * null (any language) for {@code und}, none, or a language briefs are not written in.
     */
    static String language(String xmlLang) {
        if (xmlLang == null || xmlLang.isBlank() || UNDETERMINED.equalsIgnoreCase(xmlLang.strip())) {
            return null;
        }
        String tag = xmlLang.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (Languages.isSupported(tag)) {
            return tag;
        }
        String primary = tag.split("-")[0];
        return Languages.isSupported(primary) ? primary : null;
    }

    /** A PLS 1.0 document holding the entries; its {@code xml:lang} is theirs when they share one, else {@code und}. */
    public static String write(List<LexiconEntry> entries) {
        List<String> languages = entries.stream().map(LexiconEntry::language).distinct().toList();
        String common = languages.size() == 1 && languages.get(0) != null ? languages.get(0) : null;
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("lexicon");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeNamespace("ba", EXTENSIONS);
            w.writeAttribute("version", "1.0");
            w.writeAttribute("alphabet", LexiconEntry.IPA);
            w.writeAttribute("xml", javax.xml.XMLConstants.XML_NS_URI, "lang", common == null ? UNDETERMINED : common);
            for (LexiconEntry e : entries) {
                w.writeCharacters("\n  ");
                w.writeStartElement("lexeme");
                if (e.caseSensitive()) {
                    w.writeAttribute("ba", EXTENSIONS, "case-sensitive", "true");
                }
                if (common == null) {
                    w.writeAttribute("ba", EXTENSIONS, "language", e.language() == null ? "any" : e.language());
                }
                element(w, "grapheme", e.grapheme());
                if (e.phoneme() != null) {
                    element(w, "phoneme", e.phoneme());
                }
                if (e.alias() != null) {
                    element(w, "alias", e.alias());
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a PLS document", e);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
