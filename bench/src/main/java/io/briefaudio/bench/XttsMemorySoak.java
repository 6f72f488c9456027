package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import java.nio.file.Path;

/**
 * Narrates many items with one XTTS engine through the worker's Narrator and prints the process's memory
 * every so often: it must stay flat (no native ONNX Runtime tensors or sessions leak per item).
 *   bench/run.sh with -Dbench.main=io.briefaudio.bench.XttsMemorySoak, args: [--model-dir DIR] [--items N]
 */
public final class XttsMemorySoak {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("tts-worker/src/test/resources/xtts-tiny");
        int items = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        VoicePreset[] voices = VoicePreset.values();
        try (XttsEngine engine = XttsEngine.load(dir, 2)) {
            Narrator narrator = new Narrator(engine);
            System.out.printf("XTTS memory soak: %s, %d items through Narrator%n", dir.toAbsolutePath(), items);
            System.out.println("items   RSS MB   heap used MB   seconds");
            long start = System.nanoTime();
            long audioMillis = 0;
            for (int i = 1; i <= items; i++) {
                String text = "Item " + i + " of the morning brief: markets rose while rain moved in from the west.";
                NarratedAudio audio = narrator.narrate(narrator.prepare(text, "en"), voices[i % voices.length], "en");
                audioMillis += audio.durationMillis();
                if (i == 1 || i % 100 == 0) {
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("%5d   %6d   %12d   %7.1f%n", i, XttsBenchmark.rssMb("VmRSS"),
                            (rt.totalMemory() - rt.freeMemory()) >> 20, (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("%d items, %.0f s of audio, peak RSS %d MB%n", items, audioMillis / 1000.0,
                    XttsBenchmark.rssMb("VmHWM"));
        }
    }
}
