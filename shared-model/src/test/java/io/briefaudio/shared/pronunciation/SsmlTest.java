package io.briefaudio.shared.pronunciation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.pronunciation.SsmlNode.Block;
import io.briefaudio.shared.pronunciation.SsmlNode.Break;
import io.briefaudio.shared.pronunciation.SsmlNode.Emphasis;
import io.briefaudio.shared.pronunciation.SsmlNode.Lang;
import io.briefaudio.shared.pronunciation.SsmlNode.Mark;
import io.briefaudio.shared.pronunciation.SsmlNode.Phoneme;
import io.briefaudio.shared.pronunciation.SsmlNode.SayAs;
import io.briefaudio.shared.pronunciation.SsmlNode.Sub;
import io.briefaudio.shared.pronunciation.SsmlNode.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsmlTest {

    @Test
    void shouldRecogniseSsmlByItsSpeakElement() {
        assertThat(Ssml.isSsml("<speak>Hi</speak>")).isTrue();
        assertThat(Ssml.isSsml("  \n<speak version=\"1.1\">Hi</speak>")).isTrue();
        assertThat(Ssml.isSsml("<?xml version=\"1.0\"?>\n<speak/>")).isTrue();
        assertThat(Ssml.isSsml("<speaker>Hi</speaker>")).isFalse();
        assertThat(Ssml.isSsml("Say <speak>")).isFalse();
        assertThat(Ssml.isSsml("<p>Hi</p>")).isFalse();
    }

    @Test
    void shouldReadEverySupportedElement() throws Exception {
        List<SsmlNode> nodes = Ssml.parse("""
                <speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis"><p><s>Hello <break time="2s"/>world.</s></p>\
                <sub alias="North Atlantic Treaty Organization">NATO</sub> <say-as interpret-as="characters">BBC</say-as>\
                <say-as interpret-as="date" format="dmy">5/3/2024</say-as><phoneme alphabet="ipa" ph="ŋwiən">Nguyen</phoneme>\
                <emphasis level="strong">now</emphasis><lang xml:lang="fr-FR">la vie</lang><mark name="m1"/>\
                <break strength="weak"/><break time="250ms"/><break/></speak>""");
        Block speak = (Block) nodes.get(0);
        List<SsmlNode> c = speak.children();
        Block p = (Block) c.get(0);
        assertThat(p.paragraph()).isTrue();
        Block s = (Block) p.children().get(0);
        assertThat(s.paragraph()).isFalse();
        assertThat(s.children()).containsExactly(new Text("Hello "), new Break(2000), new Text("world."));
        assertThat(c).contains(new Sub("North Atlantic Treaty Organization", "NATO"),
                new SayAs("characters", null, "BBC"), new SayAs("date", "dmy", "5/3/2024"),
                new Phoneme("ŋwiən", "Nguyen"), new Emphasis("strong", List.of(new Text("now"))),
                new Lang("fr", List.of(new Text("la vie"))), new Mark("m1"), new Break(200), new Break(250), new Break(400));
    }

    @Test
    void shouldNameTheUnsupportedElementAndWhereItIs() {
        assertThatThrownBy(() -> Ssml.parse("<speak>\n  Hi <audio src=\"x.mp3\"/></speak>"))
                .isInstanceOfSatisfying(InvalidXmlException.class, e -> {
                    assertThat(e.element()).isEqualTo("audio");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                    assertThat(e.getMessage()).contains("<audio> is not supported");
                });
        for (String bad : List.of("<speak><prosody rate=\"slow\">x</prosody></speak>", "<speak><voice name=\"x\">x</voice></speak>",
                "<p>x</p>", "<speak><break time=\"11s\"/></speak>", "<speak><break time=\"soon\"/></speak>",
                "<speak><break strength=\"huge\"/></speak>", "<speak><break>x</break></speak>",
                "<speak><sub>x</sub></speak>", "<speak><say-as interpret-as=\"unit\">3kg</say-as></speak>",
                "<speak><say-as interpret-as=\"date\" format=\"xyz\">1</say-as></speak>",
                "<speak><say-as interpret-as=\"digits\"></say-as></speak>",
                "<speak><phoneme alphabet=\"x-sampa\" ph=\"x\">x</phoneme></speak>", "<speak><phoneme ph=\"x\">x</phoneme></speak>",
                "<speak><phoneme alphabet=\"ipa\" ph=\"[[x]]\">x</phoneme></speak>", "<speak><emphasis level=\"max\">x</emphasis></speak>",
                "<speak><lang>x</lang></speak>", "<speak><lang xml:lang=\"sv\">x</lang></speak>", "<speak><mark/></speak>",
                "<speak><sub alias=\"a\"><b>x</b></sub></speak>", "<speak><s onclick=\"x\">x</s></speak>",
                "<speak xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:b>x</h:b></speak>", "<speak>x", "<speak>&nbsp;</speak>")) {
            assertThatThrownBy(() -> Ssml.parse(bad)).as(bad).isInstanceOf(InvalidXmlException.class);
        }
        assertThatThrownBy(() -> Ssml.parse("<speak><lang xml:lang=\"sv\">x</lang></speak>"))
                .hasMessageContaining("espeak-ng, xtts-v2, kokoro");
    }

    @Test
    void shouldRefuseHostileXml() {
        assertThatThrownBy(() -> Ssml.parse(HostileXml.billionLaughs("speak") + "<speak>&lol9;</speak>"))
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> Ssml.parse(HostileXml.externalEntityDoctype("speak", "file:///etc/passwd")
                + "<speak>&xxe;</speak>")).isInstanceOf(InvalidXmlException.class).hasMessageNotContaining("root:");
        assertThatThrownBy(() -> Ssml.parse("<speak>" + HostileXml.nested("s", 10_000) + "</speak>"))
                .hasMessageContaining("nested deeper");
    }
}
