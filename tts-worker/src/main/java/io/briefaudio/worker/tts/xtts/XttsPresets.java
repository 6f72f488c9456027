package io.briefaudio.worker.tts.xtts;

import io.briefaudio.shared.voices.VoicePreset;
import java.util.EnumMap;
import java.util.Map;

/**
 * The five narration presets as XTTS studio voices and sampling settings. Defaults start from config.json's
 * values (temperature 0.75, top-k 50, top-p 0.85, repetition penalty 5.0); calmer voices sample a little
 * cooler and slower. Documented in docs/xtts.md; a later config mapping may override them.
 */
public final class XttsPresets {

    /** A preset's voice: which studio speaker, how to sample, and the speed factor for the decoder. */
    public record PresetVoice(String speaker, Sampling sampling, double speed) {
    }

    private XttsPresets() {
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
