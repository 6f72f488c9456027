package io.briefaudio.worker.tts;

/** The configured speech engine cannot run here; thrown at start-up so the worker never runs without one. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
