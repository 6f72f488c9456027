package io.briefaudio.worker.tts.marks;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.ItemTranscript;
import io.briefaudio.shared.transcripts.SpeechMark;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import io.briefaudio.worker.tts.kokoro.KokoroTiny;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Speech marks of real narrations, laid onto the text as written: for every engine the sentence marks are heard in
 * order, never overlap, hold every word of the text exactly once, and the last ends with the audio; Kokoro's
 * durations give a word mark for every written word; SSML marks point at their tag and are heard where they stand.
 */
class SpeechMarksTest {

    /** Numbers, a percentage, quotes, an abbreviation and a paragraph: prepared text differs from it a lot. */
    private static final String NEWS = "Stocks rose 2.4% on Tuesday, led by chip makers. \"Rain is expected later today,\""
            + " the agency said.\n\nThe new office at 221 Baker Street opens on 3 March.";
    private static final int NEWS_SENTENCES = 3;
    private static final Pattern WRITTEN_WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[^\\s\\p{L}\\p{N}]+[\\p{L}\\p{N}]+)*");

    @Test
    void shouldMarkEverySentenceOfAnEspeakNarration() throws Exception {
        Narrator narrator = new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30)));

        assertSentenceMarks(narrate(narrator, NEWS), NEWS, NEWS_SENTENCES);
    }

    @Test
    void shouldMarkEverySentenceOfAnXttsNarration() throws Exception {
        try (XttsEngine engine = XttsEngine.load(resourceDir("/xtts-tiny/manifest.json"), 1)) {
            assertSentenceMarks(narrate(new Narrator(engine), NEWS), NEWS, NEWS_SENTENCES);
        }
    }

    @Test
    void shouldMarkEverySentenceAndWordOfAKokoroNarration() throws Exception {
        try (KokoroEngine engine = KokoroTiny.load(KokoroTiny.exported())) {
            NarratedAudio audio = narrate(new Narrator(engine), NEWS);
            List<SpeechMark> marks = assertSentenceMarks(audio, NEWS, NEWS_SENTENCES);

            List<SpeechMark> words = ofType(marks, SpeechMark.WORD);
            List<String> written = new ArrayList<>();
            Matcher m = WRITTEN_WORD.matcher(NEWS);
            while (m.find()) {
                written.add(m.group());
            }
            assertThat(words).extracting(SpeechMark::value).as("a word mark for each written word, in order")
                    .containsExactlyElementsOf(written);
            for (int i = 1; i < words.size(); i++) {
                assertThat(words.get(i).time()).as("word %s heard after %s", words.get(i), words.get(i - 1))
                        .isGreaterThanOrEqualTo(words.get(i - 1).time());
                assertThat(words.get(i).start()).isGreaterThanOrEqualTo(words.get(i - 1).end());
            }
            List<SpeechMark> sentences = ofType(marks, SpeechMark.SENTENCE);
            for (SpeechMark word : words) {
                SpeechMark sentence = sentences.stream().filter(s -> s.start() <= word.start() && word.end() <= s.end())
                        .findFirst().orElseThrow();
                List<Cue> cues = ItemTranscript.of(audio.timing(), NEWS).cues();
                Cue cue = cues.get(sentences.indexOf(sentence));
                assertThat(word.time()).as("%s is heard during its sentence", word)
                        .isBetween(cue.startMillis(), cue.endMillis());
            }
        }
    }

    @Test
    void shouldPlaceAnSsmlMarkAtItsTagAndWhereItIsHeard() throws Exception {
        Narrator narrator = new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30)));
        String ssml = "<speak><s>The markets opened higher.</s> <mark name=\"weather\"/><s>Rain is expected later.</s>"
                + "</speak>";

        NarratedAudio audio = narrate(narrator, ssml);
        List<SpeechMark> marks = ItemTranscript.of(audio.timing(), ssml).marks();

        List<SpeechMark> sentences = ofType(marks, SpeechMark.SENTENCE);
        assertThat(sentences).extracting(SpeechMark::value)
                .containsExactly("The markets opened higher.", "Rain is expected later.");
        SpeechMark mark = ofType(marks, SpeechMark.SSML).get(0);
        assertThat(mark.value()).isEqualTo("weather");
        assertThat(ssml.substring(mark.start(), mark.end())).isEqualTo("<mark name=\"weather\"/>");
        assertThat(mark.time()).as("the mark stands right before the second sentence").isEqualTo(sentences.get(1).time());
        assertThat(marks.indexOf(mark)).as("heard at the same time, but first in the text").isEqualTo(1);
    }

    private static NarratedAudio narrate(Narrator narrator, String text) throws Exception {
        return narrator.narrate(narrator.prepare(text, "en"), VoicePreset.PROFESSIONAL, "en");
    }

    /** The properties every narration's sentence marks have; returns all its marks. */
    private static List<SpeechMark> assertSentenceMarks(NarratedAudio audio, String text, int expectedSentences) {
        ItemTranscript transcript = ItemTranscript.of(audio.timing(), text);
        List<SpeechMark> sentences = ofType(transcript.marks(), SpeechMark.SENTENCE);
        assertThat(sentences).hasSize(expectedSentences);
        int[] coverage = new int[text.length()];
        for (int i = 0; i < sentences.size(); i++) {
            SpeechMark s = sentences.get(i);
            assertThat(s.value()).isEqualTo(text.substring(s.start(), s.end()));
            if (i > 0) {
                SpeechMark previous = sentences.get(i - 1);
                assertThat(s.time()).as("sentence %d after sentence %d", i, i - 1).isGreaterThan(previous.time());
                assertThat(s.start()).as("sentences do not overlap").isGreaterThanOrEqualTo(previous.end());
            }
            for (int c = s.start(); c < s.end(); c++) {
                coverage[c]++;
            }
        }
        for (int c = 0; c < text.length(); c++) {
            if (Character.isLetterOrDigit(text.charAt(c)) && !insideTag(text, c)) {
                assertThat(coverage[c]).as("character %d ('%s') is in exactly one sentence", c, text.charAt(c))
                        .isEqualTo(1);
            }
        }
        List<Cue> cues = transcript.cues();
        assertThat(cues).hasSize(expectedSentences);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startMillis()).as("cue %d starts after cue %d ends", i, i - 1)
                    .isGreaterThanOrEqualTo(cues.get(i - 1).endMillis());
        }
        assertThat(cues.get(cues.size() - 1).endMillis()).as("the last sentence ends with the audio")
                .isBetween(audio.durationMillis() - 50, audio.durationMillis() + 50);
        return transcript.marks();
    }

    private static boolean insideTag(String text, int at) {
        int open = text.lastIndexOf('<', at);
        return open >= 0 && text.indexOf('>', open) >= at;
    }

    private static List<SpeechMark> ofType(List<SpeechMark> marks, String type) {
        return marks.stream().filter(m -> m.type().equals(type)).toList();
    }

    private static Path resourceDir(String file) throws Exception {
        return Path.of(SpeechMarksTest.class.getResource(file).toURI()).getParent();
    }
}
