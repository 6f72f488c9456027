package io.briefaudio.worker.jobs;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.Languages;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast engine for queue tests: a short tone per call, with behaviour a test can script per text. */
class ToneEngine implements SpeechEngine {

    /** What the engine does for one call; may sleep, block or throw. */
    interface Behaviour {
        void before(String text, int call) throws SynthesisException, InterruptedException;
    }

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour = (text, call) -> { };

    ToneEngine behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public String name() {
        return "tone";
    }

    /** Queue fixtures write jobs without an engine, which the schema makes espeak's. */
    @Override
    public Engine engine() {
        return Engine.ESPEAK;
    }

    @Override
    public String modelVersion() {
        return "1";
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
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        int call = calls.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
        try {
            behaviour.before(text, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted", false, e);
        }
        float[] samples = new float[1600];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
        }
        return new Pcm(samples, 16000);
    }
}
