package io.briefaudio.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * HiFi-GAN session options compared on one exported model directory: each variant decodes the same latents
 * (about 5 s of audio) a few times, interleaved so machine noise hits all variants alike; prints the real-time
 * factor (decode seconds per audio second, lower is better) of each.
 *   bench/run.sh with -Dbench.main=io.briefaudio.bench.HifiGanOptionsBenchmark, args: [--model-dir DIR] [--rounds 3]
 */
public final class HifiGanOptionsBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("/tmp/xtts-full");
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Consumer<SessionOptions>> variants = new LinkedHashMap<>();
        variants.put("all-opt, 2 threads (engine default)", o -> set(o, OptLevel.ALL_OPT, 2, true, true));
        variants.put("extended-opt, 2 threads", o -> set(o, OptLevel.EXTENDED_OPT, 2, true, true));
        variants.put("all-opt, 2 threads, no memory pattern", o -> set(o, OptLevel.ALL_OPT, 2, false, true));
        variants.put("all-opt, 2 threads, no CPU arena", o -> set(o, OptLevel.ALL_OPT, 2, true, false));
        variants.put("all-opt, 1 thread", o -> set(o, OptLevel.ALL_OPT, 1, true, true));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int channels = 1024;
        int frames = 470; // 108 codes: ~5 s of audio after the ×4 and ×24000/22050 interpolation
        float[] z = new float[channels * frames];
        float[] g = new float[512];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) random.nextGaussian() / 22.6f;
        }
        double audioS = frames * 256 / 24000.0;
        Map<String, OrtSession> sessions = new LinkedHashMap<>();
        for (var v : variants.entrySet()) {
            try (SessionOptions o = new SessionOptions()) {
                v.getValue().accept(o);
                sessions.put(v.getKey(), env.createSession(dir.resolve("hifigan.onnx").toString(), o));
            }
        }
        Map<String, Double> best = new LinkedHashMap<>();
        try (OnnxTensor zt = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {1, channels, frames});
             OnnxTensor gt = OnnxTensor.createTensor(env, FloatBuffer.wrap(g), new long[] {1, 512, 1})) {
            for (var s : sessions.values()) {
                s.run(Map.of("z", zt, "g", gt)).close(); // warm-up
            }
            for (int r = 0; r < rounds; r++) {
                for (var s : sessions.entrySet()) {
                    long t0 = System.nanoTime();
                    s.getValue().run(Map.of("z", zt, "g", gt)).close();
                    double rtf = (System.nanoTime() - t0) / 1e9 / audioS;
                    best.merge(s.getKey(), rtf, Math::min);
                }
            }
        }
        System.out.printf(Locale.ROOT, "HiFi-GAN, %.2f s of audio, best of %d rounds:%n", audioS, rounds);
        best.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-42s RTF %.3f%n", k, v));
        for (OrtSession s : sessions.values()) {
            s.close();
        }
    }

    private static void set(SessionOptions o, OptLevel level, int threads, boolean memoryPattern, boolean arena) {
        try {
            o.setOptimizationLevel(level);
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setMemoryPatternOptimization(memoryPattern);
            o.setCPUArenaAllocator(arena);
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
