package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Sampler steps on hand-computed logits, in HF generate's order. */
class XttsSamplerTest {

    private static final float NEG = Float.NEGATIVE_INFINITY;

    @Test
    void shouldDividePositiveAndMultiplyNegativeLogitsByThePenalty() {
        float[] logits = {2.0f, -1.0f, 0.5f, 3.0f};
        Sampler.penalise(logits, ids(0, 1), 2.0f);
        assertThat(logits).containsExactly(1.0f, -2.0f, 0.5f, 3.0f);
    }

    @Test
    void shouldPenaliseTheDummyPrefixIdSoGreedyAvoidsCodeOne() {
        float[] positive = {0f, 2.0f, 1.5f, 0f};
        assertThat(Sampler.choose(positive, ids(GptDecoder.DUMMY_PREFIX_ID), Sampling.greedy(2.0), null)).isEqualTo(2);
        float[] negative = {-1f, -0.1f, -1f, -0.15f};
        assertThat(Sampler.choose(negative, ids(GptDecoder.DUMMY_PREFIX_ID), Sampling.greedy(2.0), null)).isEqualTo(3);
    }

    @Test
    void shouldTakeTheFirstOfEqualBestLogitsWhenGreedy() {
        assertThat(Sampler.argmax(new float[] {1f, 4f, 4f, 2f})).isEqualTo(1);
    }

    @Test
    void shouldScaleByTemperature() {
        float[] logits = {1.0f, -2.0f};
        Sampler.temperature(logits, 0.5f);
        assertThat(logits).containsExactly(2.0f, -4.0f);
    }

    @Test
    void shouldKeepTiesAtTheKthValue() {
        float[] two = {1f, 3f, 3f, 2f, 0f};
        Sampler.topK(two, 2);
        assertThat(two).containsExactly(NEG, 3f, 3f, NEG, NEG);
        float[] one = {1f, 3f, 3f, 2f, 0f};
        Sampler.topK(one, 1);
        assertThat(one).containsExactly(NEG, 3f, 3f, NEG, NEG);
        float[] three = {1f, 3f, 3f, 2f, 0f};
        Sampler.topK(three, 3);
        assertThat(three).containsExactly(NEG, 3f, 3f, 2f, NEG);
    }

    @Test
    void shouldDropTheLeastLikelyIdsWhoseMassIsAtMostOneMinusTopP() {
        // probabilities 0.5, 0.3, 0.15, 0.05; with p=0.75, 0.05 and 0.15 (cumulative 0.20 <= 0.25) go
        float[] logits = logs(0.5, 0.3, 0.15, 0.05);
        Sampler.topP(logits, 0.75);
        assertThat(logits[2]).isEqualTo(NEG);
        assertThat(logits[3]).isEqualTo(NEG);
        assertThat(logits[0]).isFinite();
        assertThat(logits[1]).isFinite();
        float[] wide = logs(0.5, 0.3, 0.15, 0.05);
        Sampler.topP(wide, 0.9);
        assertThat(wide[3]).isEqualTo(NEG);
        assertThat(wide[2]).isFinite();
    }

    @Test
    void shouldAlwaysKeepTheMostLikelyIdUnderTopP() {
        float[] logits = logs(0.5, 0.3, 0.15, 0.05);
        Sampler.topP(logits, 0.01);
        assertThat(logits).containsExactly(logits[0], NEG, NEG, NEG);
        assertThat(logits[0]).isFinite();
    }

    @Test
    void shouldDrawByCumulativeProbability() {
        double[] probs = {0.0, 0.25, 0.75};
        assertThat(Sampler.draw(probs, fixed(0.2))).isEqualTo(1);
        assertThat(Sampler.draw(probs, fixed(0.3))).isEqualTo(2);
        assertThat(Sampler.draw(probs, fixed(0.999999999))).isEqualTo(2);
    }

    @Test
    void shouldSampleInProportionAfterFiltering() {
        // id 3 is penalised 2.0 -> 0.5, so top-k 2 keeps ln 3 and 0.5: p(1) = 3 / (3 + e^0.5) = 0.6453
        Sampling s = new Sampling(1.0, 2, 1.0, 4.0, false);
        SplittableRandom random = new SplittableRandom(42);
        int[] counts = new int[4];
        for (int i = 0; i < 20_000; i++) {
            float[] logits = {0f, (float) Math.log(3), -5f, 2.0f};
            counts[Sampler.choose(logits, ids(3), s, random)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[2]).isZero();
        assertThat(counts[1] / 20_000.0).isCloseTo(3 / (3 + Math.exp(0.5)), within(0.015));
    }

    private static BitSet ids(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return b;
    }

    private static float[] logs(double... probs) {
        float[] out = new float[probs.length];
        for (int i = 0; i < probs.length; i++) {
            out[i] = (float) Math.log(probs[i]);
        }
        return out;
    }

    private static RandomGenerator fixed(double u) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }
}
