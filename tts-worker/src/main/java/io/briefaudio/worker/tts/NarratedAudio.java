package io.briefaudio.worker.tts;

import io.briefaudio.shared.transcripts.SpeechTiming;
import io.briefaudio.worker.tts.quality.QualityReport;

/**
 * A finished narration: a complete WAV file (PCM 16-bit mono), its length, when each sentence is heard, and what the
 * quality gate found (null when the gate is off).
 */
public record NarratedAudio(byte[] wav, int sampleRate, long durationMillis, SpeechTiming timing,
                            QualityReport quality) {
}
