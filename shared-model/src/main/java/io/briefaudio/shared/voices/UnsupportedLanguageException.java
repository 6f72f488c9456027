package io.briefaudio.shared.voices;

import java.util.List;

/**
 * An engine was asked for a language it does not speak: bad input (the API answers 400
 * {@code unsupported-language}), naming the engines that do speak it.
 */
public class UnsupportedLanguageException extends IllegalArgumentException {

    private final String language;
    private final String engine;
    private final List<String> enginesThatCan;

    public UnsupportedLanguageException(String language, String engine, List<String> enginesThatCan) {
        super(engine + " does not speak '" + language + "'"
                + (enginesThatCan.isEmpty() ? "" : "; the " + String.join(" and ", enginesThatCan)
                + " engines do"));
        this.language = language;
        this.engine = engine;
        this.enginesThatCan = List.copyOf(enginesThatCan);
    }

    /** The language as the project spells it, e.g. {@code ja} or {@code zh-cn}. */
    public String language() {
        return language;
    }

    public String engine() {
        return engine;
    }

    public List<String> enginesThatCan() {
        return enginesThatCan;
    }
}
