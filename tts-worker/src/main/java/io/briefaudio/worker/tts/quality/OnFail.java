package io.briefaudio.worker.tts.quality;

/** What a narration whose kept audio still fails a check becomes: completed with a warning, or failed. */
public enum OnFail { WARN, FAIL }
