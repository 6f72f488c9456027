package io.briefaudio.worker.tts.espeak;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IPA to eSpeak NG's phoneme mnemonics (its {@code [[...]]} input) where the conversion is exact: English only, and
 * only when every symbol of the transcription has an English eSpeak NG phoneme. Anything else (another language, a
 * click, a tone) is not converted, and narration speaks the entry's alias instead. Thread-safe.
 */
public final class EspeakPhonemes {

    /** Longest IPA sequences first, so diphthongs and long vowels win over their parts. */
    private static final Map<String, String> ENGLISH = new LinkedHashMap<>();

    static {
        String[][] table = {
                {"eɪ", "eI"}, {"aɪ", "aI"}, {"ɔɪ", "OI"}, {"aʊ", "aU"}, {"oʊ", "oU"}, {"əʊ", "oU"}, {"ɪə", "i@"},
                {"eə", "e@"}, {"ɛə", "e@"}, {"ʊə", "U@"}, {"tʃ", "tS"}, {"dʒ", "dZ"}, {"t͡ʃ", "tS"}, {"d͡ʒ", "dZ"},
                {"iː", "i:"}, {"uː", "u:"}, {"ɑː", "A:"}, {"ɔː", "O:"}, {"ɜː", "3:"}, {"ɝ", "3:"}, {"ɚ", "3"}, {"ɜ", "3:"},
                {"i", "i"}, {"ɪ", "I"}, {"e", "e"}, {"ɛ", "E"}, {"æ", "a"}, {"ɑ", "A:"}, {"ɒ", "0"}, {"ɔ", "O:"},
                {"ʊ", "U"}, {"u", "u:"}, {"ʌ", "V"}, {"ə", "@"}, {"ɐ", "a#"}, {"o", "oU"}, {"a", "a"},
                {"p", "p"}, {"b", "b"}, {"t", "t"}, {"d", "d"}, {"k", "k"}, {"g", "g"}, {"ɡ", "g"}, {"f", "f"},
                {"v", "v"}, {"θ", "T"}, {"ð", "D"}, {"s", "s"}, {"z", "z"}, {"ʃ", "S"}, {"ʒ", "Z"}, {"h", "h"},
                {"m", "m"}, {"n", "n"}, {"ŋ", "N"}, {"l", "l"}, {"ɫ", "l"}, {"r", "r"}, {"ɹ", "r"}, {"w", "w"},
                {"j", "j"}, {"ɾ", "t#"}, {"ʔ", "?"},
                {"ˈ", "'"}, {"ˌ", ","}, {" ", " "}};
        for (String[] pair : table) {
            ENGLISH.put(pair[0], pair[1]);
        }
    }

    private EspeakPhonemes() {
    }

    /** The mnemonics for {@code [[...]]}, or empty when the IPA cannot be given to eSpeak NG exactly. */
    public static Optional<String> fromIpa(String ipa, String language) {
        if (!"en".equals(language)) {
            return Optional.empty();
        }
        // Syllable dots and ties say nothing eSpeak NG needs; length marks after a vowel without a long form do.
        String rest = Normalizer.normalize(ipa, Normalizer.Form.NFC).strip().replace(".", "").replace("‿", "");
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < rest.length()) {
            for (Map.Entry<String, String> symbol : ENGLISH.entrySet()) {
                if (rest.startsWith(symbol.getKey(), i)) {
                    out.append(symbol.getValue());
                    i += symbol.getKey().length();
                    continue outer;
                }
            }
            return Optional.empty();
        }
        String mnemonics = out.toString().strip();
        return mnemonics.chars().anyMatch(Character::isLetter) ? Optional.of(mnemonics) : Optional.empty();
    }
}
