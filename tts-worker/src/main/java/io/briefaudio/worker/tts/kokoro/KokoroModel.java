package io.briefaudio.worker.tts.kokoro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Kokoro model directory as users download it or {@code tools/kokoro-export} writes it: {@code config.json}
 * (its {@code vocab}), a graph ({@code model.onnx}, or where onnx-community and kokoro-onnx put theirs), the voice
 * packs ({@link KokoroVoices}) and, from the exporter, {@code manifest.json} naming the files and the licence.
 */
record KokoroModel(Path dir, KokoroVocabulary vocabulary, KokoroGraph graph, Map<String, float[]> voices,
                   String license, String digest) implements AutoCloseable {

    static final String CONFIG = "config.json";
    static final String MANIFEST = "manifest.json";
    /** Kokoro-82M's weights and voices are Apache-2.0 (hexgrad/Kokoro-82M model card). */
    static final String DEFAULT_LICENSE = "Apache-2.0";

    private static final Map<String, List<String>> GRAPHS = Map.of(
            "fp32", List.of("model.onnx", "onnx/model.onnx", "kokoro-v1.0.onnx"),
            "int8", List.of("model.int8.onnx", "onnx/model_quantized.onnx", "kokoro-v1.0.int8.onnx"));

    /**
     * @param precision {@code fp32} or {@code int8}: which of the directory's graphs to run
     * @throws IOException naming the file and what was expected when one is missing or wrong
     */
    static KokoroModel load(Path dir, String precision, int intraOpThreads) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory: expected a Kokoro model directory with " + CONFIG
                    + ", model.onnx and voices/");
        }
        if (!GRAPHS.containsKey(precision)) {
            throw new IOException("precision " + precision + " is not fp32 or int8");
        }
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IOException(config + " is missing: expected Kokoro's config.json, whose \"vocab\" maps "
                    + "phonemes to the graph's ids (hexgrad/Kokoro-82M's config.json)");
        }
        KokoroVocabulary vocabulary = KokoroVocabulary.load(config);
        JsonNode manifest = manifest(dir);
        Path graphFile = graphFile(dir, precision, manifest);
        Map<String, float[]> voices = KokoroVoices.load(dir);
        KokoroGraph graph = KokoroGraph.open(graphFile, intraOpThreads);
        String license = manifest == null ? DEFAULT_LICENSE : manifest.path("license").asText(DEFAULT_LICENSE);
        return new KokoroModel(dir, vocabulary, graph, voices, license, digest(graphFile, config, voices));
    }

    private static JsonNode manifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            if (!node.isObject()) {
                throw new IOException(file + " is not a JSON object (the manifest tools/kokoro-export writes)");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The manifest's file for the precision, else the first of the known layouts' names that exists. */
    private static Path graphFile(Path dir, String precision, JsonNode manifest) throws IOException {
        String key = precision.equals("fp32") ? "model" : "model_int8";
        if (manifest != null && manifest.path("files").has(key)) {
            return dir.resolve(manifest.path("files").path(key).asText());
        }
        if (manifest != null && precision.equals("int8")) {
            throw new IOException(dir.resolve(MANIFEST) + " lists no int8 graph (files.model_int8): export with "
                    + "--quantize int8, or use precision fp32");
        }
        List<String> names = GRAPHS.get(precision);
        for (String name : names) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IOException(dir.resolve(names.get(0)) + " is missing: expected the " + precision
                + " Kokoro ONNX graph as " + String.join(", ", names) + " with " + KokoroGraph.EXPECTED);
    }

    /** The first 12 hex digits of a SHA-256 over the graph, the vocabulary and every voice pack. */
    private static String digest(Path graph, Path config, Map<String, float[]> voices) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : List.of(graph, config)) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(KokoroVoices.PACK_FLOATS * 4);
            for (Map.Entry<String, float[]> voice : voices.entrySet()) {
                sha.update(voice.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                bytes.clear();
                bytes.asFloatBuffer().put(voice.getValue());
                sha.update(bytes.array());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        graph.close();
    }
}
