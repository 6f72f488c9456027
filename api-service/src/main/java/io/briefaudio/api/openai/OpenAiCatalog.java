package io.briefaudio.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.briefaudio.shared.voices.VoicePreset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The names OpenAI clients send, mapped to ours. Models choose the engine ({@link OpenAiModels}). Voices map to
 * presets (the table is in docs/api.md); preset ids are accepted as they are.
 */
public final class OpenAiCatalog {

    /** The built-in model names; {@link OpenAiModels} adds configured ones. */
    public static final List<String> MODELS = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts", "espeak", "xtts", "kokoro");

    public static final Map<String, VoicePreset> VOICES;

    static {
        Map<String, VoicePreset> voices = new LinkedHashMap<>();
        voices.put("alloy", VoicePreset.PROFESSIONAL);
        voices.put("ash", VoicePreset.AUTHORITATIVE);
        voices.put("ballad", VoicePreset.WARM);
        voices.put("coral", VoicePreset.FRIENDLY);
        voices.put("echo", VoicePreset.CALM);
        voices.put("fable", VoicePreset.WARM);
        voices.put("nova", VoicePreset.FRIENDLY);
        voices.put("onyx", VoicePreset.AUTHORITATIVE);
        voices.put("sage", VoicePreset.CALM);
        voices.put("shimmer", VoicePreset.WARM);
        voices.put("verse", VoicePreset.PROFESSIONAL);
        voices.put("marin", VoicePreset.CALM);
        voices.put("cedar", VoicePreset.PROFESSIONAL);
        VOICES = Map.copyOf(voices);
    }

    private OpenAiCatalog() {
    }

    public static Optional<VoicePreset> voice(String name) {
        return Optional.ofNullable(VOICES.get(name)).or(() -> VoicePreset.byId(name));
    }

    /**
     * An object of {@code GET /v1/models}; beyond OpenAI's fields, {@code license}: the licence of the model its engine's
     * workers run (absent while none has announced one), which decides whether its audio may be published.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, String object, long created, String ownedBy, String license) {
        static Model of(String id, String license) {
            return new Model(id, "model", 1_700_000_000L, "brief-audio", license);
        }
    }

    public record ModelList(String object, List<Model> data) {
    }

    /** The models of {@code names}, each with its licence ({@code license} may answer null). */
    public static ModelList models(List<String> names, Function<String, String> license) {
        return new ModelList("list", names.stream().map(name -> Model.of(name, license.apply(name))).toList());
    }

    public static Optional<Model> model(List<String> names, String id, Function<String, String> license) {
        return names.contains(id) ? Optional.of(Model.of(id, license.apply(id))) : Optional.empty();
    }
}
