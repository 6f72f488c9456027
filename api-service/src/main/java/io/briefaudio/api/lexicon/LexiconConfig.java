package io.briefaudio.api.lexicon;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "briefaudio.lexicon")
public interface LexiconConfig {

    /** Most entries one tenant's lexicon may hold (more → 413). */
    @WithDefault("5000")
    int maxEntries();

    /** Most characters of a grapheme, the written word an entry matches (more → 400). */
    @WithDefault("100")
    int maxGraphemeChars();

    /** Most characters of an alias or an IPA transcription (more → 400). */
    @WithDefault("300")
    int maxPronunciationChars();

    /** Largest page size for listing entries. */
    @WithDefault("500")
    int maxPageSize();
}
