package io.briefaudio.worker.tts.kokoro;

import java.util.List;

/**
 * What Kokoro speaks in one model call: at most 510 phonemes, all in the model's vocabulary, and where they come
 * from in the source text ({@code [sourceStart, sourceEnd)}, and per word in {@link #spans()}).
 */
public record PhonemeChunk(String phonemes, int sourceStart, int sourceEnd, List<PhonemeSpan> spans) {

    public PhonemeChunk {
        spans = List.copyOf(spans);
    }

    public int phonemeCount() {
        return phonemes.codePointCount(0, phonemes.length());
    }

    /** The row of the voice pack that styles this chunk ({@link KokoroStyle#row}). */
    public int styleRow() {
        return KokoroStyle.row(phonemeCount());
    }
}
