package io.briefaudio.worker.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where lexicon entries apply: whole words, longest first, by case and language, before numbers are spelled. */
class LexiconTest {

    private static String prepare(String text, LexiconEntry... entries) {
        return TextPreparer.prepare(text, "en", new Lexicon(List.of(entries)));
    }

    @Test
    void shouldReplaceWholeWordsOnly() {
        LexiconEntry nato = LexiconEntry.of("NATO", "nay-toe", null, false, null);
        assertThat(prepare("NATO met. nato met. NATOs met. SENATOR met.", nato))
                .isEqualTo("nay-toe met. nay-toe met. NATOs met. SENATOR met.");
    }

    @Test
    void shouldPreferTheLongestGraphemeAndCaseSensitiveEntries() {
        assertThat(prepare("The New York Times reported from New York.",
                LexiconEntry.of("New York", "the big apple", null, false, null),
                LexiconEntry.of("New York Times", "the Gray Lady", null, false, null)))
                .isEqualTo("The the Gray Lady reported from the big apple.");
        assertThat(prepare("Reading is in Reading, reading said.",
                LexiconEntry.of("Reading", "Redding", null, true, null),
                LexiconEntry.of("reading", "reeding", null, false, null)))
                .isEqualTo("Redding is in Redding, reeding said.");
    }

    @Test
    void shouldApplyOnlyEntriesOfTheTextsLanguage() {
        LexiconEntry german = LexiconEntry.of("Xi", "Tschi", null, false, "de");
        LexiconEntry english = LexiconEntry.of("Xi", "shee", null, false, "en");
        assertThat(TextPreparer.prepare("Xi spoke.", "en", new Lexicon(List.of(german, english)))).isEqualTo("shee spoke.");
        assertThat(TextPreparer.prepare("Xi sprach.", "de", new Lexicon(List.of(german, english)))).isEqualTo("Tschi sprach.");
        assertThat(TextPreparer.prepare("Xi parla.", "fr", new Lexicon(List.of(german, english)))).isEqualTo("Xi parla.");
    }

    @Test
    void shouldApplyAfterMarkupIsStrippedAndBeforeNumbersAreSpelled() {
        assertThat(prepare("<b>NATO</b> has 32 members.", LexiconEntry.of("NATO", "nay-toe", null, false, null)))
                .isEqualTo("nay-toe has thirty-two members.");
        assertThat(prepare("F1 won.", LexiconEntry.of("F1", "formula 1", null, false, null)))
                .isEqualTo("formula one won.");
        assertThat(prepare("Dr. Who", LexiconEntry.of("Dr", "drive", null, true, null))).isEqualTo("drive. Who");
    }

    @Test
    void shouldWriteAPhonemeAsADirectiveWithItsFallback() {
        String prepared = prepare("Mr Nguyen spoke.", LexiconEntry.of("Nguyen", "win", "ŋwiən", false, null));
        assertThat(prepared).startsWith("Mr {ph:").endsWith("} spoke.");
        var m = Directives.PHONEME.matcher(prepared);
        assertThat(m.find()).isTrue();
        assertThat(Directives.phoneme(m)).isEqualTo(new Directives.Phoneme("ŋwiən", "win", true));
        String onlyPhoneme = prepare("Nguyen.", LexiconEntry.of("Nguyen", null, "ŋwiən", false, null));
        var only = Directives.PHONEME.matcher(onlyPhoneme);
        assertThat(only.find()).isTrue();
        assertThat(Directives.phoneme(only)).isEqualTo(new Directives.Phoneme("ŋwiən", "Nguyen", false));
    }

    @Test
    void shouldLeaveTextWithoutEntriesAsBefore() {
        String text = "Stocks rose 2.4% on Monday; {curly} [square] text.";
        assertThat(TextPreparer.prepare(text, "en", Lexicon.EMPTY)).isEqualTo(TextPreparer.prepare(text, "en"))
                .doesNotContain("{").doesNotContain("[");
    }
}
