package io.briefaudio.shared.voices;

import java.util.List;

/** Languages a brief may be written in: the seventeen XTTS v2 languages, which eSpeak NG also speaks. */
public final class Languages {

    public static final String DEFAULT = "en";

    public static final List<String> SUPPORTED = List.of(
            "en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh-cn", "ja", "hu", "ko", "hi");

    private Languages() {
    }

    public static boolean isSupported(String language) {
        return SUPPORTED.contains(language);
    }
}
