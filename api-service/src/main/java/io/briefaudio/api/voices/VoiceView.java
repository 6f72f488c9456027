package io.briefaudio.api.voices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.VoicePreset;
import java.time.Instant;

/**
 * A voice in {@code GET /api/voices}: one of the five presets ({@code kind: "preset"}), a custom voice cloned from
 * a clip ({@code kind: "custom"}, {@code status} preparing | ready | failed) or a voice of a running engine's own
 * model ({@code kind: "model"}, e.g. {@code kokoro:af_heart}). {@code speakable}: a running worker's engine can
 * speak it now (custom voices need a worker that can clone). {@code license}: the licence of the model that speaks
 * it ({@code Apache-2.0}, {@code CPML}, ...; for presets, of every running engine, {@code /}-separated), so an operator
 * sees what may be published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceView(String id, String kind, String name, String label, String description, String status,
                        String language, String basePreset, String error, Boolean speakable, Instant createdAt,
                        String engine, String license) {

    static VoiceView preset(VoicePreset p, boolean speakable) {
        return preset(p, speakable, null);
    }

    static VoiceView preset(VoicePreset p, boolean speakable, String license) {
        return new VoiceView(p.id(), "preset", p.label(), p.label(), p.description(), "ready", null, null, null,
                speakable, null, null, license);
    }

    /** A voice of a running engine's model, such as {@code kokoro:af_heart} (its language is the name's first letter). */
    static VoiceView model(String id, String engine, String license) {
        String name = id.substring(id.indexOf(':') + 1);
        String language = null;
        try {
            language = io.briefaudio.shared.voices.KokoroLanguage.ofVoice(name).briefLanguage();
        } catch (IllegalArgumentException e) {
            // a voice of a language the engine has but we do not speak (ja, zh): listed without a language
        }
        return new VoiceView(id, "model", name, name, null, "ready", language, null, null, true, null, engine, license);
    }

    static VoiceView custom(CustomVoices.Voice v, boolean speakable) {
        return new VoiceView(v.id(), "custom", v.name(), v.name(), v.description(), v.status(), v.language(),
                v.basePreset(), v.errorMessage(), speakable && "ready".equals(v.status()), v.createdAt(), null, null);
    }
}
