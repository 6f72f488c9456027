package io.briefaudio.shared.pronunciation;

/** A document that is not well-formed, breaks a safety limit, or is not the vocabulary expected; says where. */
public class InvalidXmlException extends Exception {

    private final int line;
    private final int column;
    private final String element;

    public InvalidXmlException(String message, int line, int column, String element) {
        super(message + (line > 0 ? " (line " + line + ", column " + column + ")" : ""));
        this.line = line;
        this.column = column;
        this.element = element;
    }

    public static InvalidXmlException at(XmlElement e, String message) {
        return new InvalidXmlException(message, e.line(), e.column(), e.name());
    }

    /** 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The element at fault, or null. */
    public String element() {
        return element;
    }
}
