package io.briefaudio.api.voices;

import io.briefaudio.shared.voices.WavClipDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises an uploaded clip by its first bytes, not by the name or Content-Type the browser sent. WAV is decoded
 * and checked here; the compressed formats are accepted as they are and decoded by the worker (ffmpeg).
 */
enum ClipFormat {
    WAV("audio/wav", "wav"),
    MP3("audio/mpeg", "mp3"),
    OGG("audio/ogg", "ogg"),
    FLAC("audio/flac", "flac"),
    MP4("audio/mp4", "m4a"),
    WEBM("audio/webm", "webm");

    final String contentType;
    final String extension;

    ClipFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    static Optional<ClipFormat> sniff(byte[] b) {
        if (WavClipDecoder.isWav(b)) {
            return Optional.of(WAV);
        }
        if (b.length < 12) {
            return Optional.empty();
        }
        String head = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
        if (head.startsWith("ID3") || (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) {
            return Optional.of(MP3);
        }
        if (head.equals("OggS")) {
            return Optional.of(OGG);
        }
        if (head.equals("fLaC")) {
            return Optional.of(FLAC);
        }
        if (new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return Optional.of(MP4);
        }
        if ((b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf && (b[3] & 0xff) == 0xa3) {
            return Optional.of(WEBM);
        }
        return Optional.empty();
    }
}
