package io.briefaudio.worker.tts;

import io.briefaudio.shared.voices.VoicePreset;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/** Turns an item's text into a finished WAV file with the configured {@link SpeechEngine}. */
@ApplicationScoped
public class Narrator {

    private final SpeechEngine engine;

    public Narrator(SpeechEngine engine) {
        this.engine = engine;
    }

    public SpeechEngine engine() {
        return engine;
    }

    /** The text exactly as the engine will speak it; equal prepared text means equal audio. */
    public String prepare(String text, String language) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    public NarratedAudio narrate(String preparedText, VoicePreset voice, String language) throws SynthesisException {
        if (!engine.languages().contains(language)) {
            throw new SynthesisException(engine.name() + " does not speak language '" + language + "'", true);
        }
        List<float[]> parts = new ArrayList<>();
        int sampleRate = 0;
        int total = 0;
        for (String chunk : chunks(preparedText, engine.maxChunkChars(language))) {
            Pcm pcm = engine.synthesize(chunk, voice, language);
            sampleRate = pcm.sampleRate();
            parts.add(pcm.samples());
            total += pcm.samples().length;
        }
        if (parts.isEmpty()) {
            throw new SynthesisException("nothing to say: the text is empty", true);
        }
        float[] joined = new float[total];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        Pcm pcm = new Pcm(joined, sampleRate);
        return new NarratedAudio(WavEncoder.encode(pcm), sampleRate, pcm.durationMillis());
    }

    private static List<String> chunks(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + 1 + word.length() > limit) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
