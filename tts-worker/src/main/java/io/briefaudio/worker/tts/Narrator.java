package io.briefaudio.worker.tts;

import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Loudness;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavEncoder;
import io.briefaudio.worker.tts.text.SpeechChunk;
import io.briefaudio.worker.tts.text.SpeechChunker;
import io.briefaudio.worker.tts.text.TextPreparer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Turns an item's text into a finished WAV file with the configured {@link SpeechEngine}: prepared text is
 * split into sentences and chunks under the engine's limit, spoken, joined with pauses and levelled.
 * Thread-safe when the engine is.
 */
@ApplicationScoped
public class Narrator {

    private final SpeechEngine engine;
    private final NarrationSettings settings;

    public Narrator(SpeechEngine engine) {
        this(engine, NarrationSettings.DEFAULTS);
    }

    public Narrator(SpeechEngine engine, NarrationSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    @Inject
    public Narrator(SpeechEngine engine, TtsConfig config) {
        this(engine, NarrationSettings.from(config.narration()));
    }

    public SpeechEngine engine() {
        return engine;
    }

    public NarrationSettings settings() {
        return settings;
    }

    /** Levels audio to the delivered loudness: what every narration and every episode goes through last. */
    public Pcm master(Pcm pcm) {
        return Loudness.normalise(pcm, settings.targetLufs(), settings.truePeakDbtp());
    }

    /** {@link #master(Pcm)} for audio in a raw file (an episode), a block at a time, into the file {@code out}. */
    public void master(java.nio.file.Path in, java.nio.file.Path out, int sampleRate) throws java.io.IOException {
        io.briefaudio.worker.tts.audio.FileLoudness.normalise(in, out, sampleRate, settings.targetLufs(),
                settings.truePeakDbtp());
    }

    /** Encodes this narrator's levelled audio so that it stays under the true-peak ceiling once encoded. */
    public Delivery delivery(FfmpegCodec codec) {
        return new Delivery(codec, settings.targetLufs(), settings.truePeakDbtp());
    }

    /** The text exactly as the engine will speak it; equal prepared text means equal audio. */
    public String prepare(String text, String language) {
        return TextPreparer.prepare(text, language);
    }

    public NarratedAudio narrate(String preparedText, VoicePreset voice, String language) throws SynthesisException {
        return narrate(preparedText, language, chunks -> engine.synthesizeAll(chunks, voice, language));
    }

    /** Narrates in a cloned voice with the sampling settings of {@code base}. */
    public NarratedAudio narrate(String preparedText, ClonedVoice voice, VoicePreset base, String language)
            throws SynthesisException {
        return narrate(preparedText, language, chunks -> engine.synthesizeAll(chunks, voice, base, language));
    }

    /** Narrates in one of the engine's own voices ({@code voiceName}: what follows {@code ENGINE:} in the voice id). */
    public NarratedAudio narrateOwnVoice(String preparedText, String voiceName, String language) throws SynthesisException {
        return narrate(preparedText, language, chunks -> engine.synthesizeAll(chunks, voiceName, language));
    }

    /** Speaks all chunks of one item at once, so an engine that batches (XTTS) decodes them together. */
    private interface ChunkVoice {
        List<Pcm> speak(List<String> chunks) throws SynthesisException;
    }

    private NarratedAudio narrate(String preparedText, String language, ChunkVoice voice) throws SynthesisException {
        if (!engine.languages().contains(language)) {
            throw new SynthesisException(engine.name() + " does not speak language '" + language + "'", true);
        }
        List<SpeechChunk> chunks = SpeechChunker.split(preparedText, language, engine.maxChunkChars(language));
        SpeechAssembler assembler = new SpeechAssembler(settings);
        List<Pcm> spoken = voice.speak(chunks.stream().map(SpeechChunk::text).toList());
        for (int i = 0; i < chunks.size(); i++) {
            assembler.append(spoken.get(i), chunks.get(i).pauseAfter());
        }
        if (assembler.isEmpty()) {
            throw new SynthesisException("nothing to say: the text has no words", true);
        }
        Pcm pcm = master(assembler.toPcm());
        return new NarratedAudio(WavEncoder.encode(pcm), pcm.sampleRate(), pcm.durationMillis());
    }
}
