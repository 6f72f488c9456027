package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The XTTS text front end against the tiny fixture's real HF tokenizer: nothing reaches it as [UNK]. */
class XttsTextTest {

    private static final int UNK = 1; // vocab.json: [STOP]=0, [UNK]=1, [SPACE]=2

    private static XttsText text;

    @BeforeAll
    static void load() throws Exception {
        XttsModel model = XttsModel.load(TinyFixture.dir(), 1);
        text = new XttsText(model.tokenizerFile(), model.manifest());
        model.close();
    }

    @AfterAll
    static void close() {
        text.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Salt & pepper, #1 @ noon     | [en]salt[SPACE]and[SPACE]pepper,[SPACE]hash[SPACE]1[SPACE]at[SPACE]noon
            fr | Sel & poivre                 | [fr]sel[SPACE]et[SPACE]poivre
            de | Salz & Pfeffer               | [de]salz[SPACE]und[SPACE]pfeffer
            es | Sal & pimienta               | [es]sal[SPACE]y[SPACE]pimienta
            en | Up 5 ° today                 | [en]up[SPACE]5[SPACE]degree[SPACE]today
            """)
    void shouldSpeakSymbolsAsWordsOfTheLanguage(String language, String written, String spoken) {
        assertThat(text.spoken(written, language)).isEqualTo(spoken);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            es | mañana                       | [es]manana
            fr | «Ça va?» — oui…              | [fr]ça[SPACE]va?[SPACE],[SPACE]oui...
            en | ﬁne x² café                  | [en]fine[SPACE]x2[SPACE]café
            en | Price: €100 ★ ok             | [en]price:[SPACE]100[SPACE]ok
            """)
    void shouldSpellOrDropWhatTheVocabularyLacks(String language, String written, String spoken) {
        assertThat(text.spoken(written, language)).isEqualTo(spoken);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Breaking #news & more: “quotes” – dashes… €5 ★ 😀 Привет
            fr | Ça va? Très bien: 42 «ok» & straße
            de | Ünïcode…?! Größe 5 % ½
            es | ¿Qué tal? ¡Mañana! Año ñandú
            pl | Zażółć gęślą jaźń & więcej
            zh-cn | 你好 & 世界 #1
            ja | 東京 & 大阪 #1
            ko | 안녕 & 세계 #1
            """)
    void shouldNeverHandTheTokenizerAnUnknownCharacter(String language, String written) throws Exception {
        int[] ids = text.encode(written, language);
        assertThat(Arrays.stream(ids).anyMatch(id -> id == UNK)).as(text.spoken(written, language)).isFalse();
        assertThat(ids.length).as("something is still said").isGreaterThan(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Breaking #news
            fr | Ça va? «ok» & straße
            """)
    void shouldHaveProducedUnknownTokensWithoutTheFrontEnd(String language, String written) throws Exception {
        int[] raw = text.tokenize(XttsText.prepare(written, language));
        assertThat(Arrays.stream(raw).anyMatch(id -> id == UNK)).as("the cases above test something").isTrue();
    }
}
