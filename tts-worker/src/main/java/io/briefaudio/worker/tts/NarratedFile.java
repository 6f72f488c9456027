package io.briefaudio.worker.tts;

import io.briefaudio.shared.transcripts.SpeechTiming;
import io.briefaudio.worker.tts.quality.QualityReport;
import java.nio.file.Path;

/**
 * A finished narration written to a file, as {@link NarratedAudio} holds one in memory: {@code wav} is a complete WAV
 * file (PCM 16-bit mono) in the work directory the narration was given, which the caller deletes.
 */
public record NarratedFile(Path wav, int sampleRate, long durationMillis, SpeechTiming timing, QualityReport quality) {
}
