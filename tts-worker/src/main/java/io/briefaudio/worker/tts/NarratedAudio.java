package io.briefaudio.worker.tts;

/** A finished narration: a complete WAV file (PCM 16-bit mono) and its length. */
public record NarratedAudio(byte[] wav, int sampleRate, long durationMillis) {
}
