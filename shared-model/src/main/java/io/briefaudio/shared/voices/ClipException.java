package io.briefaudio.shared.voices;

/** A reference clip that cannot become a voice; {@link #reason} names what is wrong for the problem response. */
public class ClipException extends Exception {

    /** What is wrong with a clip; each maps to one problem type in the API. */
    public enum Reason { NOT_AUDIO, TOO_LARGE, TOO_SHORT, TOO_LONG, SILENT }

    private final Reason reason;

    public ClipException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
