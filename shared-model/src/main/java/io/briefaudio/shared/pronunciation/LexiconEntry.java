package io.briefaudio.shared.pronunciation;

import java.time.Instant;

/**
 * How one written word (the grapheme) is spoken: as other text ({@code alias}), as IPA ({@code phoneme}), or both,
 * where the alias is what an engine that cannot take IPA speaks. {@code language} null means every language.
 * {@code id} and {@code createdAt} are null for an entry not stored yet.
 */
public record LexiconEntry(Long id, String grapheme, String alias, String phoneme, boolean caseSensitive,
                           String language, Instant createdAt) {

    /** The only phoneme alphabet accepted (PLS and SSML call it {@code ipa}). */
    public static final String IPA = "ipa";

    public static LexiconEntry of(String grapheme, String alias, String phoneme, boolean caseSensitive, String language) {
        return new LexiconEntry(null, grapheme, alias, phoneme, caseSensitive, language, null);
    }

    /** The same word as matched: equal graphemes (ignoring case unless case-sensitive) in the same language. */
    public String matchKey() {
        return (caseSensitive ? "=" + grapheme : "~" + grapheme.toLowerCase(java.util.Locale.ROOT))
                + "\n" + (language == null ? "" : language);
    }
}
