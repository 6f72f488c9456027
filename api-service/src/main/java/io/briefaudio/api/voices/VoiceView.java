package io.briefaudio.api.voices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.shared.jobs.Engine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A voice in {@code GET /api/voices}: one of the five presets ({@code kind: "preset"}, with the {@code engines} whose
 * live workers map it), an engine's own voice ({@code kind: "engine"}, id {@code ENGINE:NAME}, with {@code engine} and
 * {@code available}: a live worker of the engine announces it) or a custom voice cloned from a clip
 * ({@code kind: "custom"}, {@code engine: "xtts"}, {@code status} preparing | ready | failed). {@code speakable}: a
 * running worker's engine can speak it now (custom voices need a worker that can clone).
 * {@code cloningWorker}, on custom voices: whether a live worker can clone at all, so a voice "preparing"
 * without one says it waits for such a worker. {@code license}: the licence of the model that speaks an engine or
 * custom voice, as its workers announce it ({@code Apache-2.0}, {@code CPML}, {@code GPL-3.0-or-later}), so an
 * operator sees what may be published; {@code licenses}, on presets, the same for each engine in {@code engines}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceView(String id, String kind, String name, String label, String description, String status,
                        String language, String basePreset, String error, Boolean speakable, Instant createdAt,
                        List<String> engines, String engine, Boolean available,
                        Boolean cloningWorker, String license, Map<String, String> licenses) {

    static VoiceView preset(VoicePreset p, List<String> engines, Map<String, String> licenses) {
        Map<String, String> ofEngines = new LinkedHashMap<>();
        engines.stream().filter(licenses::containsKey).forEach(e -> ofEngines.put(e, licenses.get(e)));
        return new VoiceView(p.id(), "preset", p.label(), p.label(), p.description(), "ready", null, null, null,
                !engines.isEmpty(), null, engines, null, null, null, null, ofEngines);
    }

    static VoiceView engineVoice(Engine engine, String name, boolean available, String license) {
        return new VoiceView(engine.id() + ":" + name, "engine", name, name, engine.label() + " voice", "ready", null,
                null, null, available, null, null, engine.id(), available, null, license, null);
    }

    static VoiceView custom(CustomVoices.Voice v, boolean cloning, String license) {
        boolean speakable = cloning && "ready".equals(v.status());
        return new VoiceView(v.id(), "custom", v.name(), v.name(), v.description(), v.status(), v.language(),
                v.basePreset(), v.errorMessage(), speakable, v.createdAt(), null, Engine.XTTS.id(), speakable, cloning,
                license, null);
    }
}
