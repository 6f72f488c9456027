package io.briefaudio.shared.pronunciation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    private static final SafeXml.Limits LIMITS = new SafeXml.Limits(100_000, 16, 1000);

    @Test
    void shouldReadElementsAttributesTextAndWhereEachStarts() throws Exception {
        XmlElement root = SafeXml.parse("<a x=\"1\">\n  <b>one &amp; <![CDATA[two]]></b>&#x41;</a>", LIMITS);
        assertThat(root.name()).isEqualTo("a");
        assertThat(root.attribute("x")).isEqualTo("1");
        assertThat(root.elements()).singleElement().satisfies(b -> {
            assertThat(b.text()).isEqualTo("one & two");
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.column()).isEqualTo(3);
        });
        assertThat(root.text()).endsWith("A");
    }

    @Test
    void shouldRefuseBillionLaughsWithoutExpandingAnything() {
        String xml = HostileXml.billionLaughs("a") + "<a>&lol9;</a>";
        long started = System.nanoTime();
        assertThatThrownBy(() -> SafeXml.parse(xml, LIMITS)).isInstanceOf(InvalidXmlException.class)
                .hasMessageContaining("DOCTYPE");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void shouldNeverReadAnExternalEntityOrDtd(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String entity = HostileXml.externalEntityDoctype("a", secret.toUri().toString()) + "<a>&xxe;</a>";
        assertThatThrownBy(() -> SafeXml.parse(entity, LIMITS)).isInstanceOf(InvalidXmlException.class)
                .hasMessageNotContaining("TOP-SECRET");
        String dtd = HostileXml.externalDtd("a", secret.toUri().toString()) + "<a>x</a>";
        assertThatThrownBy(() -> SafeXml.parse(dtd, LIMITS)).isInstanceOf(InvalidXmlException.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> SafeXml.parse("<a>&xxe;</a>", LIMITS)).isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> SafeXml.parse("<a>&nbsp;</a>", LIMITS)).isInstanceOf(InvalidXmlException.class);
    }

    @Test
    void shouldRefuseDeepNestingTooManyElementsAndTooLargeDocuments() {
        assertThatThrownBy(() -> SafeXml.parse(HostileXml.nested("a", 17), LIMITS))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("nested deeper than 16");
        assertThatThrownBy(() -> SafeXml.parse(HostileXml.nested("a", 100_000), new SafeXml.Limits(10_000_000, 16, 1000)))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("nested deeper than 16");
        assertThatThrownBy(() -> SafeXml.parse("<a>" + "<b/>".repeat(1001) + "</a>", LIMITS))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("more than 1000 elements");
        assertThatThrownBy(() -> SafeXml.parse("<a>" + "x".repeat(100_000) + "</a>", LIMITS))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("at most 100000");
    }

    @Test
    void shouldSayWhereMalformedXmlBreaks() {
        assertThatThrownBy(() -> SafeXml.parse("<a>\n<b></a>", LIMITS)).isInstanceOfSatisfying(InvalidXmlException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("malformed XML").doesNotContain("javax").contains("line 2");
                });
        assertThatThrownBy(() -> SafeXml.parse("", LIMITS)).isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> SafeXml.parse("just text", LIMITS)).isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> SafeXml.parse("<a/><b/>", LIMITS)).isInstanceOf(InvalidXmlException.class);
    }
}
