package io.briefaudio.worker.tts.xtts;

import io.briefaudio.shared.voices.VoicePreset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The five narration presets as XTTS studio voices and sampling settings. Defaults start from config.json's
 * values (temperature 0.75, top-k 50, top-p 0.85, repetition penalty 5.0); calmer voices sample a little
 * cooler and slower. Documented in docs/xtts.md; {@code briefaudio.tts.xtts.presets.<id>.*} overrides them.
 */
public final class XttsPresets {

    /** A preset's voice: which studio speaker, how to sample, and the speed factor for the decoder. */
    public record PresetVoice(String speaker, Sampling sampling, double speed) {
    }

    /** Configured changes to one preset; empty fields keep the default. */
    public record Override(Optional<String> speaker, OptionalDouble temperature, OptionalInt topK,
                           OptionalDouble topP, OptionalDouble repetitionPenalty, OptionalDouble speed) {
    }

    private XttsPresets() {
    }

    /**
     * Applies configured overrides, keyed by preset id ({@code professional}, {@code warm}, …).
     *
     * @throws IllegalArgumentException for an id that is not a preset, or values the sampler refuses
     */
    public static Map<VoicePreset, PresetVoice> withOverrides(Map<VoicePreset, PresetVoice> presets,
                                                              Map<String, Override> overrides) {
        Map<VoicePreset, PresetVoice> result = new EnumMap<>(presets);
        overrides.forEach((id, o) -> {
            VoicePreset preset = VoicePreset.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "briefaudio.tts.xtts.presets." + id + ": no such preset; presets are " + VoicePreset.ids()));
            PresetVoice base = result.get(preset);
            Sampling s = base.sampling();
            Sampling sampling = new Sampling(o.temperature().orElse(s.temperature()), o.topK().orElse(s.topK()),
                    o.topP().orElse(s.topP()), o.repetitionPenalty().orElse(s.repetitionPenalty()), s.greedy());
            double speed = o.speed().orElse(base.speed());
            if (speed <= 0) {
                throw new IllegalArgumentException("briefaudio.tts.xtts.presets." + id + ".speed must be > 0");
            }
            result.put(preset, new PresetVoice(o.speaker().orElse(base.speaker()), sampling, speed));
        });
        return result;
    }

    public static Map<VoicePreset, PresetVoice> defaults(XttsManifest.SamplingDefaults base) {
        Sampling s = Sampling.of(base);
        Map<VoicePreset, PresetVoice> m = new EnumMap<>(VoicePreset.class);
        m.put(VoicePreset.PROFESSIONAL, new PresetVoice("Ana Florence", s, 1.0));
        m.put(VoicePreset.WARM, new PresetVoice("Claribel Dervla", s, 0.97));
        m.put(VoicePreset.AUTHORITATIVE, new PresetVoice("Damien Black", s.withTemperature(0.65), 0.97));
        m.put(VoicePreset.CALM, new PresetVoice("Sofia Hellen", s.withTemperature(0.6), 0.92));
        m.put(VoicePreset.FRIENDLY, new PresetVoice("Andrew Chipper", s.withTemperature(0.8), 1.03));
        return m;
    }
}
