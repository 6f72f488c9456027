package io.briefaudio.shared.pronunciation;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML reader for documents users send (SSML items, PLS lexicons). Hardened: a document type declaration
 * is refused before anything in it is read, so there are no entities to expand (billion laughs) and nothing
 * external is ever fetched (XXE); only the five predefined entities and character references are decoded. The
 * size, the nesting depth and the number of elements are capped. Thread-safe.
 */
public final class SafeXml {

    /** Caps of one document. */
    public record Limits(int maxChars, int maxDepth, int maxElements) {
    }

    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the class path, so these properties are known to hold.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not read: " + systemId);
        });
        return f;
    }

    /** The document's root element. */
    public static XmlElement parse(String xml, Limits limits) throws InvalidXmlException {
        if (xml.length() > limits.maxChars()) {
            throw new InvalidXmlException("the document has " + xml.length() + " characters; at most "
                    + limits.maxChars(), 0, 0, null);
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            return read(reader, limits);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw new InvalidXmlException("malformed XML: " + reason(e), at == null ? 0 : at.getLineNumber(),
                    at == null ? 0 : at.getColumnNumber(), null);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held open: the input is a string
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader r, Limits limits) throws XMLStreamException, InvalidXmlException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            // Where the previous event ended is where this one starts (the reader reports the end of each event).
            // After text, the reader has already taken the '<' that ended it.
            Location end = r.getLocation();
            boolean afterText = r.getEventType() == XMLStreamConstants.CHARACTERS
                    || r.getEventType() == XMLStreamConstants.SPACE;
            int line = end.getLineNumber();
            int column = Math.max(1, end.getColumnNumber() - (afterText ? 1 : 0));
            int event = r.next();
            Location at = r.getLocation();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new InvalidXmlException(
                        "document type declarations (DOCTYPE) are not allowed", at.getLineNumber(), at.getColumnNumber(), null);
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new InvalidXmlException(
                        "entity '" + r.getLocalName() + "' is not allowed; only &amp; &lt; &gt; &quot; &apos; and "
                                + "character references are", at.getLineNumber(), at.getColumnNumber(), null);
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw new InvalidXmlException("the document has more than " + limits.maxElements()
                                + " elements", line, column, r.getLocalName());
                    }
                    if (open.size() >= limits.maxDepth()) {
                        throw new InvalidXmlException("elements are nested deeper than " + limits.maxDepth(),
                                line, column, r.getLocalName());
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ns = r.getAttributeNamespace(i);
                        String key = ns == null || ns.isEmpty() ? r.getAttributeLocalName(i)
                                : "{" + ns + "}" + r.getAttributeLocalName(i);
                        attributes.put(key, r.getAttributeValue(i));
                    }
                    String ns = r.getNamespaceURI();
                    XmlElement e = new XmlElement(ns == null ? "" : ns, r.getLocalName(), attributes, new ArrayList<>(),
                            line, column);
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().children().add(e);
                    }
                    open.push(e);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        List<Object> children = open.peek().children();
                        children.add(r.getText());
                    }
                }
                default -> {
                    // comments and processing instructions say nothing to a listener
                }
            }
        }
        if (root == null) {
            throw new InvalidXmlException("the document has no root element", 0, 0, null);
        }
        return root;
    }

    /** The parser's message without its own location prefix (we add ours) or class names. */
    private static String reason(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf("Message: ");
        return (cut >= 0 ? message.substring(cut + 9) : message).strip();
    }
}
