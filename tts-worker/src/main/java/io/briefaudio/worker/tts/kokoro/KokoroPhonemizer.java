package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.kokoro.TextPieces.Piece;
import io.briefaudio.worker.tts.text.Directives;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kokoro's front end: prepared text (from {@link io.briefaudio.worker.tts.text.TextPreparer}, so numbers and
 * abbreviations are already words) to chunks of phonemes the model can speak. Words are read by eSpeak NG
 * and mapped to misaki's phones ({@link EspeakToMisaki}); punctuation is kept as Kokoro's own tokens; only
 * characters in the model's vocabulary remain; chunks hold at most {@code maxPhonemes} phonemes. Thread-safe.
 */
public final class KokoroPhonemizer {

    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{M}'\\s]+");

    private final EspeakIpa espeak;
    private final KokoroVocabulary vocabulary;

    public KokoroPhonemizer(EspeakProgram espeak, KokoroVocabulary vocabulary) {
        this.espeak = new EspeakIpa(espeak);
        this.vocabulary = vocabulary;
    }

    /**
     * @param preparedText text as {@link io.briefaudio.worker.tts.text.TextPreparer#prepare} returns it; chunk
     *                     and span offsets are positions in it
     * @param maxPhonemes  the longest chunk, 1 to 510 (the model's limit)
     * @return the chunks in order; none when the text has nothing to say
     * @throws SynthesisException when eSpeak NG fails (not permanent: another try may work)
     */
    public List<PhonemeChunk> phonemize(String preparedText, KokoroLanguage language, int maxPhonemes)
            throws SynthesisException {
        if (maxPhonemes < 1 || maxPhonemes > KokoroVocabulary.MAX_PHONEMES) {
            throw new IllegalArgumentException("maxPhonemes must be 1 to " + KokoroVocabulary.MAX_PHONEMES
                    + ", was " + maxPhonemes);
        }
        return PhonemeChunker.chunk(tokens(preparedText, language, maxPhonemes), maxPhonemes);
    }

    /** The whole text's phonemes in one string, without the cap: what {@link #phonemize} cuts into chunks. */
    public String phonemes(String preparedText, KokoroLanguage language) throws SynthesisException {
        StringBuilder out = new StringBuilder();
        for (PhonemeToken token : tokens(preparedText, language, KokoroVocabulary.MAX_PHONEMES)) {
            if (token.length() > 0) {
                out.append(token.phonemes()).append(token.spaceAfter() ? " " : "");
            }
        }
        return out.toString().strip();
    }

    /**
     * Whether a pronunciation given in IPA (a lexicon entry, an SSML {@code phoneme}) becomes phones the model
     * knows, every one of them: then it reaches {@link #phonemize} as a {@code {ph:…}} directive, spoken as given.
     */
    public boolean speaksIpa(String ipa, KokoroLanguage language) {
        String phones = misaki(ipa.strip(), language);
        return !phones.isBlank() && vocabulary.filter(phones).equals(phones);
    }

    /** Text between pronunciation directives goes through eSpeak NG; each directive's IPA is mapped as given. */
    private List<PhonemeToken> tokens(String text, KokoroLanguage language, int maxPhonemes) throws SynthesisException {
        Matcher directive = Directives.PHONEME.matcher(text);
        if (!directive.find()) {
            return tokensOfText(text, 0, language, maxPhonemes);
        }
        List<PhonemeToken> tokens = new ArrayList<>();
        int at = 0;
        do {
            tokens.addAll(tokensOfText(text.substring(at, directive.start()), at, language, maxPhonemes));
            String phones = vocabulary.filter(misaki(Directives.phoneme(directive).ipa().strip(), language));
            boolean spaceAfter = directive.end() < text.length() && Character.isWhitespace(text.charAt(directive.end()));
            tokens.add(new PhonemeToken(phones, directive.start(), directive.end(), false, spaceAfter, false));
            at = directive.end();
        } while (directive.find());
        tokens.addAll(tokensOfText(text.substring(at), at, language, maxPhonemes));
        return tokens;
    }

    /** The tokens of {@code text}, which starts at {@code offset} of the prepared text the spans refer to. */
    private List<PhonemeToken> tokensOfText(String text, int offset, KokoroLanguage language, int maxPhonemes)
            throws SynthesisException {
        List<Piece> pieces = TextPieces.split(text).stream().map(p -> new Piece(p.punctuation(), p.text(),
                p.start() + offset, p.end() + offset, p.spaceAfter(), p.paragraphAfter())).toList();
        if (pieces.isEmpty()) {
            return List.of();
        }
        List<String> runs = pieces.stream().filter(KokoroPhonemizer::isSpoken).map(Piece::text).toList();
        List<String> ipa = espeak.read(runs, language.espeakVoice());
        List<PhonemeToken> tokens = new ArrayList<>();
        int next = 0;
        for (Piece piece : pieces) {
            if (piece.punctuation()) {
                tokens.add(new PhonemeToken(vocabulary.filter(piece.text()), piece.start(), piece.end(), true,
                        piece.spaceAfter(), piece.paragraphAfter()));
            } else if (isSpoken(piece)) {
                tokens.addAll(words(piece, misaki(ipa.get(next++), language), language, maxPhonemes));
            }
        }
        return tokens;
    }

    /** Runs without a letter or digit (a lone symbol, an emoji) are not sent: eSpeak NG may say nothing for them. */
    private static boolean isSpoken(Piece piece) {
        return !piece.punctuation() && piece.text().codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static String misaki(String ipa, KokoroLanguage language) {
        return language.isEnglish()
                ? EspeakToMisaki.english(ipa, language == KokoroLanguage.BRITISH_ENGLISH)
                : EspeakToMisaki.plain(ipa);
    }

    /**
     * One token per written word when eSpeak NG read as many words as were written, all of them plain words;
     * else the run is one token ("in the" → {@code ɪnðə}), unless that is longer than a chunk: then each word
     * is read on its own.
     */
    private List<PhonemeToken> words(Piece piece, String phonemes, KokoroLanguage language, int maxPhonemes)
            throws SynthesisException {
        List<int[]> written = writtenWords(piece);
        String[] read = phonemes.isEmpty() ? new String[0] : phonemes.split(" ");
        List<PhonemeToken> tokens = new ArrayList<>();
        if (read.length == written.size() && plainWords(piece)) {
            for (int i = 0; i < read.length; i++) {
                tokens.add(word(read[i], written.get(i), piece, i == read.length - 1));
            }
            return tokens;
        }
        String filtered = vocabulary.filter(phonemes);
        if (filtered.codePointCount(0, filtered.length()) <= maxPhonemes || written.size() == 1) {
            tokens.add(word(phonemes, new int[] {piece.start(), piece.end()}, piece, true));
            return tokens;
        }
        List<String> texts = written.stream().map(w -> piece.text().substring(w[0] - piece.start(), w[1] - piece.start()))
                .toList();
        List<String> each = espeak.read(texts, language.espeakVoice());
        for (int i = 0; i < each.size(); i++) {
            tokens.add(word(misaki(each.get(i), language), written.get(i), piece, i == each.size() - 1));
        }
        return tokens;
    }

    private PhonemeToken word(String phonemes, int[] range, Piece piece, boolean last) {
        return new PhonemeToken(vocabulary.filter(phonemes), range[0], range[1], false,
                !last || piece.spaceAfter(), last && piece.paragraphAfter());
    }

    /**
     * eSpeak NG joins plain words ("in the") but never splits one, while "ice-cold" or "2b" may become two. So
     * only for plain words do equal counts mean each written word is the spoken word at the same place.
     */
    private static boolean plainWords(Piece piece) {
        return PLAIN_WORDS.matcher(piece.text()).matches();
    }

    /** Each whitespace-separated word's {@code [start, end)} in the text. */
    private static List<int[]> writtenWords(Piece piece) {
        List<int[]> words = new ArrayList<>();
        String text = piece.text();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new int[] {piece.start() + start, piece.start() + i});
            }
        }
        return words;
    }
}
