package io.briefaudio.shared.voices;

/**
 * A voice id or one part of a voice mix is not a voice: bad input (the API answers 400 {@code unknown-voice}),
 * naming the part that is wrong so the caller can fix just that.
 */
public class VoiceMixException extends IllegalArgumentException {

    private final String voice;
    private final String part;

    public VoiceMixException(String voice, String part, String reason) {
        super("voice '" + voice + "': " + (part.equals(voice) ? "" : "part '" + part + "' ") + reason);
        this.voice = voice;
        this.part = part;
    }

    /** The whole voice id as requested. */
    public String voice() {
        return voice;
    }

    /** The part that is wrong, e.g. {@code af_bela} in {@code kokoro:af_bela+af_sky}. */
    public String part() {
        return part;
    }
}
