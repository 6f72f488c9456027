package io.briefaudio.bench;

import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import io.briefaudio.worker.tts.kokoro.KokoroPhonemizer;
import io.briefaudio.worker.tts.kokoro.KokoroVocabulary;
import io.briefaudio.worker.tts.kokoro.PhonemeChunk;
import io.briefaudio.worker.tts.text.SpeechChunk;
import io.briefaudio.worker.tts.text.SpeechChunker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kokoro engine benchmark: the XTTS benchmark's 5-item news brief narrated through the worker's narration path
 * (text preparation, sentence chunks, eSpeak NG front end, the ONNX graph, joining and loudness) on {@code --slots}
 * item slots sharing one engine, as a worker with that many slots narrates a brief (each slot takes the next item not
 * yet taken), timed as a real-time factor. Writes the brief's phoneme chunks for the PyTorch reference
 * (bench_torch.py), which bench/run-kokoro.sh runs on the same weights in the same run.
 *
 * <pre>--model-dir DIR [--threads 2] [--slots 1] [--precision fp32|int8] [--phonemes-out FILE] [--torch FILE]
 * [--json FILE]</pre>
 */
public final class KokoroBenchmark {

    private static final Map<String, String> PRESETS = Map.of("professional", "af_heart", "warm", "af_heart",
            "authoritative", "am_michael", "calm", "bf_emma", "friendly", "am_michael");

    private KokoroBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        Path json = null;
        Path phonemesOut = null;
        Path torch = null;
        int threads = 2;
        int slots = 1;
        String precision = "fp32";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--slots" -> slots = Integer.parseInt(args[i + 1]);
                case "--precision" -> precision = args[i + 1];
                case "--json" -> json = Path.of(args[i + 1]);
                case "--phonemes-out" -> phonemesOut = Path.of(args[i + 1]);
                case "--torch" -> torch = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String all = new String(KokoroBenchmark.class.getResourceAsStream("/xtts-brief.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> items = List.of(all.strip().split("\\n\\s*\\n")).subList(0, 5);
        EspeakProgram espeak = new EspeakProgram("espeak-ng", Duration.ofSeconds(30));
        if (phonemesOut != null) {
            writePhonemes(items, dir, espeak, phonemesOut);
            return;
        }
        long t0 = System.nanoTime();
        try (KokoroEngine engine = KokoroEngine.load(dir, espeak,
                new KokoroEngine.Settings(precision, threads, 1.0, KokoroVocabulary.MAX_PHONEMES, PRESETS))) {
            System.out.printf(Locale.ROOT, "loaded in %.1f s, %d threads, %d slots, %s%n",
                    (System.nanoTime() - t0) / 1e9, threads, slots, precision);
            Narrator warmUp = new Narrator(engine);
            warmUp.narrate(warmUp.prepare("Warm up.", "en"), VoicePreset.PROFESSIONAL, "en");
            AtomicInteger next = new AtomicInteger();
            AtomicLong audioMillis = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(slots);
            long start = System.nanoTime();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int slot = 0; slot < slots; slot++) {
                    running.add(pool.submit(() -> {
                        Narrator narrator = new Narrator(engine);
                        for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                            audioMillis.addAndGet(narrator.narrate(narrator.prepare(items.get(i), "en"),
                                    VoicePreset.PROFESSIONAL, "en").durationMillis());
                        }
                        return null;
                    }));
                }
                for (Future<?> slot : running) {
                    slot.get();
                }
            } finally {
                pool.shutdownNow(); // a failed slot ends the run instead of leaving the JVM waiting on the others
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double audio = audioMillis.get() / 1000.0;
            long rss = XttsBenchmark.rssMb("VmHWM");
            double torchRate = torchRate(torch);
            System.out.printf(Locale.ROOT, "brief: %d items, %.1f s of audio in %.1f s (%.2f× real time); PyTorch "
                    + "reference %.2f× real time; RSS peak %d MB%n", items.size(), audio, wall, audio / wall, torchRate, rss);
            if (json != null) {
                Files.writeString(json, String.format(Locale.ROOT, "{%n \"threads\": %d,%n \"slots\": %d,%n"
                        + " \"precision\": \"%s\",%n"
                        + " \"brief\": {\"items\": %d, \"audio_s\": %.1f, \"wall_s\": %.1f, \"x_realtime\": %.2f},%n"
                        + " \"torch_x_realtime\": %s,%n \"rss_mb\": %d%n}%n", threads, slots, precision, items.size(), audio,
                        wall, audio / wall, Double.isNaN(torchRate) ? "null" : String.format(Locale.ROOT, "%.2f", torchRate),
                        rss));
            }
        }
    }

    /** The brief's phoneme chunks, one per line, as the engine speaks them (sentences, then ≤ 510 phonemes). */
    private static void writePhonemes(List<String> items, Path dir, EspeakProgram espeak, Path out) throws Exception {
        KokoroPhonemizer phonemizer = new KokoroPhonemizer(espeak, KokoroVocabulary.load(dir.resolve("config.json")));
        Narrator narrator = new Narrator(null);
        List<String> lines = new ArrayList<>();
        for (String item : items) {
            for (SpeechChunk sentence : SpeechChunker.split(narrator.prepare(item, "en"), "en", 2_000)) {
                for (PhonemeChunk chunk : phonemizer.phonemize(sentence.text(), KokoroLanguage.AMERICAN_ENGLISH,
                        KokoroVocabulary.MAX_PHONEMES)) {
                    lines.add(chunk.phonemes());
                }
            }
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static double torchRate(Path torch) throws Exception {
        if (torch == null || !Files.exists(torch)) {
            return Double.NaN;
        }
        Matcher m = Pattern.compile("\"x_realtime\":\\s*([0-9.]+)").matcher(Files.readString(torch));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
