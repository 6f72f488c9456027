package io.briefaudio.shared.pronunciation;

/** XML documents that attack parsers, wrapped in a root element of the caller's choosing. */
public final class HostileXml {

    private HostileXml() {
    }

    /** Ten levels of ten-fold entity expansion: a billion "lol"s if a parser expands entities. */
    public static String billionLaughs(String root) {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        return dtd + "]>\n";
    }

    /** An external entity naming a local file. */
    public static String externalEntityDoctype(String root, String url) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + url + "\">]>\n";
    }

    /** An external DTD fetched from the network or disk. */
    public static String externalDtd(String root, String url) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " SYSTEM \"" + url + "\">\n";
    }

    /** {@code depth} nested elements named {@code name}. */
    public static String nested(String name, int depth) {
        return ("<" + name + ">").repeat(depth) + "x" + ("</" + name + ">").repeat(depth);
    }
}
