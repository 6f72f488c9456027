package io.briefaudio.shared.pronunciation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlsTest {

    private static final SafeXml.Limits LIMITS = new SafeXml.Limits(1_000_000, 8, 100_000);

    @Test
    void shouldReadEveryGraphemeOfEachLexemeWithItsPreferredPronunciation() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
                         alphabet="ipa" xml:lang="en-US">
                  <meta name="author" content="desk"/>
                  <lexeme>
                    <grapheme>NATO</grapheme>
                    <alias>nay-toe</alias>
                  </lexeme>
                  <lexeme>
                    <grapheme>Nguyen</grapheme><grapheme>Nguyễn</grapheme>
                    <phoneme>ŋwiən</phoneme>
                    <phoneme prefer="true">wɪn</phoneme>
                    <alias>win</alias>
                    <example>Mr Nguyen said</example>
                  </lexeme>
                </lexicon>""";
        List<Pls.Entry> entries = Pls.parse(xml, LIMITS);
        assertThat(entries).extracting(Pls.Entry::grapheme).containsExactly("NATO", "Nguyen", "Nguyễn");
        assertThat(entries.get(0).alias()).isEqualTo("nay-toe");
        assertThat(entries.get(0).phoneme()).isNull();
        assertThat(entries.get(1).phoneme()).isEqualTo("wɪn");
        assertThat(entries.get(1).alphabet()).isEqualTo("ipa");
        assertThat(entries.get(2).alias()).isEqualTo("win");
        assertThat(entries).allSatisfy(e -> assertThat(e.language()).isEqualTo("en"));
    }

    @Test
    void shouldWriteADocumentThatReadsBackAsTheSameEntries() throws Exception {
        List<LexiconEntry> entries = List.of(
                LexiconEntry.of("NATO", "nay-toe", null, false, null),
                LexiconEntry.of("Nguyen", "win", "ŋwiən", true, "en"),
                LexiconEntry.of("AT&T <co>", "A T and T", null, false, "de"));
        String xml = Pls.write(entries);
        assertThat(xml).contains("xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\"").contains("xml:lang=\"und\"")
                .contains("AT&amp;T &lt;co&gt;");
        List<Pls.Entry> read = Pls.parse(xml, LIMITS);
        assertThat(read).extracting(e -> LexiconEntry.of(e.grapheme(), e.alias(), e.phoneme(), e.caseSensitive(), e.language()))
                .isEqualTo(entries);
    }

    @Test
    void shouldUseTheCommonLanguageAsTheDocumentsLanguage() throws Exception {
        String xml = Pls.write(List.of(LexiconEntry.of("Xi", "shee", null, false, "en")));
        assertThat(xml).contains("xml:lang=\"en\"").doesNotContain("ba:language");
        assertThat(Pls.parse(xml, LIMITS)).singleElement().extracting(Pls.Entry::language).isEqualTo("en");
    }

    @Test
    void shouldRefuseWhatIsNotAPlsLexicon() {
        assertThatThrownBy(() -> Pls.parse("<lexicon version=\"1.0\"/>", LIMITS)).hasMessageContaining("root element");
        assertThatThrownBy(() -> Pls.parse("<lexicon xmlns=\"" + Pls.NAMESPACE + "\"/>", LIMITS))
                .hasMessageContaining("version");
        String lexicon = "<lexicon version=\"1.0\" xmlns=\"" + Pls.NAMESPACE + "\" alphabet=\"ipa\" xml:lang=\"en\">";
        assertThatThrownBy(() -> Pls.parse(lexicon + "<lexeme><alias>x</alias></lexeme></lexicon>", LIMITS))
                .hasMessageContaining("<grapheme>");
        assertThatThrownBy(() -> Pls.parse(lexicon + "<lexeme><grapheme>x</grapheme></lexeme></lexicon>", LIMITS))
                .hasMessageContaining("<alias> or a <phoneme>");
        assertThatThrownBy(() -> Pls.parse(lexicon + "<lexeme><grapheme>x</grapheme><speak/></lexeme></lexicon>", LIMITS))
                .isInstanceOfSatisfying(InvalidXmlException.class, e -> assertThat(e.element()).isEqualTo("speak"));
        assertThatThrownBy(() -> Pls.parse(HostileXml.billionLaughs("lexicon") + lexicon + "<lexeme><grapheme>&lol9;"
                + "</grapheme><alias>x</alias></lexeme></lexicon>", LIMITS)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldMapDocumentLanguagesToBriefLanguages() {
        assertThat(Pls.language("en-GB")).isEqualTo("en");
        assertThat(Pls.language("zh-CN")).isEqualTo("zh-cn");
        assertThat(Pls.language("und")).isNull();
        assertThat(Pls.language("sv-SE")).isNull();
        assertThat(Pls.language(null)).isNull();
    }
}
