package io.briefaudio.worker.tts.kokoro;

/**
 * Phonemes {@code [phonemeStart, phonemeEnd)} of a chunk (counted in phonemes, so the model's input id of
 * phoneme {@code p} is at {@code p + 1}) speak the source characters {@code [sourceStart, sourceEnd)}: one word,
 * one punctuation mark, or a few words where eSpeak NG joined them ("in the" → {@code ɪnðə}).
 */
public record PhonemeSpan(int phonemeStart, int phonemeEnd, int sourceStart, int sourceEnd, boolean punctuation) {
}
