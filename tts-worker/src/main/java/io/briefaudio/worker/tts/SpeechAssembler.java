package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.text.Pause;
import java.util.Arrays;

/**
 * Joins synthesized chunks into one track: each chunk trimmed of the engine's own leading and trailing
 * silence, faded in and out so no edge clicks, and separated by silence of a length we choose.
 * Not thread-safe: one per narration.
 */
final class SpeechAssembler {

    /** About -50 dBFS: quieter than any speech, louder than an engine's dithered silence. */
    private static final float SILENCE_THRESHOLD = 0.003f;

    private final NarrationSettings settings;
    private float[] samples = new float[1 << 16];
    private int length;
    private int sampleRate;
    private long leadingMillis;

    SpeechAssembler(NarrationSettings settings) {
        this.settings = settings;
    }

    Placement append(Pcm chunk, Pause pauseAfter) throws SynthesisException {
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

    Placement append(Pcm chunk, long pauseAfterMillis) throws SynthesisException {
        if (sampleRate == 0) {
            sampleRate = chunk.sampleRate();
            write(new float[millisToSamples(leadingMillis)]);
        } else if (sampleRate != chunk.sampleRate()) {
            throw new SynthesisException("engine changed sample rate mid-narration: " + sampleRate + " then "
                    + chunk.sampleRate(), false);
        }
        // Trimmed to the first and last audible sample, so the fades shape the speech edges themselves.
        float[] speech = trimSilence(chunk.samples());
        fadeEdges(speech, millisToSamples(settings.fade().toMillis()));
        long start = length;
        write(speech);
        write(new float[millisToSamples(pauseAfterMillis)]);
        return new Placement(start, speech.length == 0 ? 0 : firstAudible(chunk.samples()), speech.length, sampleRate);
    }

    boolean isEmpty() {
        return sampleRate == 0;
    }

    Pcm toPcm() {
        return new Pcm(Arrays.copyOf(samples, length), sampleRate);
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

    private void write(float[] more) {
        if (length + more.length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + more.length));
        }
        System.arraycopy(more, 0, samples, length, more.length);
        length += more.length;
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
