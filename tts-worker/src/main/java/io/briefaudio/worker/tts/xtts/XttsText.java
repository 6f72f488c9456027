package io.briefaudio.worker.tts.xtts;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * XTTS text preparation and tokenisation (docs/spec §2): lower-case, the cleaning we can do faithfully, the
 * language tag, spaces spelt {@code [SPACE]}, then the model's own HF tokenizer through DJL.
 *
 * <p>Chinese, Korean and Japanese are romanised first ({@link Romanizer}). Not done (documented in
 * docs/xtts.md): the cleaners' own number expansion (the worker's shared text preparation expands numbers
 * before any engine). The HF tokenizer is thread-safe for encoding.
 */
final class XttsText implements AutoCloseable {

    /** The seventeen languages XTTS v2 speaks. */
    private static final Set<String> PREPARED = Set.of(
            "en", "de", "fr", "es", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "hu", "hi", "zh-cn", "ko", "ja");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final HuggingFaceTokenizer tokenizer;
    private final XttsVocabulary vocabulary;
    private final XttsManifest manifest;
    private final Set<String> languages;

    XttsText(Path tokenizerFile, XttsManifest manifest) throws IOException {
        // DJL truncates at 512 tokens by default and only logs it; XTTS has its own 402 limit, enforced below.
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of(
                "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        this.vocabulary = XttsVocabulary.read(tokenizerFile);
        this.manifest = manifest;
        Set<String> langs = new TreeSet<>();
        for (String tag : manifest.tokens().languages().keySet()) {
            if (PREPARED.contains(tag) && manifest.charLimits().containsKey(base(tag))) {
                langs.add(tag);
            }
        }
        this.languages = Set.copyOf(langs);
    }

    Set<String> languages() {
        return languages;
    }

    int charLimit(String language) {
        return manifest.charLimits().getOrDefault(base(language), 0);
    }

    XttsVocabulary vocabulary() {
        return vocabulary;
    }

    /** Python's {@code strip().lower()} then the multilingual cleaner's quote removal and whitespace collapse. */
    static String clean(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        return WHITESPACE.matcher(lower).replaceAll(" ").strip();
    }

    /**
     * The string handed to the tokenizer: {@code [lang]} then the cleaned (for zh and ko romanised) text with
     * {@code [SPACE]} for spaces.
     */
    static String prepare(String text, String language) {
        return tagged(romanise(clean(text), base(language)), language);
    }

    /**
     * What {@link #encode} tokenizes: {@link #prepare} plus the cleaners' symbol words ({@code &} → "and",
     * {@code #} → "hash", per language) and nothing the vocabulary lacks, so no {@code [UNK]} reaches the GPT.
     */
    String spoken(String text, String language) {
        String base = base(language);
        String romanised = romanise(clean(XttsSymbols.spell(text, base)), base);
        return tagged(vocabulary.speakable(romanised), language);
    }

    private static String romanise(String cleaned, String base) {
        return switch (base) {
            case "zh" -> Romanizer.chinese(cleaned);
            case "ko" -> Romanizer.korean(cleaned);
            case "ja" -> Romanizer.japanese(cleaned).toLowerCase(Locale.ROOT);
            default -> cleaned;
        };
    }

    private static String tagged(String body, String language) {
        String base = base(language);
        return "[" + (base.equals("zh") ? "zh-cn" : base) + "]" + body.replace(" ", "[SPACE]");
    }

    /** Token ids including the language tag; [START]/[STOP] are the GPT's to add. */
    int[] encode(String text, String language) throws SynthesisException {
        if (!languages.contains(language)) {
            throw new SynthesisException("XTTS engine does not speak '" + language + "'; it speaks " + languages, true);
        }
        return tokenize(spoken(text, language));
    }

    /** The tokenizer alone, on an already prepared string (parity with the Python side). */
    int[] tokenize(String prepared) throws SynthesisException {
        Encoding enc = tokenizer.encode(prepared, false, false);
        long[] ids = enc.getIds();
        int limit = manifest.dims().maxTextTokens();
        if (ids.length >= limit) {
            throw new SynthesisException("text is " + ids.length + " XTTS tokens; the model takes fewer than " + limit
                    + " per chunk — split it into shorter chunks", true);
        }
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    private static String base(String language) {
        int dash = language.indexOf('-');
        return dash < 0 ? language : language.substring(0, dash);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
