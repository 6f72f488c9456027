package io.briefaudio.worker.tts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSML items as prepared text: what each supported element becomes. */
class SsmlTextTest {

    private static String prepare(String ssml) {
        return TextPreparer.prepare(ssml, "en");
    }

    @Test
    void shouldTurnBreaksAndLanguagesIntoDirectives() {
        assertThat(prepare("<speak>Hello <break time=\"2s\"/> world.</speak>")).isEqualTo("Hello {break:2000} world.");
        assertThat(prepare("<speak>I love <lang xml:lang=\"fr-FR\">la vie</lang>.</speak>"))
                .isEqualTo("I love {lang:fr} la vie {lang:en}.");
    }

    @Test
    void shouldReadSayAsSubAndSentences() {
        assertThat(prepare("<speak><say-as interpret-as=\"characters\">NATO</say-as></speak>")).isEqualTo("N, A, T, O");
        assertThat(prepare("<speak><say-as interpret-as=\"digits\">2024</say-as></speak>")).isEqualTo("two zero two four");
        assertThat(prepare("<speak>She came <say-as interpret-as=\"ordinal\">3</say-as>.</speak>"))
                .isEqualTo("She came third.");
        assertThat(prepare("<speak><say-as interpret-as=\"cardinal\">1,234</say-as></speak>"))
                .isEqualTo("one thousand two hundred thirty-four");
        assertThat(prepare("<speak><say-as interpret-as=\"date\" format=\"dmy\">5/3/2024</say-as></speak>"))
                .isEqualTo("March five, twenty twenty-four");
        assertThat(prepare("<speak><say-as interpret-as=\"telephone\">555-0199</say-as></speak>"))
                .isEqualTo("five five five, zero one nine nine");
        assertThat(prepare("<speak><sub alias=\"North Atlantic Treaty Organization\">NATO</sub> met.</speak>"))
                .isEqualTo("North Atlantic Treaty Organization met.");
        assertThat(prepare("<speak><p><s>One</s><s>Two</s></p><p>Three.</p></speak>")).isEqualTo("One. Two.\n\nThree.");
    }

    @Test
    void shouldShapeEmphasisWithPausesAndKeepPhonemes() {
        assertThat(prepare("<speak>It is <emphasis level=\"strong\">now</emphasis> or never.</speak>"))
                .isEqualTo("It is {break:200} now {break:150} or never.");
        assertThat(prepare("<speak><phoneme alphabet=\"ipa\" ph=\"wɪn\">Nguyen</phoneme> spoke.</speak>"))
                .isEqualTo(Directives.phonemeOf("wɪn", "Nguyen", false) + " spoke.");
    }

    @Test
    void shouldApplyTheLexiconToSsmlTextInItsLanguage() {
        Lexicon lexicon = new Lexicon(List.of(LexiconEntry.of("Paris", "Pahree", null, false, "fr")));
        assertThat(TextPreparer.prepare("<speak>Paris and <lang xml:lang=\"fr\">Paris</lang></speak>", "en", lexicon))
                .isEqualTo("Paris and {lang:fr} Pahree {lang:en}");
    }

    @Test
    void shouldNeverLetAnItemWriteItsOwnDirectives() {
        assertThat(prepare("<speak>{break:9000} [[h@'loU]]</speak>")).doesNotContain("{").doesNotContain("[");
        assertThat(TextPreparer.prepare("{break:9000} {ph:41:41:a}", "en")).doesNotContain("{");
    }

    @Test
    void shouldRefuseSsmlOutsideTheSubset() {
        assertThatThrownBy(() -> prepare("<speak><audio src=\"x\"/></speak>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<audio>");
    }
}
