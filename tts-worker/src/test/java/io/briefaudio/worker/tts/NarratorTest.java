package io.briefaudio.worker.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.AudioProbe;
import io.briefaudio.worker.tts.audio.Loudness;
import io.briefaudio.worker.tts.audio.LoudnessMeter;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole pipeline with the real espeak-ng: prepare, chunk, speak, join, level, encode. */
class NarratorTest {

    private static final String NEWS = """
            <h2>Markets</h2>
            <p>Stocks rose 2.4% on Monday. The index closed at 4,512 points, its best day since 1998.
            Oil slipped to $81.20 a barrel.</p>
            <p>Analysts at the bank said the rally could last; others were less sure. Trading resumes at 9:30 a.m.</p>
            """;

    private static Narrator narrator;

    @BeforeAll
    static void loadEngine() {
        narrator = new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30)));
    }

    @Test
    void shouldNarrateToAPcm16MonoWavWithItsDuration() throws Exception {
        NarratedAudio audio = narrator.narrate(narrator.prepare(NEWS, "en"), VoicePreset.PROFESSIONAL, "en");

        Pcm decoded = WavDecoder.decode(audio.wav());
        assertEquals(22050, audio.sampleRate());
        assertEquals(44 + decoded.samples().length * 2, audio.wav().length);
        assertEquals(decoded.durationMillis(), audio.durationMillis());
        assertTrue(audio.durationMillis() > 10_000, "duration " + audio.durationMillis());
    }

    @Test
    void shouldPauseBetweenSentencesAndLongerBetweenParagraphs() throws Exception {
        String prepared = narrator.prepare("First sentence here. Second sentence here.\n\nA new paragraph starts.", "en");
        Pcm pcm = WavDecoder.decode(narrator.narrate(prepared, VoicePreset.CALM, "en").wav());

        List<int[]> pauses = AudioProbe.silentRuns(pcm.samples(), pcm.sampleRate() / 5);
        assertEquals(2, pauses.size(), "one sentence pause and one paragraph pause");
        double sentencePause = millis(pauses.get(0), pcm);
        double paragraphPause = millis(pauses.get(1), pcm);
        assertTrue(sentencePause >= 250 && sentencePause < 330, "sentence pause " + sentencePause);
        assertTrue(paragraphPause >= 600 && paragraphPause < 680, "paragraph pause " + paragraphPause);
    }

    @Test
    void shouldJoinManyChunksWithoutClicks() throws Exception {
        String longText = NEWS.repeat(4);
        Pcm pcm = WavDecoder.decode(narrator.narrate(narrator.prepare(longText, "en"), VoicePreset.FRIENDLY, "en").wav());

        List<int[]> joins = AudioProbe.silentRuns(pcm.samples(), pcm.sampleRate() / 10);
        assertTrue(joins.size() >= 20, "joins " + joins.size());
        int edge = pcm.sampleRate() / 1000;
        double worst = 0;
        for (int[] join : joins) {
            worst = Math.max(worst, AudioProbe.maxJump(pcm.samples(), join[0] - edge, join[0] + 1));
            worst = Math.max(worst, AudioProbe.maxJump(pcm.samples(), join[1] - 1, join[1] + edge));
        }
        System.out.printf("%d joins, largest step at a join %.4f (full scale 1.0)%n", joins.size(), worst);
        assertTrue(worst < 0.01, "click at a join: step " + worst);
    }

    @Test
    void shouldLevelEveryPresetToTheSameLoudness() throws Exception {
        String prepared = narrator.prepare(NEWS, "en");
        for (VoicePreset preset : VoicePreset.values()) {
            Pcm pcm = WavDecoder.decode(narrator.narrate(prepared, preset, "en").wav());
            double lufs = LoudnessMeter.integratedLufs(pcm.samples(), pcm.sampleRate());
            double truePeak = Loudness.toDb(LoudnessMeter.truePeak(pcm.samples()));
            System.out.printf("preset %-13s %.1f LUFS, true peak %.1f dBTP%n", preset.id(), lufs, truePeak);
            assertEquals(-16.0, lufs, 0.5, preset.id());
            assertTrue(truePeak <= -1.5, preset.id() + " true peak " + truePeak);
        }
    }

    @Test
    void shouldTakeLongerToSayMore() throws Exception {
        long one = narrator.narrate("Good morning.", VoicePreset.WARM, "en").durationMillis();
        long three = narrator.narrate("Good morning. Good afternoon. Good evening, everyone.", VoicePreset.WARM, "en")
                .durationMillis();
        assertTrue(three > 2.5 * one, one + " ms vs " + three + " ms");
    }

    @Test
    void shouldFailPermanentlyForTextWithoutWords() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> narrator.narrate(narrator.prepare("<br> ... ***", "en"), VoicePreset.WARM, "en"));
        assertTrue(e.isPermanent());
    }

    @Test
    void shouldFailPermanentlyForALanguageTheEngineDoesNotSpeak() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> narrator.narrate("Hallo.", VoicePreset.WARM, "xx"));
        assertTrue(e.isPermanent());
    }

    private static double millis(int[] run, Pcm pcm) {
        return (run[1] - run[0]) * 1000.0 / pcm.sampleRate();
    }
}
