package io.briefaudio.worker.tts.xtts;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.quality.CodeTrace;
import io.briefaudio.worker.tts.quality.Take;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** One {@link Take} of an {@link XttsEngine}: the same model and batch, other seeds, each sentence's codes reported. */
final class XttsTake implements SpeechEngine {

    private final XttsEngine engine;
    private final Take take;
    private final BiConsumer<Pcm, CodeTrace> traces;

    XttsTake(XttsEngine engine, Take take, BiConsumer<Pcm, CodeTrace> traces) {
        this.engine = engine;
        this.take = take;
        this.traces = traces;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Engine engine() {
        return engine.engine();
    }

    @Override
    public String modelVersion() {
        return engine.modelVersion();
    }

    @Override
    public Set<String> languages() {
        return engine.languages();
    }

    @Override
    public int maxChunkChars(String language) {
        return engine.maxChunkChars(language);
    }

    @Override
    public boolean varies() {
        return true;
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        return synthesizeAll(List.of(text), voice, language).get(0);
    }

    @Override
    public List<Pcm> synthesizeAll(List<String> texts, VoicePreset voice, String language) throws SynthesisException {
        return engine.synthesizeAll(texts, voice, language, take, traces);
    }

    @Override
    public List<Pcm> synthesizeAll(List<String> texts, String voiceName, String language) throws SynthesisException {
        return engine.synthesizeAll(texts, voiceName, language, take, traces);
    }

    @Override
    public Pcm synthesize(String text, ClonedVoice voice, VoicePreset base, String language) throws SynthesisException {
        return synthesizeAll(List.of(text), voice, base, language).get(0);
    }

    @Override
    public List<Pcm> synthesizeAll(List<String> texts, ClonedVoice voice, VoicePreset base, String language)
            throws SynthesisException {
        return engine.synthesizeAll(texts, voice, base, language, take, traces);
    }
}
