package io.briefaudio.worker.tts.text;

/** One piece of prepared text an engine speaks in one call, and the pause that follows it. */
public record SpeechChunk(String text, Pause pauseAfter) {
}
