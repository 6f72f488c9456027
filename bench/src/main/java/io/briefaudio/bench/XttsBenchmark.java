package io.briefaudio.bench;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.xtts.Sampling;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import io.briefaudio.worker.tts.xtts.XttsPrecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XTTS engine speed on an exported model directory (bench/run-xtts.sh makes one with random full-size
 * weights): batched GPT decode (aggregate codes/s and ms per step for each batch size), HiFi-GAN real-time
 * factor, a 5-item news brief through the worker's narration path (text preparation, chunking, the batching
 * scheduler, HiFi-GAN, levelling, WAV) with the worker's item slots, and the process's resident memory.
 * Prints the PyTorch figure bench_torch.py left in the directory alongside, and writes it all as JSON.
 */
public final class XttsBenchmark {

    static final String TEXT = "This is a benchmark sentence for the narration engine, long enough to look like a real "
            + "chunk of a brief, with a few clauses and some punctuation.";
    static final double REAL_TIME_CODES_PER_S = 22050.0 / 1024;
    /** English narration speed: random weights rarely draw the stop code, so each chunk is capped at this. */
    static final double CHARS_PER_SECOND = 14.0;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("/tmp/xtts-full");
        int threads = 2;
        int codes = 40;
        int slots = 8;
        int briefItems = 5;
        int maxBatch = XttsEngine.DEFAULT_MAX_BATCH;
        List<Integer> batches = List.of(1, 2, 4, 8, 16);
        List<Integer> pastBatches = List.of(1, 8);
        int pastCodes = 0;
        boolean staticToo = false;
        Path json = null;
        XttsPrecision precision = XttsPrecision.FP32;
        String quality = "on";
        int qualityRounds = 3;
        int qualityResynthesis = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model-dir" -> dir = Path.of(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--codes" -> codes = Integer.parseInt(args[i + 1]);
                case "--slots" -> slots = Integer.parseInt(args[i + 1]);
                case "--max-batch" -> maxBatch = Integer.parseInt(args[i + 1]);
                case "--batch" -> batches = args[i + 1].equals("none") ? List.of()
                        : java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--items" -> briefItems = Integer.parseInt(args[i + 1]);
                case "--past-codes" -> pastCodes = Integer.parseInt(args[i + 1]);
                case "--past-batch" -> pastBatches = java.util.Arrays.stream(args[i + 1].split(","))
                        .map(Integer::valueOf).toList();
                case "--static-batching" -> staticToo = Boolean.parseBoolean(args[i + 1]);
                case "--json" -> json = Path.of(args[i + 1]);
                case "--precision" -> precision = XttsPrecision.parse(args[i + 1]);
                case "--quality" -> quality = args[i + 1];
                case "--quality-rounds" -> qualityRounds = Integer.parseInt(args[i + 1]);
                case "--quality-max-resynthesis" -> qualityResynthesis = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        StringBuilder decodeJson = new StringBuilder();
        StringBuilder pastJson = new StringBuilder();
        double hifiganRtf;
        Brief brief;
        Brief staticBrief = null;
        QualityOnOff.Result onOff = null;
        if (!List.of("on", "off", "both").contains(quality)) {
            throw new IllegalArgumentException("--quality is on, off or both, not " + quality);
        }
        try (XttsEngine engine = XttsEngine.load(dir, threads, maxBatch, Map.of(), precision)) {
            System.out.printf("loaded %s in %.1f s (intra-op threads %d, max batch %d, GPT %s), RSS %d MB%n", dir,
                    (System.nanoTime() - t0) / 1e9, threads, maxBatch, precision.id(), rssMb("VmRSS"));
            engine.profileBatch("Warm up.", "en", VoicePreset.PROFESSIONAL, 1, 3);
            for (int b : batches) {
                var p = engine.profileBatch(TEXT, "en", VoicePreset.PROFESSIONAL, b, codes);
                double msPerStep = p.decodeNanos() / 1e6 / p.steps();
                double rate = b * 1000.0 / msPerStep;
                System.out.printf(Locale.ROOT, "decode batch %2d: %6.1f ms/step, %6.2f codes/s aggregate (%.2f× real time), "
                        + "prefill %.2f s for %d rows%n", b, msPerStep, rate, rate / REAL_TIME_CODES_PER_S,
                        p.prefillNanos() / 1e9, b);
                decodeJson.append(decodeJson.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"batch\": %d, \"codes_per_s\": %.2f, \"ms_per_step\": %.1f}", b, rate, msPerStep));
            }
            for (int b : pastCodes > 0 ? pastBatches : List.<Integer>of()) {
                pastJson.append(pastJson.length() == 0 ? "" : ", ").append(stepCostByPast(engine, b, pastCodes));
            }
            var h = engine.profile(TEXT, "en", VoicePreset.PROFESSIONAL, Sampling.greedy(5.0), 60);
            double audioS = h.pcm().samples().length / (double) h.pcm().sampleRate();
            hifiganRtf = h.hifiganNanos() / 1e9 / audioS;
            System.out.printf(Locale.ROOT, "HiFi-GAN: %.2f s for %.2f s of audio (RTF %.3f)%n", h.hifiganNanos() / 1e9,
                    audioS, hifiganRtf);
            Narrator narrator = QualityOnOff.narrator(engine, !quality.equals("off"));
            if (staticToo) {
                engine.staticBatching(true);
                staticBrief = brief(engine, narrator, slots, briefItems, "static batching");
                engine.staticBatching(false);
            }
            brief = brief(engine, narrator, slots, briefItems, "continuous batching");
            if (quality.equals("both")) {
                List<String> items = briefItems(briefItems);
                int itemSlots = slots;
                onOff = QualityOnOff.measure(engine, qualityRounds, qualityResynthesis,
                        n -> narrateAll(n, items, itemSlots));
            }
        }
        long rss = rssMb("VmHWM");
        System.out.printf("worker RSS peak %d MB%n", rss);
        double torchRate = torchCodesPerSecond(dir);
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"threads\": %d,%n \"precision\": \"%s\",%n \"decode\": [%s],%n \"hifigan_rtf\": %.3f,%n"
                            + " \"brief\": {\"items\": %d, \"audio_s\": %.1f, \"wall_s\": %.1f, \"x_realtime\": %.2f},%n"
                            + " \"torch_codes_per_s\": %.2f,%n \"rss_mb\": %d,%n \"step_vs_past\": [%s],%n"
                            + " \"static_batching_brief\": %s,%n \"quality\": %s}%n", threads, precision.id(), decodeJson, hifiganRtf,
                    brief.items(), brief.audioS(), brief.wallS(), brief.audioS() / brief.wallS(), torchRate, rss, pastJson,
                    staticBrief == null ? "null" : String.format(Locale.ROOT,
                            "{\"audio_s\": %.1f, \"wall_s\": %.1f, \"x_realtime\": %.2f}", staticBrief.audioS(),
                            staticBrief.wallS(), staticBrief.audioS() / staticBrief.wallS()),
                    onOff == null ? "null" : onOff.json()));
            System.out.println("wrote " + json);
        }
    }

    record Brief(int items, double audioS, double wallS) {
    }

    /**
     * The brief's first {@code count} items narrated by {@code slots} threads, as a worker with that many item
     * slots would; prints the result and where the decoder's time went.
     */
    static Brief brief(XttsEngine engine, Narrator narrator, int slots, int count, String label) throws Exception {
        List<String> items = briefItems(count);
        engine.capCodes(text -> (int) Math.ceil(text.length() / CHARS_PER_SECOND * REAL_TIME_CODES_PER_S));
        var before = engine.stats();
        var cacheBefore = engine.cacheStats();
        long t0 = System.nanoTime();
        long audioMillis = 0;
        for (NarratedAudio audio : narrateAll(narrator, items, slots)) {
            audioMillis += audio.durationMillis();
        }
        Brief brief = new Brief(items.size(), audioMillis / 1000.0, (System.nanoTime() - t0) / 1e9);
        var after = engine.stats();
        System.out.printf(Locale.ROOT, "brief (%s): %d items, %d item slots, %.1f s of audio in %.1f s (%.2f× real time)%n",
                label, brief.items(), slots, brief.audioS(), brief.wallS(), brief.audioS() / brief.wallS());
        long steps = after.steps() - before.steps();
        double stepS = (after.stepNanos() - before.stepNanos()) / 1e9;
        System.out.printf(Locale.ROOT, "  decoder time: %d prefills %.1f s, %d steps %.1f s (mean batch %.2f, "
                        + "%.1f codes/s aggregate), %d HiFi-GAN runs %.1f s%n",
                after.prefills() - before.prefills(), (after.prefillNanos() - before.prefillNanos()) / 1e9, steps, stepS,
                (after.rowSteps() - before.rowSteps()) / (double) steps, (after.rowSteps() - before.rowSteps()) / stepS,
                after.hifigans() - before.hifigans(), (after.hifiganNanos() - before.hifiganNanos()) / 1e9);
        var cacheAfter = engine.cacheStats();
        System.out.printf(Locale.ROOT, "  KV cache: %d allocation(s), %.1f s (inside the prefill time)%n",
                cacheAfter.allocations() - cacheBefore.allocations(),
                (cacheAfter.allocationNanos() - cacheBefore.allocationNanos()) / 1e9);
        return brief;
    }

    static List<String> briefItems(int count) throws java.io.IOException {
        String all = new String(XttsBenchmark.class.getResourceAsStream("/xtts-brief.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        return List.of(all.strip().split("\\n\\s*\\n")).subList(0, count);
    }

    /** The items narrated by {@code slots} threads at once, as a worker with that many item slots would. */
    static List<NarratedAudio> narrateAll(Narrator narrator, List<String> items, int slots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try {
            List<Future<NarratedAudio>> running = new ArrayList<>();
            for (String item : items) {
                running.add(pool.submit(() -> narrator.narrate(narrator.prepare(item, "en"), VoicePreset.PROFESSIONAL,
                        "en")));
            }
            List<NarratedAudio> out = new ArrayList<>();
            for (Future<NarratedAudio> f : running) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One batch decoding {@code codes} steps, so every row's past grows from the prefix to prefix + codes
     * positions: the mean step time over each eighth of the run against the past length then. A cache copied
     * every step would add a cost growing with the past; what remains is attention reading the past.
     */
    static String stepCostByPast(XttsEngine engine, int rows, int codes) throws Exception {
        var p = engine.profileBatch(TEXT, "en", VoicePreset.PROFESSIONAL, rows, codes);
        long[] nanos = p.stepNanos();
        int window = Math.max(1, nanos.length / 8);
        StringBuilder past = new StringBuilder();
        StringBuilder ms = new StringBuilder();
        System.out.printf(Locale.ROOT, "step cost by past length, batch %d:", rows);
        for (int from = 0; from + window <= nanos.length; from += window) {
            long sum = 0;
            for (int i = from; i < from + window; i++) {
                sum += nanos[i];
            }
            int pastAt = p.prefixPositions() + from + window / 2;
            double mean = sum / 1e6 / window;
            System.out.printf(Locale.ROOT, " %d→%.1f ms", pastAt, mean);
            past.append(past.length() == 0 ? "" : ", ").append(pastAt);
            ms.append(ms.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", mean));
        }
        System.out.println();
        return String.format(Locale.ROOT, "{\"batch\": %d, \"past\": [%s], \"ms_per_step\": [%s]}", rows, past, ms);
    }

    static double torchCodesPerSecond(Path dir) throws Exception {
        Path torch = dir.resolve("torch-bench.json");
        if (!Files.exists(torch)) {
            return 0;
        }
        String text = Files.readString(torch);
        System.out.println("PyTorch reference on the same weights: " + text.replaceAll("\\s+", " "));
        Matcher m = Pattern.compile("\"decode_codes_per_s\":\\s*([0-9.]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
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
