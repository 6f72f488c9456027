package io.briefaudio.shared.transcripts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One speech mark in Amazon Polly's shape: heard at {@code time} (ms into the item's audio, pauses and speed
 * included), of {@code type} {@value #SENTENCE}, {@value #WORD} or {@value #SSML}, standing for the item's text as
 * written {@code [start, end)} (UTF-16 offsets); {@code value} is that text, or an SSML mark's name.
 */
@JsonPropertyOrder({"time", "type", "start", "end", "value"})
public record SpeechMark(@JsonProperty("time") long time, @JsonProperty("type") String type,
                         @JsonProperty("start") int start, @JsonProperty("end") int end,
                         @JsonProperty("value") String value) {

    public static final String SENTENCE = "sentence";
    public static final String WORD = "word";
    public static final String SSML = "ssml";
}
