package io.briefaudio.shared.transcripts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * When each sentence (and, where the engine tells, each word) of a narration is heard, as the worker measured it
 * while joining the spoken chunks, and where each SSML mark falls. Positions are offsets into {@code spokenText},
 * the text the engine read (prepared: numbers written out, SSML rendered, lexicon applied); {@link ItemTranscript}
 * maps them onto an item's text as written. Stored as JSON beside the audio object ({@link #keyFor}), so equal
 * audio (a cache hit) has equal timing whatever text it was made for.
 *
 * @param durationMillis the narration's length, trailing pauses included
 */
public record SpeechTiming(@JsonProperty("version") int version,
                           @JsonProperty("spoken_text") String spokenText,
                           @JsonProperty("duration_ms") long durationMillis,
                           @JsonProperty("sentences") List<Span> sentences,
                           @JsonProperty("words") List<Span> words,
                           @JsonProperty("marks") List<Point> marks) {

    public static final int VERSION = 1;
    public static final String CONTENT_TYPE = "application/json";
    private static final String SUFFIX = ".marks.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SpeechTiming {
        sentences = List.copyOf(sentences);
        words = words == null ? List.of() : List.copyOf(words);
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** Heard from {@code time} to {@code endTime} (ms from the audio's start): spoken text {@code [start, end)}. */
    public record Span(@JsonProperty("time") long time, @JsonProperty("end_time") long endTime,
                       @JsonProperty("start") int start, @JsonProperty("end") int end) {
    }

    /** An SSML {@code <mark name>}, the {@code index}-th of its document, reached at {@code time}. */
    public record Point(@JsonProperty("time") long time, @JsonProperty("index") int index,
                        @JsonProperty("name") String name) {
    }

    /**
     * The storage key of the timing of the audio stored under {@code audioKey}. It never matches an audio file name,
     * so {@code /audio/} does not serve it.
     */
    public static String keyFor(String audioKey) {
        return audioKey + SUFFIX;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a timing this code can read */
    public static SpeechTiming fromJson(byte[] json) {
        SpeechTiming timing;
        try {
            timing = JSON.readValue(json, SpeechTiming.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a speech timing: " + e.getMessage(), e);
        }
        if (timing.version() != VERSION || timing.spokenText() == null) {
            throw new IllegalArgumentException("speech timing version " + timing.version() + "; this code reads " + VERSION);
        }
        return timing;
    }
}
