package io.briefaudio.worker.tts.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    private static final int RATE = 22050;

    @Test
    void shouldBringQuietAndLoudSpeechToTheSameLoudness() {
        Pcm quiet = Loudness.normalise(tone(0.01f, 220), -16, -1.5);
        Pcm loud = Loudness.normalise(tone(0.6f, 220), -16, -1.5);

        assertEquals(-16, lufs(quiet), 0.2);
        assertEquals(-16, lufs(loud), 0.2);
    }

    @Test
    void shouldIgnorePausesWhenMeasuringLoudness() {
        float[] withPause = new float[RATE * 2];
        System.arraycopy(tone(0.1f, 220).samples(), 0, withPause, 0, RATE);

        Pcm levelled = Loudness.normalise(new Pcm(withPause, RATE), -16, -1.5);

        assertEquals(-16, lufs(levelled), 0.2);
    }

    @Test
    void shouldMeasureAFullScaleKiloHertzToneAsTheStandardSays() {
        // BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LUFS.
        assertEquals(-3.01, lufs(tone(1f, 997)), 0.05);
    }

    @Test
    void shouldKeepTheTruePeakUnderTheCeilingWithRoomForTheEncoder() {
        float[] samples = tone(0.1f, 220).samples();
        for (int i = 0; i < samples.length; i += 997) {
            samples[i] = 0.9f; // clicks whose peaks between samples exceed the samples
        }
        Pcm levelled = Loudness.normalise(new Pcm(samples, RATE), -16, -1.5);

        double truePeakDb = Loudness.toDb(LoudnessMeter.truePeak(levelled.samples()));
        assertTrue(truePeakDb <= -1.5 - Loudness.CODEC_HEADROOM_DB + 0.01, "true peak " + truePeakDb);
    }

    @Test
    void shouldLimitPeaksSmoothlyWithoutLoweringTheRest() {
        float[] samples = tone(0.1f, 220).samples();
        int burst = 2000;
        for (int i = 0; i < burst; i++) {
            samples[RATE / 2 + i] *= (float) (1 + 8 * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / burst)));
        }
        Pcm input = new Pcm(samples.clone(), RATE);

        Pcm levelled = Loudness.normalise(input, -16, -1.5);

        assertTrue(AudioProbe.peak(levelled.samples()) <= Math.pow(10, -2.5 / 20.0) + 1e-6);
        assertEquals(-16, lufs(levelled), 0.5);
        double gain = Math.pow(10, (AudioProbe.rmsDbfs(levelled) - AudioProbe.rmsDbfs(input)) / 20);
        double inputStep = AudioProbe.maxJump(samples, 0, samples.length) * gain;
        double outputStep = AudioProbe.maxJump(levelled.samples(), 0, samples.length);
        assertTrue(outputStep <= 1.1 * inputStep, "limiter made steps of " + outputStep + " from " + inputStep);
    }

    @Test
    void shouldLeaveSilenceSilent() {
        Pcm silence = new Pcm(new float[RATE], RATE);
        assertEquals(silence, Loudness.normalise(silence, -16, -1.5));
    }

    private static double lufs(Pcm pcm) {
        return LoudnessMeter.integratedLufs(pcm.samples(), pcm.sampleRate());
    }

    private static Pcm tone(float amplitude, double hz) {
        float[] samples = new float[RATE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new Pcm(samples, RATE);
    }
}
