package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.quality.QualityReport;

/**
 * A finished narration: a complete WAV file (PCM 16-bit mono), its length, and what the quality gate found (null when
 * the gate is off).
 */
public record NarratedAudio(byte[] wav, int sampleRate, long durationMillis, QualityReport quality) {

    public NarratedAudio(byte[] wav, int sampleRate, long durationMillis) {
        this(wav, sampleRate, durationMillis, null);
    }
}
