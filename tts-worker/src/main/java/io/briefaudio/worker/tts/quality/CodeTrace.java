package io.briefaudio.worker.tts.quality;

/**
 * How an engine that generates audio codes (XTTS) made one sentence: its codes (without the stop code), whether it
 * drew the stop code, the model's cap on codes per sentence, and the seconds of audio one code becomes at the
 * voice's speed.
 */
public record CodeTrace(int[] codes, boolean stopped, int cap, double secondsPerCode) {
}
