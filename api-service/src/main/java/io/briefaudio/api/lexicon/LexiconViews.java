package io.briefaudio.api.lexicon;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import java.time.Instant;
import java.util.List;

/** JSON bodies of {@code /api/lexicon}. */
public final class LexiconViews {

    private LexiconViews() {
    }

    /** {@code language} absent or {@code "any"}: the entry applies whatever the brief's language. */
    public record CreateEntryRequest(String grapheme, String alias, Phoneme phoneme, Boolean caseSensitive,
                                     String language) {
    }

    public record Phoneme(String alphabet, String ph) {
    }

    public record EntryView(long id, String grapheme, String alias, Phoneme phoneme, boolean caseSensitive,
                            String language, Instant createdAt) {

        static EntryView of(LexiconEntry e) {
            return new EntryView(e.id(), e.grapheme(), e.alias(),
                    e.phoneme() == null ? null : new Phoneme(LexiconEntry.IPA, e.phoneme()), e.caseSensitive(),
                    e.language() == null ? LexiconService.ANY_LANGUAGE : e.language(), e.createdAt());
        }
    }

    public record EntryPage(List<EntryView> entries, int page, int size, long total) {
    }

    /** A PLS import: new entries, and entries that replaced the tenant's entry for the same word. */
    public record ImportResult(int added, int replaced) {
    }
}
