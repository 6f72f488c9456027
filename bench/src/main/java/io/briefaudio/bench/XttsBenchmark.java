package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.xtts.Sampling;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * XTTS engine speed on an exported model directory (bench/run-xtts.sh makes one with random full-size
 * weights): GPT prefill time, decode codes/s (real time needs 21.53), HiFi-GAN real-time factor, and the
 * process's resident memory. Prints the PyTorch figures bench_torch.py left in the directory alongside.
 */
public final class XttsBenchmark {

    static final String TEXT = "This is a benchmark sentence for the narration engine, long enough to look like a real "
            + "chunk of a brief, with a few clauses and some punctuation.";
    static final double REAL_TIME_CODES_PER_S = 22050.0 / 1024;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("/tmp/xtts-full");
        int threads = 2;
        int codes = 60;
        int runs = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--codes" -> codes = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        try (XttsEngine engine = XttsEngine.load(dir, threads)) {
            System.out.printf("loaded %s in %.1f s (intra-op threads %d), RSS %d MB%n", dir,
                    (System.nanoTime() - t0) / 1e9, threads, rssMb("VmRSS"));
            engine.profile("Warm up.", "en", VoicePreset.PROFESSIONAL, Sampling.greedy(5.0), 3);
            for (int r = 0; r < runs; r++) {
                var p = engine.profile(TEXT, "en", VoicePreset.PROFESSIONAL, Sampling.greedy(5.0), codes);
                double decodeRate = (p.codes() - 1) / (p.decodeNanos() / 1e9);
                double audioS = p.pcm().samples().length / (double) p.pcm().sampleRate();
                System.out.printf("run %d: %d text tokens, prefill %.2f s, %d codes, decode %.2f codes/s (%.0f ms/code, "
                                + "real time needs %.2f), HiFi-GAN %.2f s for %.2f s audio (RTF %.3f), GPT-only RTF %.2f%n",
                        r + 1, p.textTokens(), p.prefillNanos() / 1e9, p.codes(), decodeRate, 1000 / decodeRate,
                        REAL_TIME_CODES_PER_S, p.hifiganNanos() / 1e9, audioS, p.hifiganNanos() / 1e9 / audioS,
                        REAL_TIME_CODES_PER_S / decodeRate);
            }
            System.out.printf("worker RSS %d MB (peak %d MB)%n", rssMb("VmRSS"), rssMb("VmHWM"));
        }
        Path torch = dir.resolve("torch-bench.json");
        if (Files.exists(torch)) {
            System.out.println("PyTorch reference on the same weights: " + Files.readString(torch).replaceAll("\\s+", " "));
        }
    }

    static long rssMb(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
