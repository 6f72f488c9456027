package io.briefaudio.worker.tts;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.quality.CodeTrace;
import io.briefaudio.worker.tts.quality.Take;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A text-to-speech engine. An engine is loaded once and reused for every item; implementations must
 * be safe to call from several worker threads at once.
 */
public interface SpeechEngine {

    /** Engine name recorded with every asset, e.g. {@code espeak-ng} or {@code xtts-v2}. */
    String name();

    /**
     * The routing key of this engine: a worker running it claims only the items of jobs that name it. Derived from
     * {@link #name()} ({@code espeak-ng} → espeak, {@code xtts-v2} → xtts, {@code kokoro-…} → kokoro).
     */
    default Engine engine() {
        return Engine.ofEngineName(name()).orElseThrow(() -> new IllegalStateException(
                "engine '" + name() + "' has no routing key; override SpeechEngine.engine()"));
    }

    /**
     * The engine's own voices beside the presets (XTTS studio speakers, Kokoro voice packs), which jobs name as
     * {@code ENGINE:NAME}; workers announce them with their heartbeat. None by default.
     */
    default List<String> voices() {
        return List.of();
    }

    /**
     * Speaks the chunks of one item in one of the engine's own voices,
     * with the engine's default settings. {@code voiceName} is what follows {@code ENGINE:}.
     *
     * @throws SynthesisException permanent when the engine has no such voice
     */
    default List<Pcm> synthesizeAll(List<String> texts, String voiceName, String language) throws SynthesisException {
        throw new SynthesisException(name() + " has no voice '" + voiceName + "' of its own; its voices are " + voices(),
                true);
    }

    /**
     * The licence of the model this engine runs, as an operator must read it before publishing the audio
     * ({@code Apache-2.0}, {@code CPML}, {@code GPL-3.0-or-later}); logged at start-up.
     */
    default String license() {
        return null;
    }

    /** Model or program version; part of the audio cache key, so a new model never reuses old audio. */
    String modelVersion();

    /** Brief languages (as in {@code Languages.SUPPORTED}) this engine can speak. */
    Set<String> languages();

    /** The longest text, in characters, one {@link #synthesize} call accepts for the language. */
    int maxChunkChars(String language);

    /**
     * Speaks one chunk of prepared text.
     *
     * @throws SynthesisException with {@code permanent=true} when retrying cannot help
     *                            (unsupported language, text the engine cannot speak)
     */
    Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException;

    /**
     * Whether this engine speaks this IPA (from a lexicon entry or an SSML {@code <phoneme>}) in this language exactly.
     * If so, chunks reach {@link #synthesize} with the phoneme as a {@code {ph:…}} directive in place
     * ({@link io.briefaudio.worker.tts.text.Directives}); if not, narration puts the fallback text there instead.
     * Part of what prepared text, and so the cache key, holds.
     */
    default boolean speaksIpa(String ipa, String language) {
        return false;
    }

    /** Whether this engine can speak custom voices cloned from a reference clip. */
    default boolean canClone() {
        return false;
    }

    /** Whether {@link #cloneVoice} takes clips at this sample rate as they are (others are converted first). */
    default boolean acceptsClipRate(int sampleRate) {
        return true;
    }

    /**
     * Turns a mono reference clip into the engine's voice representation.
     *
     * @throws SynthesisException permanent when the engine cannot clone or the clip cannot be used
     */
    default ClonedVoice cloneVoice(float[] samples, int sampleRate) throws SynthesisException {
        throw new SynthesisException(name() + " cannot clone voices; custom voices need an XTTS worker", true);
    }

    /** Speaks prepared text in a cloned voice, with the sampling settings of the {@code base} preset. */
    default Pcm synthesize(String text, ClonedVoice voice, VoicePreset base, String language) throws SynthesisException {
        throw new SynthesisException(name() + " cannot speak custom (cloned) voices; run an XTTS worker for them", true);
    }

    /** As {@link #synthesizeAll(List, VoicePreset, String)}, in a cloned voice with the settings of {@code base}. */
    default List<Pcm> synthesizeAll(List<String> texts, ClonedVoice voice, VoicePreset base, String language)
            throws SynthesisException {
        List<Pcm> out = new ArrayList<>();
        for (String text : texts) {
            out.add(synthesize(text, voice, base, language));
        }
        return out;
    }

    /**
     * This engine speaking {@code take} of whatever it is asked, telling {@code traces} how each sentence it returns
     * was drawn. Engines whose audio never varies (the default) are their own every take and report no codes.
     */
    default SpeechEngine take(Take take, BiConsumer<Pcm, CodeTrace> traces) {
        return this;
    }

    /** Whether another {@link Take} can sound different (XTTS samples); only then does re-synthesis help. */
    default boolean varies() {
        return false;
    }

    /** How much faster than its natural pace the engine speaks this preset (1 when it has no such setting). */
    default double speed(VoicePreset voice) {
        return 1.0;
    }

    /**
     * Speaks several chunks of one item, in order. An engine that decodes in batches (XTTS) takes them all at
     * once; the default speaks them one after another.
     */
    default List<Pcm> synthesizeAll(List<String> texts, VoicePreset voice, String language) throws SynthesisException {
        List<Pcm> out = new ArrayList<>();
        for (String text : texts) {
            out.add(synthesize(text, voice, language));
        }
        return out;
    }
}
