package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Autoregressive audio-code generation with a KV cache (docs/spec §4-5): one prefill over
 * {@code cond | [START] text [STOP] | start-audio}, then one decode step per code. The {@code final_norm} latent
 * that predicted each code is kept, which replaces Coqui's second full GPT pass. Thread-safe: all state of a
 * generation lives in the call.
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

    Generation generate(Speaker speaker, int[] textIds, Sampling sampling, int maxCodes, RandomGenerator random)
            throws OrtException {
        int cap = Math.min(maxCodes, d.maxGenCodes());
        BitSet seen = new BitSet(d.audioVocab());
        seen.set(DUMMY_PREFIX_ID);
        seen.set(d.startAudio());
        int[] codes = new int[cap];
        float[][] latents = new float[cap][];
        int n = 0;
        long t0 = System.nanoTime();
        Step step = run(prefix(speaker, textIds), null);
        long t1 = System.nanoTime();
        try {
            while (true) {
                int code = Sampler.choose(step.logits, seen, sampling, random);
                codes[n] = code;
                latents[n] = step.latent;
                n++;
                seen.set(code);
                if (code == d.stopAudio() || n >= cap) {
                    break;
                }
                Step next = run(codeEmbedding(code, n), step);
                step.close();
                step = next;
            }
        } finally {
            step.close();
        }
        return new Generation(java.util.Arrays.copyOf(codes, n), java.util.Arrays.copyOf(latents, n),
                codes[n - 1] == d.stopAudio(), t1 - t0, System.nanoTime() - t1);
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

    private Step run(float[] embeds, Step previous) throws OrtException {
        int dim = d.modelDim();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        OnnxTensor x = OnnxTensor.createTensor(model.env, FloatBuffer.wrap(embeds), new long[] {1, embeds.length / dim, dim});
        OnnxTensor empty = previous == null
                ? OnnxTensor.createTensor(model.env, FloatBuffer.allocate(0), new long[] {1, d.heads(), 0, d.headDim()})
                : null;
        try {
            inputs.put("inputs_embeds", x);
            for (int l = 0; l < d.layers(); l++) {
                for (String kind : new String[] {"key", "value"}) {
                    OnnxTensor past = previous == null ? empty
                            : (OnnxTensor) previous.result.get("present_" + kind + "_" + l).orElseThrow();
                    inputs.put("past_" + kind + "_" + l, past);
                }
            }
            OrtSession.Result result = model.gpt.run(inputs);
            float[] logits = floats(result, "logits");
            float[] latent = floats(result, "latent");
            return new Step(result, logits, latent);
        } finally {
            x.close();
            if (empty != null) {
                empty.close();
            }
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer b = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** One run's outputs; the result stays open because its present tensors feed the next step. */
    private record Step(OrtSession.Result result, float[] logits, float[] latent) implements AutoCloseable {
        @Override
        public void close() {
            result.close();
        }
    }
}
