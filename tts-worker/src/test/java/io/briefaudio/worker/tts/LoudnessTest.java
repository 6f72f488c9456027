package io.briefaudio.worker.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    private static final int RATE = 22050;

    @Test
    void shouldBringQuietAndLoudSpeechToTheSameRms() {
        Pcm quiet = Loudness.normalise(tone(0.01f, 220), -20, -1);
        Pcm loud = Loudness.normalise(tone(0.6f, 220), -20, -1);

        assertEquals(-20, AudioProbe.rmsDbfs(quiet), 0.1);
        assertEquals(-20, AudioProbe.rmsDbfs(loud), 0.1);
    }

    @Test
    void shouldIgnorePausesWhenMeasuringLoudness() {
        float[] withPause = new float[RATE * 2];
        System.arraycopy(tone(0.1f, 220).samples(), 0, withPause, 0, RATE);

        Pcm levelled = Loudness.normalise(new Pcm(withPause, RATE), -20, -1);

        assertEquals(-20, AudioProbe.rmsDbfs(levelled), 0.1);
    }

    @Test
    void shouldLimitPeaksSmoothlyWithoutLoweringTheRest() {
        float[] samples = tone(0.1f, 220).samples();
        int burst = 2000;
        for (int i = 0; i < burst; i++) {
            samples[RATE / 2 + i] *= (float) (1 + 8 * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / burst)));
        }
        Pcm input = new Pcm(samples.clone(), RATE);

        Pcm levelled = Loudness.normalise(input, -20, -1);

        assertTrue(AudioProbe.peak(levelled.samples()) <= Math.pow(10, -1 / 20.0) + 1e-6);
        assertEquals(-20, AudioProbe.rmsDbfs(levelled), 0.5);
        double gain = Math.pow(10, (AudioProbe.rmsDbfs(levelled) - AudioProbe.rmsDbfs(input)) / 20);
        double inputStep = AudioProbe.maxJump(samples, 0, samples.length) * gain;
        double outputStep = AudioProbe.maxJump(levelled.samples(), 0, samples.length);
        assertTrue(outputStep <= 1.1 * inputStep, "limiter made steps of " + outputStep + " from " + inputStep);
    }

    @Test
    void shouldLeaveSilenceSilent() {
        Pcm silence = new Pcm(new float[RATE], RATE);
        assertEquals(silence, Loudness.normalise(silence, -20, -1));
    }

    private static Pcm tone(float amplitude, double hz) {
        float[] samples = new float[RATE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new Pcm(samples, RATE);
    }
}
