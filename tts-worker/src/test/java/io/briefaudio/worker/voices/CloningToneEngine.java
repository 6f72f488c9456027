package io.briefaudio.worker.voices;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.Languages;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast engine that "clones" for the queue and processor tests: the voice is the clip's RMS and length, and a
 * cloned voice speaks a tone whose pitch comes from it. The real XTTS path is tested without Quarkus
 * (VoiceClonerParityTest): the tokenizer's native library can be loaded by one class loader only.
 */
public class CloningToneEngine implements SpeechEngine {

    public final AtomicInteger clones = new AtomicInteger();

    @Override
    public String name() {
        return "clone-tone";
    }

    /** Custom voices are XTTS's: a cloning engine stands in for it. */
    @Override
    public Engine engine() {
        return Engine.XTTS;
    }

    @Override
    public String modelVersion() {
        return "clone-tone-1";
    }

    @Override
    public Set<String> languages() {
        return new HashSet<>(Languages.SUPPORTED);
    }

    @Override
    public int maxChunkChars(String language) {
        return 5000;
    }

    @Override
    public boolean canClone() {
        return true;
    }

    @Override
    public ClonedVoice cloneVoice(float[] samples, int sampleRate) {
        clones.incrementAndGet();
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        float rms = (float) Math.sqrt(sum / Math.max(1, samples.length));
        return new ClonedVoice(modelVersion(), new float[] {rms, samples.length / (float) sampleRate},
                new float[] {rms});
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) {
        return tone(220);
    }

    @Override
    public Pcm synthesize(String text, ClonedVoice voice, VoicePreset base, String language) throws SynthesisException {
        return tone(300 + 1000 * voice.speakerEmbedding()[0]);
    }

    private static Pcm tone(double hz) {
        float[] samples = new float[1600];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000.0));
        }
        return new Pcm(samples, 16000);
    }
}
