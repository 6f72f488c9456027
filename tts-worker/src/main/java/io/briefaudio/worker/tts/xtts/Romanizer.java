package io.briefaudio.worker.tts.xtts;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The romanisation XTTS v2 expects before its tokenizer for Chinese, Korean and Japanese (docs/spec §2.2), with ICU:
 * Chinese becomes tone-numbered pinyin with syllables joined and the neutral tone as 5 ({@code 你好} →
 * {@code ni3hao3}, {@code ü} as {@code v}), as pypinyin's TONE3 style gives; Korean becomes a letter-by-letter
 * transcription ({@code 안녕하세요} → {@code annyeonghaseyo}). ICU reads each character on its own where
 * pypinyin uses a phrase dictionary, so a polyphonic character can get another reading, and ICU does not add
 * the hyphens hangul-romanize's academic rule puts between ambiguous syllables. Japanese: see {@link #japanese}.
 * Other text passes unchanged.
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

    /**
     * Japanese as Hepburn romaji, word by word: Kuromoji's IPADIC readings, ICU's Katakana-Latin, long vowels
     * doubled ({@code コーヒー} → {@code koohii}), the particles は, へ and を as {@code wa}, {@code e}, {@code o},
     * auxiliary verbs and punctuation joined to the word before — close to cutlet's output, which Coqui uses.
     */
    static String japanese(String text) {
        Transliterator kanaToLatin = Transliterator.getInstance("Katakana-Latin");
        StringBuilder out = new StringBuilder();
        try (JapaneseTokenizer tokenizer = new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL)) {
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            ReadingAttribute reading = tokenizer.addAttribute(ReadingAttribute.class);
            PartOfSpeechAttribute partOfSpeech = tokenizer.addAttribute(PartOfSpeechAttribute.class);
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String surface = term.toString();
                String pos = partOfSpeech.getPartOfSpeech() == null ? "" : partOfSpeech.getPartOfSpeech();
                if (surface.isBlank()) {
                    continue;
                }
                String word = particle(surface, pos);
                if (word == null) {
                    word = reading.getReading() == null ? surface : hepburn(kanaToLatin.transliterate(reading.getReading()));
                }
                boolean joins = pos.startsWith("記号") || pos.startsWith("助動詞") || out.length() == 0;
                out.append(joins ? "" : " ").append(word);
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string failed", e);
        }
        return out.toString();
    }

    private static String particle(String surface, String pos) {
        if (!pos.startsWith("助詞")) {
            return null;
        }
        return switch (surface) {
            case "は" -> "wa";
            case "へ" -> "e";
            case "を" -> "o";
            default -> null;
        };
    }

    /** ICU writes long vowels with macrons and syllabic n before a vowel with an apostrophe. */
    private static String hepburn(String latin) {
        StringBuilder out = new StringBuilder();
        String decomposed = Normalizer.normalize(latin, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == '\u0304' || c == '\u0302') {
                out.append(out.charAt(out.length() - 1));
            } else if (c != '\'') {
                out.append(c);
            }
        }
        return out.toString();
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
