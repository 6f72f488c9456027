package io.briefaudio.worker.tts.xtts;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Chooses one audio code from the GPT's logits, in the order HF {@code generate} applies its processors
 * (docs/spec §4.4): repetition penalty over every id seen so far, temperature, top-k, top-p, then a draw.
 * Stateless; the logits array is modified in place.
 */
final class Sampler {

    private Sampler() {
    }

    static int choose(float[] logits, BitSet seen, Sampling s, RandomGenerator random) {
        penalise(logits, seen, (float) s.repetitionPenalty());
        if (s.greedy()) {
            return argmax(logits);
        }
        temperature(logits, (float) s.temperature());
        topK(logits, s.topK());
        topP(logits, s.topP());
        return draw(softmax(logits), random);
    }

    /** A negative logit is multiplied by the penalty, a positive one divided: both make the id less likely. */
    static void penalise(float[] logits, BitSet ids, float penalty) {
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            float v = logits[id];
            logits[id] = v < 0 ? v * penalty : v / penalty;
        }
    }

    static void temperature(float[] logits, float t) {
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= t;
        }
    }

    /** Keeps every logit not below the k-th largest, so ties at the boundary all survive. */
    static void topK(float[] logits, int k) {
        if (k <= 0 || k >= logits.length) {
            return;
        }
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float kth = sorted[sorted.length - k];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < kth) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Nucleus filter: walking from the least likely up, drops ids while the cumulative probability is at most
     * 1 - p; the most likely id always stays.
     */
    static void topP(float[] logits, double p) {
        if (p >= 1.0) {
            return;
        }
        Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> logits[i])); // stable: equal logits keep id order
        double[] probs = softmax(logits);
        double cumulative = 0;
        for (int r = 0; r < order.length - 1; r++) {
            cumulative += probs[order[r]];
            if (cumulative <= 1.0 - p) {
                logits[order[r]] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    static double[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static int draw(double[] probs, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > 0) {
                cumulative += probs[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last; // rounding left u just above the total
    }

    /** The first index of the largest value, like torch.argmax. */
    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
