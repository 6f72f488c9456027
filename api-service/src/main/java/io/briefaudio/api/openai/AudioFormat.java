package io.briefaudio.api.openai;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code response_format}s of the speech endpoint and how ffmpeg writes each. */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg", List.of("-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3")),
    OPUS("opus", "audio/ogg; codecs=opus", List.of("-c:a", "libopus", "-b:a", "64k", "-f", "ogg")),
    AAC("aac", "audio/aac", List.of("-c:a", "aac", "-b:a", "128k", "-f", "adts")),
    FLAC("flac", "audio/flac", List.of("-c:a", "flac", "-f", "flac")),
    WAV("wav", "audio/wav", List.of("-c:a", "pcm_s16le", "-f", "wav")),
    /** OpenAI's pcm: raw 24 kHz 16-bit signed little-endian mono. */
    PCM("pcm", "audio/pcm", List.of("-ar", "24000", "-ac", "1", "-c:a", "pcm_s16le", "-f", "s16le"));

    private final String id;
    private final String contentType;
    private final List<String> ffmpegOutput;

    AudioFormat(String id, String contentType, List<String> ffmpegOutput) {
        this.id = id;
        this.contentType = contentType;
        this.ffmpegOutput = ffmpegOutput;
    }

    public String id() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    List<String> ffmpegOutput() {
        return ffmpegOutput;
    }

    public static Optional<AudioFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AudioFormat::id).toList();
    }
}
