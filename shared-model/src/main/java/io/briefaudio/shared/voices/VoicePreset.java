package io.briefaudio.shared.voices;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The five narration voices a person can pick; engines map each to concrete voice settings. */
public enum VoicePreset {
    PROFESSIONAL("professional", "Professional", "Clear, professional narration"),
    WARM("warm", "Warm", "Friendly, warm tone"),
    AUTHORITATIVE("authoritative", "Authoritative", "Confident, authoritative voice"),
    CALM("calm", "Calm", "Calm, soothing narration"),
    FRIENDLY("friendly", "Friendly", "Approachable, friendly tone");

    public static final VoicePreset DEFAULT = PROFESSIONAL;

    private final String id;
    private final String label;
    private final String description;

    VoicePreset(String id, String label, String description) {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static Optional<VoicePreset> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(VoicePreset::id).toList();
    }
}
