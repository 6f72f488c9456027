package io.briefaudio.bench;

import io.briefaudio.worker.tts.xtts.VoiceCloner;
import java.nio.file.Path;

/**
 * Time to prepare a custom voice (resampling, mel front ends, conditioning encoder + perceiver per 4 s chunk, speaker
 * encoder) from synthetic 44.1 kHz clips, on a directory with the cloning files of random full-size weights
 * (bench/run-cloning.sh writes one), and the process's resident memory.
 */
public final class VoiceCloningBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/cloning-full");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long t0 = System.nanoTime();
        try (VoiceCloner cloner = VoiceCloner.open(dir, threads)) {
            System.out.printf("loaded %s in %.1f s (intra-op threads %d), RSS %d MB%n", dir, (System.nanoTime() - t0) / 1e9,
                    threads, XttsBenchmark.rssMb("VmRSS"));
            cloner.clone(clip(3, 44100), 44100); // warm-up
            for (int seconds : new int[] {5, 10, 30}) {
                float[] clip = clip(seconds, 44100);
                long start = System.nanoTime();
                cloner.clone(clip, 44100);
                System.out.printf("%2d s clip at 44.1 kHz: prepared in %.2f s%n", seconds, (System.nanoTime() - start) / 1e9);
            }
            System.out.printf("RSS %d MB (peak %d MB)%n", XttsBenchmark.rssMb("VmRSS"), XttsBenchmark.rssMb("VmHWM"));
        }
    }

    static float[] clip(int seconds, int rate) {
        float[] x = new float[seconds * rate];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)));
        }
        return x;
    }
}
