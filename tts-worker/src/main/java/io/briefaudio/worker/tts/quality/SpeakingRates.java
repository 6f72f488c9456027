package io.briefaudio.worker.tts.quality;

import io.briefaudio.worker.tts.text.Directives;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a sentence should take: its speakable characters (letters and digits; a phoneme counts as its IPA) over
 * the language's rate, divided by the voice's speed. The built-in rates and how they were chosen are in
 * docs/quality.md.
 */
public final class SpeakingRates {

    /** Speakable characters per second at speed 1. */
    static final Map<String, Double> BUILT_IN = Map.ofEntries(
            Map.entry("en", 13.0), Map.entry("de", 13.5), Map.entry("fr", 13.0), Map.entry("es", 13.5),
            Map.entry("it", 13.0), Map.entry("pt", 13.0), Map.entry("nl", 13.0), Map.entry("pl", 12.0),
            Map.entry("cs", 12.0), Map.entry("ru", 12.0), Map.entry("tr", 12.5), Map.entry("hu", 12.5),
            Map.entry("ar", 11.0), Map.entry("hi", 11.0), Map.entry("zh-cn", 5.0), Map.entry("ja", 7.0),
            Map.entry("ko", 6.0));
    static final double DEFAULT_RATE = 12.5;

    public static final SpeakingRates DEFAULTS = new SpeakingRates(Map.of());

    private final Map<String, Double> rates;
    private final double fallback;

    /** The built-in rates with {@code overrides} (language → rate; {@code default} for every other language). */
    public SpeakingRates(Map<String, Double> overrides) {
        Map<String, Double> merged = new HashMap<>(BUILT_IN);
        overrides.forEach((language, rate) -> {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("briefaudio.quality.duration.chars-per-second." + language
                        + " must be > 0, was " + rate);
            }
            merged.put(language, rate);
        });
        this.fallback = merged.getOrDefault("default", DEFAULT_RATE);
        this.rates = Map.copyOf(merged);
    }

    public double rate(String language) {
        return rates.getOrDefault(language, fallback);
    }

    /** Seconds the sentence should take in {@code language} at {@code speed}. */
    public double expectedSeconds(String sentence, String language, double speed) {
        return speakable(sentence) / rate(language) / speed;
    }

    /** Letters and digits, with each phoneme directive counted as its IPA letters. */
    static int speakable(String sentence) {
        String text = Directives.replacePhonemes(sentence, phoneme -> phoneme.ipa());
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                count++;
            }
            i += Character.charCount(cp);
        }
        return count;
    }
}
