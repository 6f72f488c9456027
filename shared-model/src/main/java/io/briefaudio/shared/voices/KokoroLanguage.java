package io.briefaudio.shared.voices;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The languages Kokoro-82M speaks through eSpeak NG, each with the letter that starts its voices' names
 * ({@code af_bella} is American English, {@code ef_dora} Spanish) and the eSpeak NG voice that reads its text.
 * Japanese ({@code j}) and Chinese ({@code z}) voices need G2P modules of their own, which we do not have.
 */
public enum KokoroLanguage {
    AMERICAN_ENGLISH('a', "en", "en-us"),
    BRITISH_ENGLISH('b', "en", "en-gb"),
    SPANISH('e', "es", "es"),
    FRENCH('f', "fr", "fr-fr"),
    HINDI('h', "hi", "hi"),
    ITALIAN('i', "it", "it"),
    BRAZILIAN_PORTUGUESE('p', "pt", "pt-br");

    /** Brief languages (as in {@link Languages#SUPPORTED}) Kokoro can speak. */
    public static final Set<String> BRIEF_LANGUAGES = Arrays.stream(values())
            .map(KokoroLanguage::briefLanguage).collect(Collectors.toUnmodifiableSet());

    /** The engines that speak every brief language, named when Kokoro cannot. */
    public static final List<String> ENGINES_FOR_OTHER_LANGUAGES = List.of("xtts-v2", "espeak-ng");

    private final char code;
    private final String briefLanguage;
    private final String espeakVoice;

    KokoroLanguage(char code, String briefLanguage, String espeakVoice) {
        this.code = code;
        this.briefLanguage = briefLanguage;
        this.espeakVoice = espeakVoice;
    }

    /** The first letter of this language's voice names. */
    public char code() {
        return code;
    }

    /** The brief language this is, e.g. {@code en} for both Englishes. */
    public String briefLanguage() {
        return briefLanguage;
    }

    /** The eSpeak NG voice ({@code -v}) whose IPA the Kokoro front end reads. */
    public String espeakVoice() {
        return espeakVoice;
    }

    public boolean isEnglish() {
        return this == AMERICAN_ENGLISH || this == BRITISH_ENGLISH;
    }

    /**
     * The language of a voice, from the first letter of its name.
     *
     * @throws UnsupportedLanguageException for Japanese and Chinese voices
     * @throws IllegalArgumentException     when the name does not start with a Kokoro language letter
     */
    public static KokoroLanguage ofVoice(String voiceName) {
        char first = voiceName.isEmpty() ? ' ' : voiceName.charAt(0);
        for (KokoroLanguage language : values()) {
            if (language.code == first) {
                return language;
            }
        }
        if (first == 'j' || first == 'z') {
            throw new UnsupportedLanguageException(first == 'j' ? "ja" : "zh-cn", "kokoro", ENGINES_FOR_OTHER_LANGUAGES);
        }
        throw new IllegalArgumentException("Kokoro voice names start with their language letter ("
                + letters() + "), '" + voiceName + "' does not");
    }

    /** Whether the letter starts the name of a Kokoro voice, spoken here or not (j and z). */
    public static boolean isVoiceLetter(char letter) {
        return letters().indexOf(letter) >= 0 || letter == 'j' || letter == 'z';
    }

    /**
     * How Kokoro reads a brief: the brief's language decides; for English the voice decides between the
     * American and the British reading, so a {@code bf_} voice says "tomato" the British way.
     *
     * @throws UnsupportedLanguageException when Kokoro does not speak the brief's language
     */
    public static KokoroLanguage forBrief(String briefLanguage, KokoroLanguage voiceLanguage) {
        if (voiceLanguage.briefLanguage.equals(briefLanguage)) {
            return voiceLanguage;
        }
        for (KokoroLanguage language : values()) {
            if (language.briefLanguage.equals(briefLanguage)) {
                return language;
            }
        }
        throw new UnsupportedLanguageException(briefLanguage, "kokoro", ENGINES_FOR_OTHER_LANGUAGES);
    }

    private static String letters() {
        return Arrays.stream(values()).map(l -> String.valueOf(l.code)).collect(Collectors.joining());
    }
}
