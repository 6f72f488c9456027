package io.briefaudio.shared.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio formats Brief Audio stores and serves. {@code wav}, {@code mp3}, {@code opus} and {@code m4a}
 * are what a job may ask for; {@code aac} (ADTS) and {@code flac} exist for callers of the encoder that
 * need them (an OpenAI-compatible speech endpoint).
 */
public enum AudioFormat {
    WAV("wav", "wav", "audio/wav", true),
    MP3("mp3", "mp3", "audio/mpeg", true),
    /** Opus in an Ogg container. */
    OPUS("opus", "opus", "audio/ogg", true),
    /** AAC-LC in an MPEG-4 (M4A) container. */
    M4A("m4a", "m4a", "audio/mp4", true),
    /** AAC-LC as a raw ADTS stream. */
    AAC("aac", "aac", "audio/aac", false),
    FLAC("flac", "flac", "audio/flac", false);

    /** What a job uses when nobody chose: the original contract's WAV. */
    public static final AudioFormat DEFAULT = WAV;

    private final String id;
    private final String extension;
    private final String contentType;
    private final boolean jobFormat;

    AudioFormat(String id, String extension, String contentType, boolean jobFormat) {
        this.id = id;
        this.extension = extension;
        this.contentType = contentType;
        this.jobFormat = jobFormat;
    }

    /** The name on the wire and in the database, e.g. {@code mp3}. */
    public String id() {
        return id;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether a job (generate) may ask for this format. */
    public boolean isJobFormat() {
        return jobFormat;
    }

    /** The format of a whole-brief episode: WAV jobs get MP3, the rest their own format. */
    public AudioFormat episodeFormat() {
        return this == WAV ? MP3 : this;
    }

    public static Optional<AudioFormat> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    public static Optional<AudioFormat> byExtension(String extension) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
    }

    /** The ids a job may ask for, in order: wav, mp3, opus, m4a. */
    public static List<String> jobFormatIds() {
        return Arrays.stream(values()).filter(AudioFormat::isJobFormat).map(AudioFormat::id).toList();
    }
}
