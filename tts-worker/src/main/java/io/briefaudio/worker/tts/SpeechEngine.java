package io.briefaudio.worker.tts;

import io.briefaudio.shared.voices.VoicePreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A text-to-speech engine. An engine is loaded once and reused for every item; implementations must
 * be safe to call from several worker threads at once.
 */
public interface SpeechEngine {

    /** Engine name recorded with every asset, e.g. {@code espeak-ng} or {@code xtts-v2}. */
    String name();

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
