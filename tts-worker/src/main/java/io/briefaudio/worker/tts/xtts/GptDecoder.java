package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import java.util.random.RandomGenerator;

/**
 * Autoregressive audio-code generation with a KV cache (docs/spec §4-5): one prefill over
 * {@code cond | [START] text [STOP] | start-audio}, then one decode step per code. The {@code final_norm} latent
 * that predicted each code is kept, which replaces Coqui's second full GPT pass. Thread-safe: all state of a
 * generation lives in its {@link GptBatch.Row}.
 */
final class GptDecoder {

    /** HF generate sees ones as the prefix's dummy input ids, so id 1 is always repetition-penalised. */
    static final int DUMMY_PREFIX_ID = 1;

    /**
     * Codes in order (ending with the stop code when {@code stopped}); latents[i] predicted codes[i]. The
     * timings split the prefill from the decode steps, for benchmarks.
     */
    record Generation(int[] codes, float[][] latents, boolean stopped, long prefillNanos, long decodeNanos) {
    }

    private final XttsModel model;
    private final XttsManifest.Dims d;
    private final XttsManifest.Tokens tokens;

    GptDecoder(XttsModel model) {
        this.model = model;
        this.d = model.manifest.dims();
        this.tokens = model.manifest.tokens();
    }

    /** One generation decoded alone (batch of one); the scheduler batches many through {@link GptBatch}. */
    Generation generate(Speaker speaker, int[] textIds, Sampling sampling, int maxCodes, RandomGenerator random)
            throws OrtException {
        return decodeAlone(newRow(speaker, textIds, sampling, maxCodes, random));
    }

    /** Decodes one row in a batch of its own, whose cache holds just that row, until it stops or reaches its cap. */
    Generation decodeAlone(GptBatch.Row row) throws OrtException {
        try (GptBatch batch = new GptBatch(model, this, 1, row.maxPositions(d.modelDim()))) {
            if (batch.admit(row)) {
                while (batch.step().isEmpty()) {
                    // until the row stops or reaches its cap
                }
            }
        }
        return row.generation(d.stopAudio());
    }

    GptBatch.Row newRow(Speaker speaker, int[] textIds, Sampling sampling, int maxCodes, RandomGenerator random) {
        return new GptBatch.Row(prefix(speaker, textIds), sampling, random, Math.min(maxCodes, d.maxGenCodes()),
                d.audioVocab());
    }

    /** cond latents, then text embeddings plus text positions, then the start-audio code at mel position 0. */
    float[] prefix(Speaker speaker, int[] textIds) {
        int dim = d.modelDim();
        int textLen = textIds.length + 2;
        float[] out = new float[(d.condLatents() + textLen + 1) * dim];
        System.arraycopy(speaker.condLatent(), 0, out, 0, d.condLatents() * dim);
        float[] text = model.tables.get("text");
        float[] textPos = model.tables.get("text_pos");
        for (int i = 0; i < textLen; i++) {
            int id = i == 0 ? tokens.start() : i == textLen - 1 ? tokens.stop() : textIds[i - 1];
            int at = (d.condLatents() + i) * dim;
            for (int c = 0; c < dim; c++) {
                out[at + c] = text[id * dim + c] + textPos[i * dim + c];
            }
        }
        float[] start = codeEmbedding(d.startAudio(), 0);
        System.arraycopy(start, 0, out, out.length - dim, dim);
        return out;
    }

    float[] codeEmbedding(int code, int position) {
        int dim = d.modelDim();
        float[] mel = model.tables.get("mel");
        float[] melPos = model.tables.get("mel_pos");
        float[] out = new float[dim];
        for (int c = 0; c < dim; c++) {
            out[c] = mel[code * dim + c] + melPos[position * dim + c];
        }
        return out;
    }
}
