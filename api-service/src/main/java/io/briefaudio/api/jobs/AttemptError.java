package io.briefaudio.api.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;

/**
 * One failed attempt of an item, as the worker appended it to {@code audio_job_item.errors}. {@code kind}:
 * {@code attempt} (the text or the engine; the attempt counts), {@code infrastructure} (storage or
 * database unreachable; waited out without charging the attempt), {@code lease} (the worker stopped
 * heart-beating).
 */
public record AttemptError(int attempt, String error, String worker, Instant at, String kind) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<AttemptError>> LIST = new TypeReference<>() { };

    /** The history as the {@code errors} column holds it (a JSON array); empty for none. */
    static List<AttemptError> parseHistory(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable error history: " + e.getMessage(), e);
        }
    }
}
