package io.briefaudio.worker.tts.xtts;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;

/**
 * The romanisation XTTS v2 expects before its tokenizer for Chinese and Korean (docs/spec §2.2), with ICU:
 * Chinese becomes tone-numbered pinyin with syllables joined and the neutral tone as 5 ({@code 你好} →
 * {@code ni3hao3}, {@code ü} as {@code v}), as pypinyin's TONE3 style gives; Korean becomes a letter-by-letter
 * transcription ({@code 안녕하세요} → {@code annyeonghaseyo}). ICU reads each character on its own where
 * pypinyin uses a phrase dictionary, so a polyphonic character can get another reading, and ICU does not add
 * the hyphens hangul-romanize's academic rule puts between ambiguous syllables. Other text passes unchanged.
 * Transliterators are not thread-safe to share, so each call takes its own.
 */
final class Romanizer {

    private Romanizer() {
    }

    static String chinese(String text) {
        Transliterator hanToLatin = Transliterator.getInstance("Han-Latin");
        return transliterateRuns(text, UScript.HAN, run -> {
            StringBuilder out = new StringBuilder();
            for (String syllable : hanToLatin.transliterate(run).split(" ")) {
                out.append(toneNumbered(syllable));
            }
            return out.toString();
        });
    }

    static String korean(String text) {
        Transliterator hangulToLatin = Transliterator.getInstance("Hangul-Latin");
        return transliterateRuns(text, UScript.HANGUL, hangulToLatin::transliterate);
    }

    /** {@code hǎo} → {@code hao3}, {@code lǜ} → {@code lv4}, {@code men} → {@code men5}; punctuation as it is. */
    static String toneNumbered(String syllable) {
        String decomposed = Normalizer.normalize(syllable, Normalizer.Form.NFD);
        StringBuilder letters = new StringBuilder();
        int tone = 5;
        boolean hasLetter = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            switch (c) {
                case '\u0304' -> tone = 1;
                case '\u0301' -> tone = 2;
                case '\u030C' -> tone = 3;
                case '\u0300' -> tone = 4;
                case '\u0308' -> letters.setCharAt(letters.length() - 1, 'v'); // ü
                default -> {
                    letters.append(c);
                    hasLetter |= Character.isLetter(c);
                }
            }
        }
        return hasLetter ? letters.append(tone).toString() : letters.toString();
    }

    private interface RunTransliteration {
        String apply(String run);
    }

    private static String transliterateRuns(String text, int script, RunTransliteration transliteration) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean inScript = UScript.getScript(text.codePointAt(i)) == script;
            while (i < text.length() && (UScript.getScript(text.codePointAt(i)) == script) == inScript) {
                i += Character.charCount(text.codePointAt(i));
            }
            String run = text.substring(start, i);
            out.append(inScript ? transliteration.apply(run) : run);
        }
        return out.toString();
    }
}
