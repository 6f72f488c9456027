package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Narrates many items with one XTTS engine through the worker's Narrator, from several item slots at once so
 * the batching scheduler runs full, and prints the process's memory every so often: it must stay flat (no
 * native ONNX Runtime tensors, sessions or KV-cache buffers leak per item).
 *   bench/run.sh with -Dbench.main=io.briefaudio.bench.XttsMemorySoak,
 *   args: [--model-dir DIR] [--items N] [--slots 3] [--max-batch 16] [--codes N]
 * With {@code --codes N} (for the full-size model) every item is one sentence that stops after N codes, so 1,000
 * items take minutes rather than hours while each still admits, steps, vocodes and frees a batch row.
 */
public final class XttsMemorySoak {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("tts-worker/src/test/resources/xtts-tiny");
        int items = 1000;
        int slots = 3;
        int maxBatch = XttsEngine.DEFAULT_MAX_BATCH;
        int codes = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--slots" -> slots = Integer.parseInt(args[i + 1]);
                case "--max-batch" -> maxBatch = Integer.parseInt(args[i + 1]);
                case "--codes" -> codes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        VoicePreset[] voices = VoicePreset.values();
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try (XttsEngine engine = XttsEngine.load(dir, 2, maxBatch, Map.of())) {
            // Random weights rarely draw the stop code: cap each sentence at its spoken length, as the benchmark does.
            int fixedCap = codes;
            engine.capCodes(text -> fixedCap > 0 ? fixedCap : (int) Math.ceil(text.length()
                    / XttsBenchmark.CHARS_PER_SECOND * XttsBenchmark.REAL_TIME_CODES_PER_S));
            Narrator narrator = new Narrator(engine);
            System.out.printf("XTTS memory soak: %s, %d items through Narrator from %d slots, max batch %d%n",
                    dir.toAbsolutePath(), items, slots, maxBatch);
            System.out.println("items   RSS MB   heap used MB   seconds");
            long start = System.nanoTime();
            long audioMillis = 0;
            for (int i = 1; i <= items; i += slots) {
                List<Future<NarratedAudio>> round = new ArrayList<>();
                for (int k = i; k < i + slots && k <= items; k++) {
                    String text = fixedCap > 0 ? "Item " + k + " of the morning brief: markets rose."
                            : "Item " + k + " of the morning brief: markets rose. Rain moved in from the west! "
                            + "Why now? Nobody knows.";
                    VoicePreset voice = voices[k % voices.length];
                    round.add(pool.submit(() -> narrator.narrate(narrator.prepare(text, "en"), voice, "en")));
                }
                for (Future<NarratedAudio> f : round) {
                    audioMillis += f.get().durationMillis();
                }
                if (i == 1 || (i - 1) / slots % Math.max(1, 100 / slots) == 0) {
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("%5d   %6d   %12d   %7.1f%n", i, XttsBenchmark.rssMb("VmRSS"),
                            (rt.totalMemory() - rt.freeMemory()) >> 20, (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("%d items, %.0f s of audio, peak RSS %d MB%n", items, audioMillis / 1000.0,
                    XttsBenchmark.rssMb("VmHWM"));
        } finally {
            pool.shutdownNow();
        }
    }
}
