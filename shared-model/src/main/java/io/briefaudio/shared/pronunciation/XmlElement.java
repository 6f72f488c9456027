package io.briefaudio.shared.pronunciation;

import java.util.List;
import java.util.Map;

/**
 * One element of a document {@link SafeXml} read: its name, attributes (keyed {@code name} or
 * {@code {namespace}name}), children ({@link XmlElement} or {@link String} text, in order) and where it starts.
 */
public record XmlElement(String namespace, String name, Map<String, String> attributes, List<Object> children,
                         int line, int column) {

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** {@code xml:lang}, or null. */
    public String xmlLang() {
        return attributes.get("{" + javax.xml.XMLConstants.XML_NS_URI + "}lang");
    }

    public List<XmlElement> elements() {
        return children.stream().filter(XmlElement.class::isInstance).map(XmlElement.class::cast).toList();
    }

    /** All text inside, child elements' text included. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Object child : children) {
            out.append(child instanceof XmlElement e ? e.text() : (String) child);
        }
        return out.toString();
    }

    /** Where the element starts, as people count: {@code line 3, column 7}. */
    public String where() {
        return "line " + line + ", column " + column;
    }
}
