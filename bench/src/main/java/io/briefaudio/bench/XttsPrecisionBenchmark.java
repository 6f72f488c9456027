package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.xtts.XttsDiagnostics;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import io.briefaudio.worker.tts.xtts.XttsPrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fp32 against int8 GPT weights on one model directory, both engines in one process (bench/run-xtts-precision.sh):
 * the error int8 makes (greedy codes until the first divergence; latent max-abs over a whole decoded sentence,
 * with int8 fed fp32's codes so both see the same history) and the decode speed of each at the given batch
 * sizes, measured interleaved (fp32, int8, fp32, int8, ...) so machine load hits both alike.
 */
public final class XttsPrecisionBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("/tmp/xtts-full");
        int threads = 2;
        int codes = 30;
        int rounds = 2;
        int errorCodes = 200;
        List<Integer> batches = List.of(1, 8);
        Path json = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--codes" -> codes = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--error-codes" -> errorCodes = Integer.parseInt(args[i + 1]);
                case "--batch" -> batches = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--json" -> json = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String text = XttsBenchmark.TEXT;
        try (XttsEngine fp32 = XttsEngine.load(dir, threads, 8, Map.of(), XttsPrecision.FP32);
             XttsEngine int8 = XttsEngine.load(dir, threads, 8, Map.of(), XttsPrecision.INT8)) {
            System.out.printf("loaded %s fp32 and int8 (intra-op threads %d), RSS %d MB%n", dir, threads,
                    XttsBenchmark.rssMb("VmRSS"));

            var reference = XttsDiagnostics.greedy(fp32, text, "en", VoicePreset.PROFESSIONAL, errorCodes, null);
            var free = XttsDiagnostics.greedy(int8, text, "en", VoicePreset.PROFESSIONAL, errorCodes, null);
            var forced = XttsDiagnostics.greedy(int8, text, "en", VoicePreset.PROFESSIONAL, errorCodes, reference.codes());
            int same = 0;
            while (same < Math.min(free.codes().length, reference.codes().length)
                    && free.codes()[same] == reference.codes()[same]) {
                same++;
            }
            double maxAbs = 0;
            double sumAbs = 0;
            double peak = 0;
            long n = 0;
            double firstStep = 0;
            for (int t = 0; t < reference.latents().length; t++) {
                float[] a = reference.latents()[t];
                float[] b = forced.latents()[t];
                double stepMax = 0;
                for (int c = 0; c < a.length; c++) {
                    double e = Math.abs(a[c] - b[c]);
                    stepMax = Math.max(stepMax, e);
                    sumAbs += e;
                    peak = Math.max(peak, Math.abs(a[c]));
                    n++;
                }
                maxAbs = Math.max(maxAbs, stepMax);
                if (t == 0) {
                    firstStep = stepMax;
                }
            }
            System.out.printf(Locale.ROOT, "error: greedy codes identical for the first %d of %d (fp32 %s); latents over "
                            + "the %d-code sentence, int8 fed fp32's codes: max-abs %.4f (first step %.4f), mean-abs %.5f, "
                            + "largest fp32 latent %.2f%n", same, reference.codes().length,
                    reference.stopped() ? "stopped" : "capped", reference.latents().length, maxAbs, firstStep,
                    sumAbs / n, peak);

            warm(fp32);
            warm(int8);
            List<String> speed = new ArrayList<>();
            for (int b : batches) {
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                List<String> seen = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    XttsEngine[] order = {fp32, int8};
                    for (int k = 0; k < 2; k++) {
                        var p = order[k].profileBatch(text, "en", VoicePreset.PROFESSIONAL, b, codes);
                        double ms = p.decodeNanos() / 1e6 / p.steps();
                        best[k] = Math.min(best[k], ms);
                        seen.add(String.format(Locale.ROOT, "%s %.1f", k == 0 ? "fp32" : "int8", ms));
                    }
                }
                System.out.printf(Locale.ROOT, "decode batch %2d: fp32 %6.1f ms/step (%6.2f codes/s), int8 %6.1f ms/step "
                                + "(%6.2f codes/s): int8 %.2f× fp32  [each run: %s]%n", b, best[0], b * 1000 / best[0],
                        best[1], b * 1000 / best[1], best[0] / best[1], String.join(", ", seen));
                speed.add(String.format(Locale.ROOT, "{\"batch\": %d, \"fp32_ms_per_step\": %.1f, \"fp32_codes_per_s\": %.2f, "
                                + "\"int8_ms_per_step\": %.1f, \"int8_codes_per_s\": %.2f}", b, best[0], b * 1000 / best[0],
                        best[1], b * 1000 / best[1]));
            }
            System.out.printf("RSS peak %d MB (both engines)%n", XttsBenchmark.rssMb("VmHWM"));
            if (json != null) {
                Files.writeString(json, String.format(Locale.ROOT, "{\"threads\": %d, \"codes_per_run\": %d,%n"
                                + " \"error\": {\"codes\": %d, \"same_greedy_codes\": %d, \"latent_max_abs\": %.5f, "
                                + "\"latent_mean_abs\": %.6f, \"first_step_latent_max_abs\": %.5f},%n \"decode\": [%s]}%n",
                        threads, codes, reference.codes().length, same, maxAbs, sumAbs / n, firstStep,
                        String.join(", ", speed)));
                System.out.println("wrote " + json);
            }
        }
    }

    private static void warm(XttsEngine engine) throws Exception {
        engine.profileBatch("Warm up.", "en", VoicePreset.PROFESSIONAL, 1, 3);
    }
}
