package io.briefaudio.worker.tts;

/** Synthesis failed; {@link #isPermanent()} tells the queue whether a retry can help. */
public class SynthesisException extends Exception {

    private final boolean permanent;

    public SynthesisException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public SynthesisException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
