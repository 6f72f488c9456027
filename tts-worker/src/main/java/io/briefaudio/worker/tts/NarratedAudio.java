package io.briefaudio.worker.tts;

import io.briefaudio.shared.transcripts.SpeechTiming;

/** A finished narration: a complete WAV file (PCM 16-bit mono), its length, and when each sentence is heard. */
public record NarratedAudio(byte[] wav, int sampleRate, long durationMillis, SpeechTiming timing) {
}
