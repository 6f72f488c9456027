package io.briefaudio.worker.tts.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes the HTML and Markdown an item's text may carry, keeping what a listener should hear. */
final class Markup {

    private static final Pattern BLOCK_TAG = Pattern.compile(
            "(?i)</?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|table|tr|header|footer)\\b[^>]*>");
    private static final Pattern LINE_TAG = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern INVISIBLE_ELEMENT = Pattern.compile(
            "(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
            Map.entry("hellip", "…"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("euro", "€"),
            Map.entry("pound", "£"), Map.entry("yen", "¥"), Map.entry("cent", "¢"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("deg", "°"), Map.entry("shy", ""),
            Map.entry("times", "×"), Map.entry("middot", "·"), Map.entry("bull", "•"));

    private static final Pattern MD_IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern MD_REFERENCE_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
    private static final Pattern MD_STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern MD_EMPHASIS_STAR = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern MD_EMPHASIS_UNDERSCORE = Pattern.compile("(?<!\\w)_(?=\\S)([^_\\n]+?)(?<=\\S)_(?!\\w)");
    private static final Pattern MD_STRIKE_OR_CODE = Pattern.compile("~~|`+");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern MD_LINE_PREFIX = Pattern.compile("(?m)^[ \\t]*(?:>[ \\t]?)+|^[ \\t]*(?:[-*+•]|\\d{1,3}[.)])[ \\t]+");
    private static final Pattern MD_RULE = Pattern.compile("(?m)^[ \\t]*([-*_])([ \\t]*\\1){2,}[ \\t]*$");

    private Markup() {
    }

    static String strip(String text) {
        String out = INVISIBLE_ELEMENT.matcher(text).replaceAll(" ");
        out = COMMENT.matcher(out).replaceAll(" ");
        out = BLOCK_TAG.matcher(out).replaceAll("\n\n");
        out = LINE_TAG.matcher(out).replaceAll("\n");
        out = TAG.matcher(out).replaceAll("");
        out = decodeEntities(out);
        out = MD_RULE.matcher(out).replaceAll("\n");
        // A heading is its own paragraph, so it gets a paragraph pause rather than running into the body.
        out = MD_HEADING.matcher(out).replaceAll("\n$1\n\n");
        out = MD_LINE_PREFIX.matcher(out).replaceAll("");
        out = MD_IMAGE.matcher(out).replaceAll("$1");
        out = MD_LINK.matcher(out).replaceAll("$1");
        out = MD_REFERENCE_LINK.matcher(out).replaceAll("$1");
        out = MD_STRONG.matcher(out).replaceAll("$2");
        out = MD_EMPHASIS_STAR.matcher(out).replaceAll("$1");
        out = MD_EMPHASIS_UNDERSCORE.matcher(out).replaceAll("$1");
        return MD_STRIKE_OR_CODE.matcher(out).replaceAll("");
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decode(String body, String whole) {
        if (body.charAt(0) != '#') {
            return NAMED_ENTITIES.getOrDefault(body.toLowerCase(java.util.Locale.ROOT), whole);
        }
        boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
        int codePoint = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
        return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : " ";
    }
}
