package io.briefaudio.worker.tts.xtts;

/**
 * How the next audio code is chosen. {@code greedy} takes the best code after the repetition penalty (what
 * parity tests use); otherwise temperature, top-k and top-p shape the distribution before a draw.
 */
public record Sampling(double temperature, int topK, double topP, double repetitionPenalty, boolean greedy) {

    public Sampling {
        if (!greedy && temperature <= 0) {
            throw new IllegalArgumentException("temperature must be > 0 when sampling, was " + temperature);
        }
        if (topP <= 0 || topP > 1 || repetitionPenalty <= 0) {
            throw new IllegalArgumentException("top_p must be in (0,1] and the repetition penalty > 0");
        }
    }

    public static Sampling greedy(double repetitionPenalty) {
        return new Sampling(1.0, 0, 1.0, repetitionPenalty, true);
    }

    public static Sampling of(XttsManifest.SamplingDefaults d) {
        return new Sampling(d.temperature(), d.topK(), d.topP(), d.repetitionPenalty(), false);
    }

    public Sampling withTemperature(double t) {
        return new Sampling(t, topK, topP, repetitionPenalty, greedy);
    }
}
