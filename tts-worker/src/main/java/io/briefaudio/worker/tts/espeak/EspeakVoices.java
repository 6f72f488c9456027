package io.briefaudio.worker.tts.espeak;

import io.briefaudio.shared.voices.VoicePreset;
import java.util.Map;

/**
 * eSpeak NG voices for our languages and presets. The five presets differ in voice variant (formants,
 * pitch range, breathiness), base pitch and speed, and so sound distinct in every language.
 */
final class EspeakVoices {

    /** Changes whenever a mapping below changes: it is part of the engine's model version and so of the cache key. */
    static final String REVISION = "presets-1";

    /** A concrete eSpeak voice: {@code -v language+variant -p pitch -s wordsPerMinute}. */
    record Voice(String language, String variant, int pitch, int wordsPerMinute) {
        String name() {
            return language + "+" + variant;
        }
    }

    private record Style(String variant, int pitch, int wordsPerMinute) {
    }

    static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("en", "en-us"), Map.entry("es", "es"), Map.entry("fr", "fr-fr"), Map.entry("de", "de"),
            Map.entry("it", "it"), Map.entry("pt", "pt"), Map.entry("pl", "pl"), Map.entry("tr", "tr"),
            Map.entry("ru", "ru"), Map.entry("nl", "nl"), Map.entry("cs", "cs"), Map.entry("ar", "ar"),
            Map.entry("zh-cn", "cmn"), Map.entry("ja", "ja"), Map.entry("hu", "hu"), Map.entry("ko", "ko"),
            Map.entry("hi", "hi"));

    private static final Map<VoicePreset, Style> STYLES = Map.of(
            VoicePreset.PROFESSIONAL, new Style("m1", 65, 175),
            VoicePreset.AUTHORITATIVE, new Style("m3", 15, 150),
            VoicePreset.WARM, new Style("f2", 40, 160),
            VoicePreset.CALM, new Style("f4", 30, 140),
            VoicePreset.FRIENDLY, new Style("f3", 70, 185));

    private EspeakVoices() {
    }

    /** @return the voice, or null when eSpeak NG has no voice for the language */
    static Voice voice(String language, VoicePreset preset) {
        String espeakLanguage = LANGUAGES.get(language);
        if (espeakLanguage == null) {
            return null;
        }
        Style style = STYLES.get(preset);
        return new Voice(espeakLanguage, style.variant(), style.pitch(), style.wordsPerMinute());
    }
}
