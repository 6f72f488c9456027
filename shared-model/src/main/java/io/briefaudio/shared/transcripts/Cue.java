package io.briefaudio.shared.transcripts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** One caption: a sentence as written, heard from {@code startMillis} to {@code endMillis}. */
public record Cue(@JsonProperty("start_ms") long startMillis, @JsonProperty("end_ms") long endMillis,
                  @JsonProperty("text") String text) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Cue>> LIST = new TypeReference<>() {
    };

    /** The same caption {@code millis} later (an item's sentence placed in its episode). */
    public Cue shifted(long millis) {
        return new Cue(startMillis + millis, endMillis + millis, text);
    }

    /** Captions as stored with an episode: {@code [{"start_ms", "end_ms", "text"}]}. */
    public static String toJson(List<Cue> cues) {
        try {
            return JSON.writeValueAsString(cues);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the text is not such a list */
    public static List<Cue> listFromJson(String json) {
        try {
            return List.copyOf(JSON.readValue(json, LIST));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a list of captions: " + e.getMessage(), e);
        }
    }
}
