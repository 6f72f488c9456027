package io.briefaudio.worker.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.quality.Check;
import io.briefaudio.worker.tts.quality.Finding;
import io.briefaudio.worker.tts.quality.QualityReport;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The quality gate inside narration: what the listener hears, and what the report says about it. */
class NarratorQualityTest {

    private static final int RATE = 22_050;

    /**
     * Speaks every chunk as a tone lasting its letters at 13 a second times {@code pace}; a chunk with the word
     * "stall" stops for 3 seconds in its middle, one with "broken" has a NaN sample.
     */
    private record PacedEngine(double pace) implements SpeechEngine {
        @Override
        public String name() {
            return "paced";
        }

        @Override
        public io.briefaudio.shared.jobs.Engine engine() {
            return io.briefaudio.shared.jobs.Engine.ESPEAK;
        }

        @Override
        public String modelVersion() {
            return "1";
        }

        @Override
        public Set<String> languages() {
            return Set.of("en");
        }

        @Override
        public int maxChunkChars(String language) {
            return 400;
        }

        @Override
        public Pcm synthesize(String text, VoicePreset voice, String language) {
            double seconds = text.chars().filter(Character::isLetterOrDigit).count() / 13.0 * pace;
            float[] tone = tone(seconds);
            if (text.contains("stall")) {
                float[] stalled = new float[tone.length + 3 * RATE];
                System.arraycopy(tone, 0, stalled, 0, tone.length / 2);
                System.arraycopy(tone, tone.length / 2, stalled, tone.length / 2 + 3 * RATE, tone.length - tone.length / 2);
                tone = stalled;
            }
            if (text.contains("broken")) {
                tone[tone.length / 3] = Float.NaN;
            }
            return new Pcm(tone, RATE);
        }

        private static float[] tone(double seconds) {
            float[] out = new float[(int) (seconds * RATE)];
            for (int i = 0; i < out.length; i++) {
                double t = i / (double) RATE;
                out[i] = (float) (0.3 * (0.75 + 0.25 * Math.sin(2 * Math.PI * 3 * t)) * Math.sin(2 * Math.PI * 180 * t));
            }
            return out;
        }
    }

    @Test
    void shouldNotCountAnExplicitPauseAsSilenceButFailAThreeSecondGap() throws Exception {
        Narrator narrator = new Narrator(new PacedEngine(1.0));
        String text = narrator.prepare("<speak>The council met on Tuesday morning. <break time=\"3s\"/> It approved the "
                + "budget after a long debate.</speak>", "en");
        NarratedAudio paused = narrator.narrate(text, VoicePreset.PROFESSIONAL, "en");
        assertThat(paused.quality().status()).isEqualTo(QualityReport.Status.OK);
        assertThat(longestSilenceSeconds(paused)).as("the pause is heard").isGreaterThan(2.9);

        NarratedAudio stalled = narrator.narrate(narrator.prepare("The council met on Tuesday and then it had a stall "
                + "before it approved the budget.", "en"), VoicePreset.PROFESSIONAL, "en");
        assertThat(stalled.quality().status()).isEqualTo(QualityReport.Status.WARN);
        assertThat(stalled.quality().checks()).extracting(Finding::check).containsExactly(Check.INNER_SILENCE);
    }

    @Test
    void shouldWarnAboutAnItemTwiceAsLongAsItsTextPredicts() throws Exception {
        Narrator narrator = new Narrator(new PacedEngine(2.0));
        NarratedAudio audio = narrator.narrate(narrator.prepare("Stocks rose sharply on Tuesday after the central bank "
                + "held its rates. Rain is expected later today across the whole region.", "en"),
                VoicePreset.PROFESSIONAL, "en");

        assertThat(audio.quality().status()).isEqualTo(QualityReport.Status.WARN);
        assertThat(audio.quality().checks()).extracting(Finding::check, Finding::sentence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Check.DURATION, 1),
                        org.assertj.core.groups.Tuple.tuple(Check.DURATION, 2));
        assertThat(audio.quality().resynthesized()).as("a deterministic engine is not asked again").isZero();
        NarratedAudio atPace = new Narrator(new PacedEngine(1.1)).narrate(narrator.prepare("Stocks rose sharply on "
                + "Tuesday after the central bank held its rates.", "en"), VoicePreset.PROFESSIONAL, "en");
        assertThat(atPace.quality().status()).isEqualTo(QualityReport.Status.OK);
    }

    @Test
    void shouldKeepAnItemWithNaNSamplesAudible() throws Exception {
        Narrator narrator = new Narrator(new PacedEngine(1.0));
        NarratedAudio audio = narrator.narrate(narrator.prepare("This sentence is broken somewhere. The next one is "
                + "fine and clear.", "en"), VoicePreset.PROFESSIONAL, "en");

        assertThat(audio.quality().checks()).extracting(Finding::check).containsExactly(Check.NON_FINITE);
        float peak = 0;
        for (float s : WavDecoder.decode(audio.wav()).samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("levelled, not turned to NaN and then silence").isGreaterThan(0.1f);
    }

    private static double longestSilenceSeconds(NarratedAudio audio) throws SynthesisException {
        float[] samples = WavDecoder.decode(audio.wav()).samples();
        int longest = 0;
        int run = 0;
        for (float s : samples) {
            run = Math.abs(s) < 1e-4 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest / (double) audio.sampleRate();
    }
}
