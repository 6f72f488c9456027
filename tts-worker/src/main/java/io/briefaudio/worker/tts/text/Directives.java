package io.briefaudio.worker.tts.text;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What prepared text carries besides words, written in braces (which prepared text never holds otherwise: text
 * cleaning turns them into parentheses): {@code {break:2000}} a silence in milliseconds, {@code {lang:fr}} the
 * language from here on, {@code {ph:IPA:FALLBACK:a}} a word given as IPA, with the text to say on engines
 * that cannot take IPA ({@code a}: an alias, {@code g}: only the written word, worth a warning). IPA and fallback
 * are hex-encoded UTF-8, so a phoneme is one unbroken word to sentence and chunk splitting. {@code {mark:0:NAME}}
 * is the document's first SSML {@code <mark>} (name hex-encoded): narration takes it out before anything is spoken
 * and reports it as a speech mark.
 */
public final class Directives {

    public static final Pattern BREAK = Pattern.compile("\\{break:([0-9]{1,6})}");
    public static final Pattern LANG = Pattern.compile("\\{lang:([a-z-]{2,5})}");
    public static final Pattern PHONEME = Pattern.compile("\\{ph:([0-9a-f]+):([0-9a-f]*):([ag])}");
    public static final Pattern MARK = Pattern.compile("\\{mark:([0-9]{1,5}):([0-9a-f]*)}");
    /** Breaks and language switches: where narration splits a text into separately spoken runs. */
    public static final Pattern STRUCTURE = Pattern.compile(BREAK.pattern() + "|" + LANG.pattern());

    private Directives() {
    }

    /** A phoneme as {@link #PHONEME} reads it. */
    public record Phoneme(String ipa, String fallback, boolean fallbackIsAlias) {
    }

    public static String breakOf(int millis) {
        return "{break:" + millis + "}";
    }

    public static String langOf(String language) {
        return "{lang:" + language + "}";
    }

    public static String phonemeOf(String ipa, String fallback, boolean fallbackIsAlias) {
        return "{ph:" + hex(ipa) + ":" + hex(fallback) + ":" + (fallbackIsAlias ? "a" : "g") + "}";
    }

    /** The {@code index}-th {@code <mark name>} of an SSML document. */
    public static String markOf(int index, String name) {
        return "{mark:" + index + ":" + hex(name) + "}";
    }

    /** The name of a mark {@link #MARK} matched. */
    public static String markName(Matcher m) {
        return unhex(m.group(2));
    }

    public static Phoneme phoneme(Matcher m) {
        return new Phoneme(unhex(m.group(1)), unhex(m.group(2)), "a".equals(m.group(3)));
    }

    /** Text with every phoneme replaced by what {@code speak} makes of it. */
    public static String replacePhonemes(String text, java.util.function.Function<Phoneme, String> speak) {
        Matcher m = PHONEME.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(speak.apply(phoneme(m))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unhex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }
}
