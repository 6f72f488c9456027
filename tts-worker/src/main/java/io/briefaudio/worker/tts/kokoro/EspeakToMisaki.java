package io.briefaudio.worker.tts.kokoro;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns eSpeak NG's IPA (written with the tie {@code ^} between the letters of one sound) into the phone set
 * Kokoro v1.0 was trained on, misaki's: one letter per diphthong and affricate ({@code I W A O Q Y ʤ ʧ}),
 * {@code ᵊ} for a syllabic consonant's schwa and {@code T} for the American flap. English follows misaki's
 * eSpeak fallback rules, the other languages its plain eSpeak rules (hexgrad/misaki {@code espeak.py}).
 */
final class EspeakToMisaki {

    private record Rule(String from, String to) {
    }

    /** English replacements, longest first so a tied pair wins over its single letters. */
    private static final List<Rule> ENGLISH = List.of(
            new Rule("ʔˌn\u0329", "ʔn"),
            new Rule("ʔn\u0329", "ʔn"),
            new Rule("a^ɪ", "I"), new Rule("a^ʊ", "W"), new Rule("d^ʒ", "ʤ"), new Rule("e^ɪ", "A"),
            new Rule("t^ʃ", "ʧ"), new Rule("ɔ^ɪ", "Y"), new Rule("ə^l", "ᵊl"),
            new Rule("ʲo", "jo"), new Rule("ʲə", "jə"), new Rule("ɚɹ", "əɹ"),
            new Rule("e", "A"), new Rule("ʲ", ""), new Rule("ɚ", "əɹ"), new Rule("r", "ɹ"), new Rule("x", "k"),
            new Rule("ç", "k"), new Rule("ɐ", "ə"), new Rule("ɬ", "l"), new Rule("\u0303", ""));

    /** Applied after {@link #ENGLISH}. */
    private static final List<Rule> AMERICAN = List.of(
            new Rule("o^ʊ", "O"), new Rule("ɜːɹ", "ɜɹ"), new Rule("ɜː", "ɜɹ"), new Rule("ɪə", "iə"), new Rule("ː", ""));

    private static final List<Rule> BRITISH = List.of(new Rule("i^ə", "ɪə"), new Rule("iə", "ɪə"), new Rule("ə^ʊ", "Q"));

    /**
     * misaki lists this with {@link #BRITISH}, after its {@code e→A}, so there it never matches and the square
     * vowel comes out as {@code Aə}. Applied first, it gives {@code ɛː}: what misaki's own British lexicon
     * writes ({@code hˈɛː}, {@code skwˈɛː}), so what the voices were trained on. For the same reason
     * {@link #BRITISH} also matches the tied {@code i^ə} eSpeak NG writes, and {@link #ENGLISH} reads eSpeak
     * NG's linking r after {@code ɚ} ("water in": {@code ɚɹ}) as one r, not the doubled {@code əɹɹ} that the
     * lexicon keeps for compounds like "hair-raising".
     */
    private static final Rule BRITISH_SQUARE = new Rule("e^ə", "ɛː");

    /** The other languages: only tied pairs become single letters. */
    private static final List<Rule> PLAIN = List.of(
            new Rule("a^ɪ", "I"), new Rule("a^ʊ", "W"), new Rule("d^z", "ʣ"), new Rule("d^ʒ", "ʤ"),
            new Rule("e^ɪ", "A"), new Rule("o^ʊ", "O"), new Rule("ə^ʊ", "Q"), new Rule("s^s", "S"),
            new Rule("t^s", "ʦ"), new Rule("t^ʃ", "ʧ"), new Rule("ɔ^ɪ", "Y"));

    /** A syllabic mark after a consonant: misaki writes a schwa before the consonant instead. */
    private static final Pattern SYLLABIC = Pattern.compile("(\\S)\u0329");

    private EspeakToMisaki() {
    }

    /** @param ipa eSpeak NG's {@code --ipa --tie=^} output for {@code en-us} or {@code en-gb}, flags removed */
    static String english(String ipa, boolean british) {
        String out = british ? apply(BRITISH_SQUARE, ipa) : ipa;
        out = apply(ENGLISH, out);
        out = SYLLABIC.matcher(out).replaceAll("ᵊ$1").replace("\u0329", "");
        out = apply(british ? BRITISH : AMERICAN, out);
        // eSpeak NG before 1.52 writes a bare o where misaki has ɔ; the flap and glottal stop are v1.0's T and t.
        return out.replace('o', 'ɔ').replace('ɾ', 'T').replace('ʔ', 't').replace("^", "");
    }

    /** @param ipa eSpeak NG's {@code --ipa --tie=^} output for es, fr-fr, hi, it or pt-br, flags removed */
    static String plain(String ipa) {
        return apply(PLAIN, ipa).replace("^", "").replace("-", "");
    }

    private static String apply(List<Rule> rules, String ipa) {
        String out = ipa;
        for (Rule rule : rules) {
            out = apply(rule, out);
        }
        return out;
    }

    private static String apply(Rule rule, String ipa) {
        return ipa.replace(rule.from(), rule.to());
    }
}
