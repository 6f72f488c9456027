package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real espeak-ng program. */
class EspeakIpaTest {

    private static EspeakIpa espeak;

    @BeforeAll
    static void findProgram() {
        espeak = new EspeakIpa(new EspeakProgram("espeak-ng", Duration.ofSeconds(30)));
    }

    @Test
    void shouldReadIpaWithTiesAndStress() throws SynthesisException {
        assertEquals(List.of("həlˈo^ʊ wˈɜːld"), espeak.read(List.of("Hello world"), "en-us"));
    }

    @Test
    void shouldRemoveLanguageSwitchFlags() throws SynthesisException {
        String ipa = espeak.read(List.of("C'est le weekend"), "fr-fr").get(0);

        assertTrue(ipa.contains("wiːkˈɛnd"), ipa);
        assertTrue(!ipa.contains("(") && !ipa.contains(")"), ipa);
    }

    @Test
    void shouldGiveEachRunItsOwnIpaWhenReadTogether() throws SynthesisException {
        List<String> runs = List.of("Hello world", "this is the weekend", "in the end", "nineteen ninety");
        assertEquals(eachAlone(runs, "en-gb"), espeak.read(runs, "en-gb"));
    }

    @Test
    void shouldStayAlignedWhenEspeakSaysNothingForARunOrCutsOneInTwo() throws SynthesisException {
        String long1 = "the government said on Monday that officials would debate new measures ".repeat(14).strip();
        List<String> runs = List.of("good morning", "'", long1, "and goodbye");

        List<String> together = espeak.read(runs, "en-us");

        assertEquals(4, together.size());
        assertEquals(espeak.read(List.of("good morning"), "en-us"), together.subList(0, 1));
        assertEquals("", together.get(1));
        assertEquals(long1.split(" ").length, together.get(2).split(" ").length, together.get(2));
        assertEquals(espeak.read(List.of("and goodbye"), "en-us"), together.subList(3, 4));
    }

    @Test
    void shouldNotMistakeARunForTheMarker() throws SynthesisException {
        List<String> runs = List.of("Qz", "qz", "Q z", "fine");
        assertEquals(eachAlone(runs, "en-us"), espeak.read(runs, "en-us"));
    }

    @Test
    void shouldReadManyRunsInSeveralBatches() throws SynthesisException {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            runs.add("item number " + (i % 2 == 0 ? "one" : "two") + " of the news today");
        }
        List<String> ipa = espeak.read(runs, "en-us");

        assertEquals(400, ipa.size());
        assertNotEquals(ipa.get(0), ipa.get(1));
        assertEquals(ipa.get(0), ipa.get(398));
        assertEquals(ipa.get(1), ipa.get(399));
    }

    private static List<String> eachAlone(List<String> runs, String voice) throws SynthesisException {
        List<String> alone = new ArrayList<>();
        for (String run : runs) {
            alone.addAll(espeak.read(List.of(run), voice));
        }
        return alone;
    }
}
