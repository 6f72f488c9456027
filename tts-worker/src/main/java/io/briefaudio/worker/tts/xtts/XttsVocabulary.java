package io.briefaudio.worker.tts.xtts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The characters the model's BPE tokenizer has a token for. XTTS's BPE has no byte fallback and does not
 * fuse unknowns (docs/spec §2.1), so any other character becomes {@code [UNK]}, which the GPT speaks as
 * noise. {@link #speakable} keeps known characters, strips accents the vocabulary lacks, turns typographic
 * punctuation into plain punctuation and replaces whatever is left with a space.
 */
final class XttsVocabulary {

    /** Typographic characters and the plain punctuation they stand for ("" = drop, like the quote cleaner). */
    private static final Map<Integer, String> PUNCTUATION = Map.ofEntries(
            Map.entry((int) '…', "..."), Map.entry((int) '–', ","), Map.entry((int) '—', ","),
            Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"), Map.entry((int) '‚', "'"),
            Map.entry((int) '«', ""), Map.entry((int) '»', ""), Map.entry((int) '“', ""), Map.entry((int) '”', ""),
            Map.entry((int) '„', ""), Map.entry((int) '‹', ""), Map.entry((int) '›', ""),
            Map.entry((int) '¿', ""), Map.entry((int) '¡', ""), Map.entry((int) '\u00A0', " "));

    private final Set<Integer> known;

    private XttsVocabulary(Set<Integer> known) {
        this.known = known;
    }

    /** Reads {@code model.vocab} of a HuggingFace tokenizers JSON file: every single-character token. */
    static XttsVocabulary read(Path tokenizerFile) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(tokenizerFile.toFile()).path("model").path("vocab");
        Set<Integer> known = new HashSet<>();
        for (Iterator<String> tokens = vocab.fieldNames(); tokens.hasNext(); ) {
            String token = tokens.next();
            if (token.codePointCount(0, token.length()) == 1) {
                known.add(token.codePointAt(0));
            }
        }
        return new XttsVocabulary(Set.copyOf(known));
    }

    boolean knows(int codePoint) {
        return known.contains(codePoint);
    }

    /** The text with nothing the tokenizer would turn into {@code [UNK]}; spaces collapsed. */
    String speakable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.append(speakable(cp)));
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    private String speakable(int cp) {
        if (cp == ' ' || known.contains(cp)) {
            return Character.toString(cp);
        }
        String plain = PUNCTUATION.get(cp);
        if (plain != null && plain.codePoints().allMatch(c -> c == ' ' || known.contains(c))) {
            return plain;
        }
        // é → e when the vocabulary has e but not é; ligatures and compatibility forms (ﬁ, ², ｆ) likewise.
        String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT);
        if (!decomposed.isEmpty() && decomposed.codePoints().allMatch(known::contains)) {
            return decomposed;
        }
        return " ";
    }
}
