package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.RawAudio;
import io.briefaudio.worker.tts.text.Pause;
import java.io.IOException;
import java.util.Arrays;

/**
 * Joins synthesized chunks into one track: each chunk trimmed of the engine's own leading and trailing
 * silence, faded in and out so no edge clicks, and separated by silence of a length we choose. The track goes to a
 * {@link RawAudio} file as it grows: an item of 5,000 digits is half an hour of speech.
 * Not thread-safe: one per narration.
 */
final class SpeechAssembler {

    /** About -50 dBFS: quieter than any speech, louder than an engine's dithered silence. */
    private static final float SILENCE_THRESHOLD = 0.003f;

    private final NarrationSettings settings;
    private final RawAudio.Writer track;
    private int sampleRate;
    private long leadingMillis;

    SpeechAssembler(NarrationSettings settings, RawAudio.Writer track) {
        this.settings = settings;
        this.track = track;
    }

    Placement append(Pcm chunk, Pause pauseAfter) throws SynthesisException, IOException {
        return append(chunk, pauseMillis(pauseAfter));
    }

    /** Silence before the first chunk (an SSML break before any words), written once the sample rate is known. */
    void leadingSilence(long millis) {
        leadingMillis = millis;
    }

    /**
     * Where a chunk's speech went: {@code length} samples from {@code startSample} of the track, after the first
     * {@code trimmed} samples of the chunk (its own leading silence) were cut.
     */
    record Placement(long startSample, int trimmed, int length, int sampleRate) {
    }

    Placement append(Pcm chunk, long pauseAfterMillis) throws SynthesisException, IOException {
        if (sampleRate == 0) {
            sampleRate = chunk.sampleRate();
            track.silence(millisToSamples(leadingMillis));
        } else if (sampleRate != chunk.sampleRate()) {
            throw new SynthesisException("engine changed sample rate mid-narration: " + sampleRate + " then "
                    + chunk.sampleRate(), false);
        }
        // Trimmed to the first and last audible sample, so the fades shape the speech edges themselves.
        float[] speech = trimSilence(chunk.samples());
        fadeEdges(speech, millisToSamples(settings.fade().toMillis()));
        long start = track.samples();
        track.write(speech, 0, speech.length);
        track.silence(millisToSamples(pauseAfterMillis));
        return new Placement(start, speech.length == 0 ? 0 : firstAudible(chunk.samples()), speech.length, sampleRate);
    }

    boolean isEmpty() {
        return sampleRate == 0;
    }

    /** Samples in the track so far. */
    long length() {
        return track.samples();
    }

    int sampleRate() {
        return sampleRate;
    }

    private long pauseMillis(Pause pause) {
        return switch (pause) {
            case CLAUSE -> settings.clausePause().toMillis();
            case SENTENCE -> settings.sentencePause().toMillis();
            case PARAGRAPH -> settings.paragraphPause().toMillis();
            case END -> 0;
        };
    }

    private int millisToSamples(long millis) {
        return (int) (millis * sampleRate / 1000);
    }

    static float[] trimSilence(float[] in) {
        int first = firstAudible(in);
        if (first == in.length) {
            return new float[0];
        }
        int last = in.length - 1;
        while (Math.abs(in[last]) < SILENCE_THRESHOLD) {
            last--;
        }
        return Arrays.copyOfRange(in, first, last + 1);
    }

    private static int firstAudible(float[] in) {
        int first = 0;
        while (first < in.length && Math.abs(in[first]) < SILENCE_THRESHOLD) {
            first++;
        }
        return first;
    }

    /** Raised-cosine fades: the curve starts and ends flat, so the fade itself adds no click. */
    static void fadeEdges(float[] samples, int fadeLength) {
        int n = Math.min(fadeLength, samples.length / 2);
        for (int i = 0; i < n; i++) {
            float gain = (float) (0.5 - 0.5 * Math.cos(Math.PI * i / n));
            samples[i] *= gain;
            samples[samples.length - 1 - i] *= gain;
        }
    }
}
