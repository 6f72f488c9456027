package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Several generations decoded together: one GPT run per step for every seated row, so the weights are read
 * once for the whole batch. Each row keeps its own length, positions, repetition-penalty set and random
 * generator, so its codes do not depend on its batch mates. A row is prefilled alone and then seated; it
 * leaves when it draws the stop code or reaches its cap. The KV cache stays allocated while the batch lives
 * (see {@link KvCache}); close the batch to free it. Not thread-safe: driven by one thread.
 */
final class GptBatch implements AutoCloseable {

    /** One generation in progress. */
    static final class Row {
        final float[] prefix;
        final Sampling sampling;
        final RandomGenerator random;
        final int cap;
        final BitSet seen;
        final int[] codes;
        final float[][] latents;
        int count;
        int length;
        long prefillNanos;
        long seatedAt;
        long decodeNanos;
        /** Diagnostics only: codes to take instead of sampling (teacher forcing), e.g. to compare precisions. */
        int[] forced;

        Row(float[] prefix, Sampling sampling, RandomGenerator random, int cap, int audioVocab) {
            this.prefix = prefix;
            this.sampling = sampling;
            this.random = random;
            this.cap = cap;
            this.seen = new BitSet(audioVocab);
            this.codes = new int[cap];
            this.latents = new float[cap][];
        }

        /** Positions of its prefix: voice latents, text and the start code. */
        int prefixPositions(int dim) {
            return prefix.length / dim;
        }

        /** Positions this row can occupy: its prefix and every code it may add. */
        int maxPositions(int dim) {
            return prefixPositions(dim) + cap;
        }

        GptDecoder.Generation generation(int stopCode) {
            return new GptDecoder.Generation(Arrays.copyOf(codes, count), Arrays.copyOf(latents, count),
                    codes[count - 1] == stopCode, prefillNanos, decodeNanos);
        }
    }

    /** What ONNX Runtime allocates; the presents are the cache's own tensors, pinned as outputs. */
    private static final Set<String> OUTPUTS = Set.of("logits", "latent");

    private final XttsModel model;
    private final GptDecoder embeddings;
    private final XttsManifest.Dims d;
    private final KvCache cache;
    private final List<Row> rows = new ArrayList<>();
    private final int maxRows;

    /** A batch whose cache holds the longest sequence the model allows (the scheduler's long-lived batch). */
    GptBatch(XttsModel model, GptDecoder embeddings, int maxRows) {
        this(model, embeddings, maxRows, longestSequence(model.manifest.dims()));
    }

    /** Voice latents, [START] text [STOP], the start code and every code generate() may add. */
    private static int longestSequence(XttsManifest.Dims d) {
        return d.condLatents() + d.textPositions() + d.melPositions();
    }

    /** A batch whose cache holds {@code maxPositions} per row: one-off batches size it to their rows. */
    GptBatch(XttsModel model, GptDecoder embeddings, int maxRows, int maxPositions) {
        this.model = model;
        this.embeddings = embeddings;
        this.d = model.manifest.dims();
        this.maxRows = maxRows;
        this.cache = new KvCache(model.env, d.layers(), d.heads(), d.headDim(), maxRows, maxPositions);
    }

    /** {@link Row#prefixPositions} at this model's width; safe from any thread. */
    int prefixPositions(Row row) {
        return row.prefixPositions(d.modelDim());
    }

    int size() {
        return rows.size();
    }

    /** What the KV cache takes once allocated. */
    long cacheBytes() {
        return cache.bytes();
    }

    /** Allocates the KV cache now rather than on the first admitted row. */
    void allocateCache() {
        cache.ensure(0, 0);
    }

    XttsScheduler.CacheStats cacheStats() {
        return cache.stats();
    }

    boolean isFull() {
        return rows.size() >= maxRows;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * Prefills the row alone, chooses its first code and seats it. Returns false when that first code already
     * ends it (the row is then finished and not seated). When a seated row speaks with the same voice, the
     * voice latents' keys and values are copied from its slot and only the rest of the prefix is run: causal
     * attention makes those positions depend on the voice latents alone.
     */
    boolean admit(Row row) throws OrtException {
        long t0 = System.nanoTime();
        int dim = d.modelDim();
        int seq = row.prefixPositions(dim);
        row.seen.set(GptDecoder.DUMMY_PREFIX_ID);
        row.seen.set(d.startAudio());
        int slot = rows.size();
        int donor = sameVoice(row);
        int reused = donor < 0 ? 0 : d.condLatents();
        cache.ensure(slot + 1, seq + 1);
        if (donor >= 0) {
            cache.copyPositions(donor, slot, reused);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        Map<String, OnnxTensor> presents = new HashMap<>();
        try {
            FloatBuffer rest = FloatBuffer.wrap(row.prefix, reused * dim, (seq - reused) * dim).slice();
            inputs.put("inputs_embeds", OnnxTensor.createTensor(model.env, rest, new long[] {1, seq - reused, dim}));
            inputs.put("seqlens_k", ints(new int[] {seq - 1}));
            inputs.put("total_sequence_length", ints(new int[] {seq}));
            for (int i = 0; i < 2 * d.layers(); i++) {
                OnnxTensor kv = cache.slotTensor(i, slot);
                inputs.put(pastName(i), kv);
                presents.put(presentName(i), kv);
            }
            try (OrtSession.Result result = model.gpt.run(inputs, OUTPUTS, presents)) {
                row.prefillNanos = System.nanoTime() - t0;
                if (choose(row, floats(result, "logits"), floats(result, "latent"))) {
                    return false;
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        row.length = seq;
        row.seatedAt = System.nanoTime();
        rows.add(row);
        return true;
    }

    /** The slot of a seated row whose prefix starts with the same voice latents, or -1. */
    private int sameVoice(Row row) {
        int n = d.condLatents() * d.modelDim();
        for (int r = 0; r < rows.size(); r++) {
            if (Arrays.equals(rows.get(r).prefix, 0, n, row.prefix, 0, n)) {
                return r;
            }
        }
        return -1;
    }

    /** One decode step for every seated row; returns the rows that finished, which have left the batch. */
    List<Row> step() throws OrtException {
        int b = rows.size();
        int dim = d.modelDim();
        cache.ensure(b, maxLength() + 1);
        float[] embeds = new float[b * dim];
        int[] seqlens = new int[b];
        for (int r = 0; r < b; r++) {
            Row row = rows.get(r);
            System.arraycopy(embeddings.codeEmbedding(row.codes[row.count - 1], row.count), 0, embeds, r * dim, dim);
            seqlens[r] = row.length; // GroupQueryAttention's seqlens_k: length after the step minus one, the position written
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        Map<String, OnnxTensor> presents = new HashMap<>();
        List<Row> finished = new ArrayList<>();
        try {
            inputs.put("inputs_embeds", tensor(embeds, b, 1, dim));
            inputs.put("seqlens_k", ints(seqlens));
            inputs.put("total_sequence_length", ints(new int[] {maxLength() + 1}));
            for (int i = 0; i < 2 * d.layers(); i++) {
                OnnxTensor kv = cache.tensor(i, b);
                inputs.put(pastName(i), kv);
                presents.put(presentName(i), kv);
            }
            try (OrtSession.Result result = model.gpt.run(inputs, OUTPUTS, presents)) {
                float[] logits = floats(result, "logits");
                float[] latents = floats(result, "latent");
                int vocab = d.audioVocab();
                for (int r = 0; r < b; r++) {
                    Row row = rows.get(r);
                    row.length++;
                    if (choose(row, Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab),
                            Arrays.copyOfRange(latents, r * dim, (r + 1) * dim))) {
                        row.decodeNanos = System.nanoTime() - row.seatedAt;
                        finished.add(row);
                    }
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        finished.forEach(this::remove);
        return finished;
    }

    /** Removes a seated row (finished or abandoned); the last row moves into its slot. */
    void remove(Row row) {
        int slot = rows.indexOf(row);
        int last = rows.size() - 1;
        if (slot < 0) {
            return;
        }
        if (slot != last) {
            cache.copyPositions(last, slot, rows.get(last).length);
            rows.set(slot, rows.get(last));
        }
        rows.remove(last);
    }

    /** Frees the KV cache now; a batch that is used again allocates it again. */
    @Override
    public void close() {
        rows.clear();
        cache.release();
    }

    /** Records the code chosen from {@code logits} and the latent that predicted it; true when the row ends. */
    private boolean choose(Row row, float[] logits, float[] latent) {
        int code = row.forced != null ? row.forced[row.count] : Sampler.choose(logits, row.seen, row.sampling, row.random);
        row.codes[row.count] = code;
        row.latents[row.count] = latent;
        row.count++;
        row.seen.set(code);
        return code == d.stopAudio() || row.count >= row.cap;
    }

    private int maxLength() {
        int max = 0;
        for (Row row : rows) {
            max = Math.max(max, row.length);
        }
        return max;
    }

    private OnnxTensor tensor(float[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(model.env, FloatBuffer.wrap(data), shape);
    }

    private OnnxTensor ints(int[] data) throws OrtException {
        return OnnxTensor.createTensor(model.env, IntBuffer.wrap(data), new long[] {data.length});
    }

    private static String pastName(int i) {
        return (i % 2 == 0 ? "past_key_" : "past_value_") + i / 2;
    }

    private static String presentName(int i) {
        return (i % 2 == 0 ? "present_key_" : "present_value_") + i / 2;
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer b = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
