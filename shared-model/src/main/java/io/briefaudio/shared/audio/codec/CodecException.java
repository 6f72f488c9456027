package io.briefaudio.shared.audio.codec;

/** Encoding or decoding failed: FFmpeg missing, too slow, or refusing the input. Worth retrying elsewhere. */
public class CodecException extends Exception {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
