package io.briefaudio.shared.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.transcripts.SpeechTiming.Point;
import io.briefaudio.shared.transcripts.SpeechTiming.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timings of spoken text laid onto the text as written, where the two differ the way preparation makes them differ. */
class ItemTranscriptTest {

    @Test
    void shouldPointSentenceMarksAtTheTextAsWrittenWhenNumbersWereSpelledOut() {
        String written = "Stocks rose 2.4% on Tuesday.  Rain is expected.";
        String spoken = "Stocks rose two point four percent on Tuesday. Rain is expected.";
        SpeechTiming timing = timing(spoken, List.of(sentence(spoken, "Stocks", "Tuesday.", 0, 2100),
                sentence(spoken, "Rain", "expected.", 2350, 3400)), List.of());

        ItemTranscript transcript = ItemTranscript.of(timing, written);

        assertThat(transcript.marks()).containsExactly(
                new SpeechMark(0, "sentence", 0, 28, "Stocks rose 2.4% on Tuesday."),
                new SpeechMark(2350, "sentence", 30, 47, "Rain is expected."));
        assertThat(transcript.cues()).containsExactly(new Cue(0, 2100, "Stocks rose 2.4% on Tuesday."),
                new Cue(2350, 3400, "Rain is expected."));
    }

    @Test
    void shouldGiveAWrittenWordTheTimeOfTheFirstWordItWasReadAs() {
        String written = "Up 2.4% today.";
        String spoken = "Up two point four percent today.";
        SpeechTiming timing = timing(spoken, List.of(sentence(spoken, "Up", "today.", 0, 2000)), List.of(
                word(spoken, "Up", 0), word(spoken, "two", 300), word(spoken, "point", 500), word(spoken, "four", 800),
                word(spoken, "percent", 1000), word(spoken, "today", 1500)));

        List<SpeechMark> words = ItemTranscript.of(timing, written).marks().stream()
                .filter(m -> m.type().equals("word")).toList();

        assertThat(words).containsExactly(new SpeechMark(0, "word", 0, 2, "Up"), new SpeechMark(300, "word", 3, 6, "2.4"),
                new SpeechMark(1500, "word", 8, 13, "today"));
    }

    @Test
    void shouldPointAnSsmlMarkAtItsTagAndCaptionWithoutMarkup() {
        String written = "<speak>Tom &amp; Jerry <!-- <mark name=\"no\"/> --><mark name=\"here\"/>laughed.</speak>";
        String spoken = "Tom & Jerry laughed.";
        SpeechTiming timing = new SpeechTiming(SpeechTiming.VERSION, spoken, 1500,
                List.of(sentence(spoken, "Tom", "laughed.", 10, 1490)), List.of(), List.of(new Point(900, 0, "here")));

        ItemTranscript transcript = ItemTranscript.of(timing, written);

        int tag = written.indexOf("<mark name=\"here\"/>");
        assertThat(transcript.marks()).contains(
                new SpeechMark(900, "ssml", tag, tag + "<mark name=\"here\"/>".length(), "here"));
        SpeechMark sentence = transcript.marks().get(0);
        assertThat(sentence.start()).isEqualTo(written.indexOf("Tom"));
        assertThat(sentence.end()).isEqualTo(written.indexOf("</speak>"));
        assertThat(transcript.cues()).containsExactly(new Cue(10, 1490, "Tom & Jerry laughed."));
    }

    @Test
    void shouldKeepEveryWrittenWordInOneSentenceWhenTheTextsShareFewWords() {
        String written = "NATO met. WHO spoke.";
        String spoken = "Nay toe met. World Health Organization spoke.";
        SpeechTiming timing = timing(spoken, List.of(sentence(spoken, "Nay", "met.", 0, 900),
                sentence(spoken, "World", "spoke.", 1100, 2500)), List.of());

        assertThat(ItemTranscript.of(timing, written).marks()).containsExactly(
                new SpeechMark(0, "sentence", 0, 9, "NATO met."),
                new SpeechMark(1100, "sentence", 10, 20, "WHO spoke."));
    }

    @Test
    void shouldReadBackTheTimingItStored() {
        String spoken = "One. Two.";
        SpeechTiming timing = new SpeechTiming(SpeechTiming.VERSION, spoken, 1200,
                List.of(sentence(spoken, "One", "One.", 0, 400)), List.of(word(spoken, "One", 0)),
                List.of(new Point(500, 0, "m")));

        assertThat(SpeechTiming.fromJson(timing.toJson())).isEqualTo(timing);
        assertThat(SpeechTiming.keyFor("brief_1_item_2_20261207_120000_0123abcd.mp3"))
                .isEqualTo("brief_1_item_2_20261207_120000_0123abcd.mp3.marks.json");
    }

    private static SpeechTiming timing(String spoken, List<Span> sentences, List<Span> words) {
        return new SpeechTiming(SpeechTiming.VERSION, spoken, sentences.get(sentences.size() - 1).endTime(), sentences,
                words, List.of());
    }

    private static Span sentence(String spoken, String first, String last, long time, long endTime) {
        int start = spoken.indexOf(first);
        return new Span(time, endTime, start, spoken.indexOf(last, start) + last.length());
    }

    private static Span word(String spoken, String word, long time) {
        int start = spoken.indexOf(word);
        return new Span(time, time + 150, start, start + word.length());
    }
}
