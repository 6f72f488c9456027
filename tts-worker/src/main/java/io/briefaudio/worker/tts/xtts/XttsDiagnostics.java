package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SynthesisException;
import java.util.SplittableRandom;

/** Greedy GPT decoding of one text at batch 1, outside the scheduler: for benchmarks that compare precisions. */
public final class XttsDiagnostics {

    private XttsDiagnostics() {
    }

    /** Codes and the {@code final_norm} latent that predicted each of them. */
    public record Greedy(int[] codes, float[][] latents, boolean stopped) {
    }

    /**
     * Up to {@code maxCodes} greedy codes (repetition penalty 5) of {@code input} in {@code voice}'s studio speaker.
     * With {@code forced}, the decoder takes those codes instead of its own choices (teacher forcing), so two
     * engines can be compared latent by latent over the same history; the run ends where {@code forced} does.
     */
    public static Greedy greedy(XttsEngine engine, String input, String language, VoicePreset voice, int maxCodes,
                                int[] forced) throws SynthesisException {
        var speaker = engine.model().speaker(XttsPresets.defaults(engine.model().manifest().sampling()).get(voice).speaker());
        int[] ids = engine.text().encode(input, language);
        int cap = forced == null ? maxCodes : Math.min(maxCodes, forced.length);
        var row = engine.gpt().newRow(speaker, ids, Sampling.greedy(5.0), cap, new SplittableRandom(0));
        row.forced = forced;
        try {
            var g = engine.gpt().decodeAlone(row);
            return new Greedy(g.codes(), g.latents(), g.stopped());
        } catch (OrtException e) {
            throw new SynthesisException("ONNX Runtime failed: " + e.getMessage(), false, e);
        }
    }
}
