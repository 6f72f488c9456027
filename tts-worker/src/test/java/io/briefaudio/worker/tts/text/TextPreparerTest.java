package io.briefaudio.worker.tts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextPreparerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Inflation rose 2.4%.                       | Inflation rose two point four percent.
            Shares fell 0.5 % today.                   | Shares fell zero point five percent today.
            It costs $3,497.                           | It costs three thousand four hundred ninety-seven dollars.
            It costs $3.50 now.                        | It costs three dollars and fifty cents now.
            A $1 coin.                                 | A one dollar coin.
            Only $0.99 each.                           | Only ninety-nine cents each.
            A £2.05 fee.                               | A two pounds and five pence fee.
            Raised €12.5m in funding.                  | Raised twelve point five million euros in funding.
            A $4 billion deal.                         | A four billion dollars deal.
            He finished 21st of 103.                   | He finished twenty-first of one hundred three.
            The 1st, 2nd and 3rd place.                | The first, second and third place.
            Founded in 1984.                           | Founded in nineteen eighty-four.
            By 2024 it was done.                       | By twenty twenty-four it was done.
            In 2005 we met.                            | In two thousand five we met.
            Music of the 1990s.                        | Music of the nineteen nineties.
            We meet at 10:30.                          | We meet at ten thirty.
            Doors open at 9:05 a.m. sharp.             | Doors open at nine oh five a m sharp.
            The call starts at 3 PM.                   | The call starts at three p m.
            Lunch at 12:00.                            | Lunch at twelve o'clock.
            The train leaves at 18:45.                 | The train leaves at eighteen forty-five.
            It was -5 degrees.                         | It was minus five degrees.
            About 1,250,000 people.                    | About one million two hundred fifty thousand people.
            Pi is 3.14159.                             | Pi is three point one four one five nine.
            Agent 007 reports.                         | Agent zero zero seven reports.
            A 42 km run.                               | A forty-two kilometers run.
            Heat of 40 °C.                             | Heat of forty degrees Celsius.
            The COVID-19 wave.                         | The COVID-nineteen wave.
            Published 2024-03-15.                      | Published March fifteenth, twenty twenty-four.
            Mr. Smith met Dr. Jones.                   | Mister Smith met Doctor Jones.
            Col. Mustard and Maj. Tom, Esq. spoke.     | Colonel Mustard and Major Tom, Esquire spoke.
            Sgt. Pepper met Rev. Green on Mt. Hood.    | Sergeant Pepper met Reverend Green on Mount Hood.
            Apples, pears, etc. are fruit.             | Apples, pears, et cetera are fruit.
            We sell apples, pears etc. The rest...     | We sell apples, pears et cetera. The rest...
            Fruit, e.g. apples.                        | Fruit, for example apples.
            The U.S. economy.                          | The U S economy.
            """)
    void shouldExpandEnglishNumbersAndAbbreviations(String written, String spoken) {
        assertEquals(spoken, TextPreparer.prepare(written, "en"));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Es kostet 3.497 Euro.          | Es kostet dreitausendvierhundertsiebenundneunzig Euro.
            de | Die Inflation lag bei 2,4 %.   | Die Inflation lag bei zwei Komma vier Prozent.
            de | Wir treffen uns um 10:30.      | Wir treffen uns um zehn Uhr dreißig.
            de | Gegründet 1984.                | Gegründet neunzehnhundertvierundachtzig.
            de | Das kostet 5 €.                | Das kostet fünf Euro.
            de | Obst, z. B. Äpfel.             | Obst, zum Beispiel Äpfel.
            fr | Il y a 21 pays.                | Il y a vingt-et-un pays.
            fr | Une hausse de 2,4 %.           | Une hausse de deux virgule quatre pour cent.
            fr | Le 1er mai.                    | Le premier mai.
            fr | Environ 12 500 personnes.      | Environ douze mille cinq cents personnes.
            es | Tiene 3 gatos.                 | Tiene tres gatos.
            ru | Было 5 человек.                | Было пять человек.
            """)
    void shouldExpandNumbersInOtherLanguages(String language, String written, String spoken) {
        assertEquals(spoken, TextPreparer.prepare(written, language));
    }

    @Test
    void shouldNormaliseToNfc() {
        String decomposed = "Cafe\u0301 cre\u0300me";
        assertEquals("Café crème", TextPreparer.prepare(decomposed, "fr"));
    }

    @Test
    void shouldRemoveHtmlTagsAndDecodeEntities() {
        String html = "<p>Markets <b>rallied</b> &amp; bonds fell&nbsp;&mdash; again.</p><p>Next&#8217;s <a href=\"x\">story</a>.</p>"
                + "<script>alert('x')</script>";
        assertEquals("Markets rallied & bonds fell, again.\n\nNext's story.", TextPreparer.prepare(html, "en"));
    }

    @Test
    void shouldRemoveMarkdownEmphasisLinksAndHeadings() {
        String markdown = "# Big news\n\nThis is **very** _important_ and *new*, see [the report](https://x.io/r).\n"
                + "- first point\n- `second` point";
        assertEquals("Big news\n\nThis is very important and new, see the report. first point second point",
                TextPreparer.prepare(markdown, "en"));
    }

    @Test
    void shouldKeepParagraphsAndCollapseOtherWhitespace() {
        String text = "  First   line\nstill first.\r\n\r\n\n  Second\tparagraph.  ";
        assertEquals("First line still first.\n\nSecond paragraph.", TextPreparer.prepare(text, "en"));
    }

    @Test
    void shouldStripControlAndInvisibleCharacters() {
        String text = "Be\u0000ep\u0007 zero\u200Bwidth\u00AD and \u202Ebidi\u202C\u001B[31m.";
        String prepared = TextPreparer.prepare(text, "en");
        assertFalse(prepared.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                && c != '\n' || Character.getType(c) == Character.FORMAT), prepared);
        assertEquals("Beep zerowidth and bidi(thirty-one m.", prepared);
    }

    @Test
    void shouldUnifyQuotesAndNeutraliseEspeakPhonemeBrackets() {
        String prepared = TextPreparer.prepare("“Hello,” she said ‘quietly’ [[h@l'oU]] «oui».", "en");
        assertEquals("\"Hello,\" she said 'quietly' ((h@l'oU)) \"oui\".", prepared);
        assertFalse(prepared.contains("[["));
    }

    @Test
    void shouldGiveNothingForTextWithoutWords() {
        assertEquals("", TextPreparer.prepare(" <br/> ... \n\n — ", "en"));
        assertTrue(TextPreparer.prepare(null, "en").isEmpty());
    }
}
