package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import io.briefaudio.worker.tts.SynthesisException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GPT decoding alone, for benchmarks: {@code rows} copies of one text decoded as one batch for {@code codes} steps,
 * on the calling thread, outside the scheduler. {@code stepNanos[i]} is step i's time; every row's past then holds
 * {@code prefixPositions + i} positions.
 */
public record GptBatchProfile(int rows, int steps, long prefillNanos, long decodeNanos, long[] stepNanos,
                              int prefixPositions) {

    static GptBatchProfile measure(XttsModel model, GptDecoder gpt, Speaker speaker, int[] ids, int rows, int codes)
            throws SynthesisException {
        int dim = model.manifest().dims().modelDim();
        List<GptBatch.Row> pending = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            pending.add(gpt.newRow(speaker, ids, Sampling.greedy(5.0), codes, new SplittableRandom(r)));
        }
        int prefix = pending.get(0).prefixPositions(dim);
        try (GptBatch batch = new GptBatch(model, gpt, rows, pending.get(0).maxPositions(dim))) {
            long t0 = System.nanoTime();
            for (GptBatch.Row row : pending) {
                batch.admit(row);
            }
            long t1 = System.nanoTime();
            long[] stepNanos = new long[codes];
            int steps = 0;
            while (batch.size() > 0) {
                long s0 = System.nanoTime();
                batch.step();
                stepNanos[steps++] = System.nanoTime() - s0;
            }
            return new GptBatchProfile(rows, steps, t1 - t0, System.nanoTime() - t1, Arrays.copyOf(stepNanos, steps),
                    prefix);
        } catch (OrtException e) {
            throw new SynthesisException("ONNX Runtime failed: " + e.getMessage(), false, e);
        }
    }
}
