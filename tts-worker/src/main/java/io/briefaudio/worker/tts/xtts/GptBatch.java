package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Several generations decoded together: one GPT run per step for every seated row, so the weights are read
 * once for the whole batch. Each row keeps its own length, positions, repetition-penalty set and random
 * generator, so its codes do not depend on its batch mates. A row is prefilled alone and then seated; it
 * leaves when it draws the stop code or reaches its cap. Not thread-safe: driven by one thread.
 */
final class GptBatch {

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

        GptDecoder.Generation generation(int stopCode) {
            return new GptDecoder.Generation(Arrays.copyOf(codes, count), Arrays.copyOf(latents, count),
                    codes[count - 1] == stopCode, prefillNanos, decodeNanos);
        }
    }

    private final XttsModel model;
    private final GptDecoder embeddings;
    private final XttsManifest.Dims d;
    private final KvCache cache;
    private final List<Row> rows = new ArrayList<>();
    private final int maxRows;

    GptBatch(XttsModel model, GptDecoder embeddings, int maxRows) {
        this.model = model;
        this.embeddings = embeddings;
        this.d = model.manifest.dims();
        this.maxRows = maxRows;
        this.cache = new KvCache(model.env, d.layers(), d.heads(), d.headDim(), maxRows);
    }

    int size() {
        return rows.size();
    }

    boolean isFull() {
        return rows.size() >= maxRows;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * Prefills the row alone, chooses its first code and seats it. Returns false when that first code already
     * ends it (the row is then finished and not seated).
     */
    boolean admit(Row row) throws OrtException {
        long t0 = System.nanoTime();
        int seq = row.prefix.length / d.modelDim();
        row.seen.set(GptDecoder.DUMMY_PREFIX_ID);
        row.seen.set(d.startAudio());
        // A one-position masked dummy past keeps every tensor non-empty; its weight is exactly zero.
        float[] dummy = new float[d.heads() * d.headDim()];
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("inputs_embeds", tensor(row.prefix, 1, seq, d.modelDim()));
            inputs.put("past_mask", tensor(new float[1], 1, 1));
            for (int i = 0; i < 2 * d.layers(); i++) {
                inputs.put(pastName(i), tensor(dummy, 1, d.heads(), 1, d.headDim()));
            }
            try (OrtSession.Result result = model.gpt.run(inputs)) {
                row.prefillNanos = System.nanoTime() - t0;
                if (choose(row, floats(result, "logits"), floats(result, "latent"))) {
                    return false;
                }
                int slot = rows.size();
                cache.ensure(slot + 1, Math.max(seq + 1, maxLength() + 1));
                for (int i = 0; i < 2 * d.layers(); i++) {
                    cache.writeRow(i, buffer(result, newName(i)), slot, seq);
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

    /** One decode step for every seated row; returns the rows that finished, which have left the batch. */
    List<Row> step() throws OrtException {
        int b = rows.size();
        int dim = d.modelDim();
        cache.ensure(b, maxLength() + 1);
        int cap = cache.capacity();
        float[] embeds = new float[b * dim];
        float[] mask = new float[b * cap];
        int[] at = new int[b];
        for (int r = 0; r < b; r++) {
            Row row = rows.get(r);
            System.arraycopy(embeddings.codeEmbedding(row.codes[row.count - 1], row.count), 0, embeds, r * dim, dim);
            Arrays.fill(mask, r * cap, r * cap + row.length, 1f);
            at[r] = row.length;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        List<Row> finished = new ArrayList<>();
        try {
            inputs.put("inputs_embeds", tensor(embeds, b, 1, dim));
            inputs.put("past_mask", tensor(mask, b, cap));
            for (int i = 0; i < 2 * d.layers(); i++) {
                inputs.put(pastName(i), cache.tensor(i, b));
            }
            try (OrtSession.Result result = model.gpt.run(inputs)) {
                for (int i = 0; i < 2 * d.layers(); i++) {
                    cache.write(i, buffer(result, newName(i)), b, 1, at);
                }
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

    /** Removes a seated row (finished or abandoned); the last row moves into its slot. The last row out frees the cache. */
    void remove(Row row) {
        int slot = rows.indexOf(row);
        int last = rows.size() - 1;
        if (slot < 0) {
            return;
        }
        if (slot != last) {
            cache.move(last, slot);
            rows.set(slot, rows.get(last));
        }
        rows.remove(last);
        if (rows.isEmpty()) {
            cache.release();
        }
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

    private static String pastName(int i) {
        return (i % 2 == 0 ? "past_key_" : "past_value_") + i / 2;
    }

    private static String newName(int i) {
        return (i % 2 == 0 ? "new_key_" : "new_value_") + i / 2;
    }

    private static FloatBuffer buffer(OrtSession.Result result, String name) {
        return ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer b = buffer(result, name);
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
