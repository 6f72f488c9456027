package io.briefaudio.worker.tts.quality;

import io.briefaudio.worker.tts.audio.Pcm;
import java.util.Arrays;

/** Constructed audio for the quality checks: speech-like tones, silences, and text of a known length. */
final class Signals {

    static final int RATE = 24_000;

    private Signals() {
    }

    /** A 220 Hz tone with a 3 Hz tremolo (never silent for a 10 ms frame), {@code seconds} long, peak {@code amp}. */
    static float[] tone(double seconds, double amp) {
        float[] out = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) RATE;
            out[i] = (float) (amp * (0.75 + 0.25 * Math.sin(2 * Math.PI * 3 * t)) * Math.sin(2 * Math.PI * 220 * t));
        }
        return out;
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }

    static float[] join(float[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        float[] out = new float[length];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static Pcm pcm(float[] samples) {
        return new Pcm(samples, RATE);
    }

    /** English text whose speakable characters take {@code seconds} at the built-in rate (13 a second). */
    static String textLasting(double seconds) {
        int letters = (int) Math.round(seconds * SpeakingRates.DEFAULTS.rate("en"));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < letters; i++) {
            out.append((char) ('a' + i % 26));
            if (i % 6 == 5) {
                out.append(' ');
            }
        }
        return out.toString().strip() + ".";
    }
}
