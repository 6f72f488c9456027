package io.briefaudio.worker.tts.kokoro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The model's phoneme vocabulary: the {@code "vocab": {"ɹ": 123, …}} object of the model directory's
 * {@code config.json}, one character per id. Id 0 is not in it: it pads and marks both ends of every input.
 * Immutable and thread-safe.
 */
public final class KokoroVocabulary {

    /** The model's 512 positions hold this many phonemes between the two boundary zeros. */
    public static final int MAX_PHONEMES = 510;
    public static final long BOUNDARY = 0;

    private final Map<Integer, Long> ids;

    private KokoroVocabulary(Map<Integer, Long> ids) {
        this.ids = Map.copyOf(ids);
    }

    /** @throws IOException naming the file when it cannot be read, is not JSON or has no usable vocab */
    public static KokoroVocabulary load(Path configJson) throws IOException {
        try (InputStream in = Files.newInputStream(configJson)) {
            return read(in, configJson.toString());
        }
    }

    /**
     * @param source names the input in error messages
     * @throws IOException when the input is not JSON with a {@code vocab} object of single characters to ids
     */
    public static KokoroVocabulary read(InputStream configJson, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configJson);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode vocab = root.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IOException(source + " has no \"vocab\" object mapping phonemes to ids");
        }
        Map<Integer, Long> ids = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = vocab.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String phoneme = entry.getKey();
            JsonNode id = entry.getValue();
            if (phoneme.codePointCount(0, phoneme.length()) != 1 || !id.canConvertToLong() || id.asLong() <= 0) {
                throw new IOException(source + ": vocab entry \"" + phoneme + "\": " + id
                        + " is not one character with a positive id");
            }
            ids.put(phoneme.codePointAt(0), id.asLong());
        }
        KokoroVocabulary vocabulary = new KokoroVocabulary(ids);
        long tokens = root.path("n_token").asLong(Long.MAX_VALUE);
        if (vocabulary.maxId() >= tokens) {
            throw new IOException(source + ": vocab id " + vocabulary.maxId() + " is past n_token " + tokens);
        }
        return vocabulary;
    }

    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    public int size() {
        return ids.size();
    }

    /** The largest id: an ONNX graph's embedding must have more rows than this. */
    public long maxId() {
        return ids.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The phonemes without any character the model has no id for. */
    public String filter(String phonemes) {
        StringBuilder out = new StringBuilder(phonemes.length());
        phonemes.codePoints().filter(ids::containsKey).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * The model input for one chunk: {@code [0, id…, 0]}, characters outside the vocabulary dropped.
     *
     * @throws IllegalArgumentException when more than {@link #MAX_PHONEMES} phonemes remain
     */
    public long[] inputIds(String phonemes) {
        long[] known = phonemes.codePoints().filter(ids::containsKey).mapToLong(ids::get).toArray();
        if (known.length > MAX_PHONEMES) {
            throw new IllegalArgumentException(known.length + " phonemes do not fit the model's " + MAX_PHONEMES);
        }
        long[] out = new long[known.length + 2];
        out[0] = BOUNDARY;
        System.arraycopy(known, 0, out, 1, known.length);
        out[out.length - 1] = BOUNDARY;
        return out;
    }
}
