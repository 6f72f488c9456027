package io.briefaudio.api.voices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.VoicePreset;
import java.time.Instant;

/**
 * A voice in {@code GET /api/voices}: one of the five presets ({@code kind: "preset"}) or a custom voice cloned from
 * a clip ({@code kind: "custom"}, {@code status} preparing | ready | failed). {@code speakable}: a running worker's
 * engine can speak it now (custom voices need a worker that can clone). {@code cloningWorker}, on custom voices: whether
 * a live worker can clone at all, so a voice "preparing" without one says it waits for such a worker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceView(String id, String kind, String name, String label, String description, String status,
                        String language, String basePreset, String error, Boolean speakable, Instant createdAt,
                        Boolean cloningWorker) {

    static VoiceView preset(VoicePreset p, boolean speakable) {
        return new VoiceView(p.id(), "preset", p.label(), p.label(), p.description(), "ready", null, null, null,
                speakable, null, null);
    }

    static VoiceView custom(CustomVoices.Voice v, boolean speakable) {
        return new VoiceView(v.id(), "custom", v.name(), v.name(), v.description(), v.status(), v.language(),
                v.basePreset(), v.errorMessage(), speakable && "ready".equals(v.status()), v.createdAt(), speakable);
    }
}
