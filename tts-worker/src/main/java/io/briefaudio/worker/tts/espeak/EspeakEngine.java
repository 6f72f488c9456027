package io.briefaudio.worker.tts.espeak;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.EngineUnavailableException;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.text.Directives;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.Set;

/**
 * eSpeak NG through its command-line program ({@link EspeakProgram}): the light engine that works out of the
 * box. Stateless and thread-safe: every call runs its own process.
 */
public class EspeakEngine implements SpeechEngine {

    /** No hard limit in eSpeak NG; this keeps one call's time, and so the timeout, predictable. */
    static final int MAX_CHUNK_CHARS = 500;

    private final EspeakProgram espeak;
    private final String version;

    /** @throws EngineUnavailableException when the program cannot be run */
    public EspeakEngine(String program, Duration timeout) {
        this.espeak = new EspeakProgram(program, timeout);
        this.version = espeak.version() + "/" + EspeakVoices.REVISION;
    }

    public EspeakEngine(String program, long timeoutMillis) {
        this(program, Duration.ofMillis(timeoutMillis));
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    /** eSpeak NG and its voice data are GPL-3.0-or-later; the program runs as a separate process, never linked. */
    @Override
    public String license() {
        return "GPL-3.0-or-later";
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public Set<String> languages() {
        return EspeakVoices.LANGUAGES.keySet();
    }

    @Override
    public int maxChunkChars(String language) {
        return MAX_CHUNK_CHARS;
    }

    @Override
    public boolean speaksIpa(String ipa, String language) {
        return EspeakPhonemes.fromIpa(ipa, language).isPresent();
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        EspeakVoices.Voice espeakVoice = EspeakVoices.voice(language, voice);
        if (espeakVoice == null) {
            throw new SynthesisException("eSpeak NG has no voice for language '" + language + "'", true);
        }
        if (text.length() > MAX_CHUNK_CHARS) {
            throw new SynthesisException("chunk of " + text.length() + " characters exceeds eSpeak NG's limit of "
                    + MAX_CHUNK_CHARS, true);
        }
        // -z: no pause after the last sentence, the narrator sets pauses.
        List<String> options = List.of("-v", espeakVoice.name(), "-p", String.valueOf(espeakVoice.pitch()),
                "-s", String.valueOf(espeakVoice.wordsPerMinute()), "-z", "--stdout");
        return WavDecoder.decode(espeak.run(options, withPhonemes(text, language)));
    }

    /**
     * Sanitized text, in which only the phonemes we converted become eSpeak NG's {@code [[...]]} input: the item's
     * own brackets were turned into parentheses long before.
     */
    static String withPhonemes(String text, String language) {
        StringBuilder out = new StringBuilder();
        Matcher m = Directives.PHONEME.matcher(text);
        int from = 0;
        while (m.find()) {
            out.append(EspeakProgram.sanitize(text.substring(from, m.start()))).append(' ');
            Directives.Phoneme p = Directives.phoneme(m);
            out.append(EspeakPhonemes.fromIpa(p.ipa(), language).map(mnemonics -> "[[" + mnemonics + "]]")
                    .orElse(EspeakProgram.sanitize(p.fallback()))).append(' ');
            from = m.end();
        }
        out.append(EspeakProgram.sanitize(text.substring(from)));
        // No space before punctuation that followed a phoneme: "[[w'In]]." ends the sentence as "win." would.
        return out.toString().replaceAll(" +(?=[,.;:!?])", "").replaceAll(" +", " ").strip();
    }
}
