package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.VoiceMixException;
import io.briefaudio.shared.voices.VoicePreset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five presets as Kokoro voices. English briefs use the configured (or default) voice of each preset; a
 * brief in another Kokoro language uses that language's own voice of the same gender when the model has it
 * (a Spanish brief in {@code warm} speaks with {@code ef_dora}), else the English voice reading that language.
 */
final class KokoroPresets {

    /** Bump when a default changes, so cached audio made with the old mapping is not reused. */
    static final int REVISION = 1;

    /** Defaults: hexgrad's best-graded American voices (VOICES.md), a mix of both genders. */
    static final Map<VoicePreset, String> DEFAULTS = Map.of(
            VoicePreset.PROFESSIONAL, "af_heart",
            VoicePreset.WARM, "af_bella",
            VoicePreset.AUTHORITATIVE, "am_michael",
            VoicePreset.CALM, "af_sarah",
            VoicePreset.FRIENDLY, "am_puck");

    /** Each other language's voices in v1.0, female then male (hexgrad/Kokoro-82M VOICES.md). */
    private static final Map<KokoroLanguage, String[]> NATIVE = Map.of(
            KokoroLanguage.SPANISH, new String[] {"ef_dora", "em_alex"},
            KokoroLanguage.FRENCH, new String[] {"ff_siwis", "ff_siwis"},
            KokoroLanguage.HINDI, new String[] {"hf_alpha", "hm_omega"},
            KokoroLanguage.ITALIAN, new String[] {"if_sara", "im_nicola"},
            KokoroLanguage.BRAZILIAN_PORTUGUESE, new String[] {"pf_dora", "pm_alex"});

    private final Map<VoicePreset, KokoroVoiceMix> english;
    private final Map<VoicePreset, Boolean> configured;
    private final Collection<String> available;

    private KokoroPresets(Map<VoicePreset, KokoroVoiceMix> english, Map<VoicePreset, Boolean> configured,
                         Collection<String> available) {
        this.english = english;
        this.configured = configured;
        this.available = available;
    }

    /**
     * @param overrides voice per preset id ({@code af_bella}, {@code kokoro:af_bella(2)+af_sky})
     * @param available the model's voice names
     * @throws IllegalArgumentException naming the preset and the voice when an override or a default is not a
     *                                  voice of the model, or a key is not a preset
     */
    static KokoroPresets of(Map<String, String> overrides, Collection<String> available) {
        Map<VoicePreset, KokoroVoiceMix> english = new EnumMap<>(VoicePreset.class);
        Map<VoicePreset, Boolean> configured = new EnumMap<>(VoicePreset.class);
        for (String id : overrides.keySet()) {
            if (VoicePreset.byId(id).isEmpty()) {
                throw new IllegalArgumentException("briefaudio.tts.kokoro.presets." + id + ": no such preset (presets: "
                        + String.join(", ", VoicePreset.ids()) + ")");
            }
        }
        for (VoicePreset preset : VoicePreset.values()) {
            String voice = overrides.get(preset.id());
            configured.put(preset, voice != null);
            String written = voice == null ? DEFAULTS.get(preset) : voice.strip();
            String id = written.startsWith(KokoroVoiceMix.PREFIX) ? written : KokoroVoiceMix.PREFIX + written;
            try {
                KokoroVoiceMix mix = KokoroVoiceMix.parse(id);
                mix.requireAvailable(available);
                english.put(preset, mix);
            } catch (VoiceMixException | io.briefaudio.shared.voices.UnsupportedLanguageException e) {
                throw new IllegalArgumentException("briefaudio.tts.kokoro.presets." + preset.id() + "=" + written
                        + (voice == null ? " (the default)" : "") + ": " + e.getMessage()
                        + (voice == null ? "; set briefaudio.tts.kokoro.presets." + preset.id()
                        + " to a voice of the model" : ""), e);
            }
        }
        return new KokoroPresets(english, configured, available);
    }

    /** The voice of {@code preset} for a brief in {@code language}. */
    KokoroVoiceMix voice(VoicePreset preset, String language) {
        KokoroVoiceMix mix = english.get(preset);
        if (configured.get(preset) || mix.language().briefLanguage().equals(language)) {
            return mix;
        }
        for (Map.Entry<KokoroLanguage, String[]> e : NATIVE.entrySet()) {
            if (e.getKey().briefLanguage().equals(language)) {
                boolean male = mix.parts().get(0).name().charAt(1) == 'm';
                String name = e.getValue()[male ? 1 : 0];
                if (available.contains(name)) {
                    return KokoroVoiceMix.parse(KokoroVoiceMix.PREFIX + name);
                }
            }
        }
        return mix;
    }

    /** Every preset's English voice, in a stable order, for the model version. */
    String fingerprint() {
        Map<String, String> sorted = new TreeMap<>();
        english.forEach((preset, mix) -> sorted.put(preset.id(), mix.id()));
        return REVISION + ":" + sorted;
    }
}
