package io.briefaudio.bench;

import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.storage.FilesystemAudioStorage;
import io.briefaudio.shared.voices.Languages;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.jobs.Backoff;
import io.briefaudio.worker.jobs.ClaimedItem;
import io.briefaudio.worker.jobs.ItemProcessor;
import io.briefaudio.worker.jobs.ItemQueue;
import io.briefaudio.worker.jobs.Worker;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.audio.Pcm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue overhead on the local PostgreSQL: claim+complete throughput with N concurrent workers (no
 * synthesis, so this is the ceiling the queue puts on a fleet), and enqueue→claim pickup latency of an
 * idle worker woken by LISTEN/NOTIFY.
 */
public final class QueueBenchmark {

    /** The benchmark's jobs name no engine, which the schema makes espeak's. */
    private static final ItemQueue.Route ESPEAK_ROUTE = new ItemQueue.Route(Engine.ESPEAK, false);

    public static void main(String[] args) throws Exception {
        List<Integer> workers = List.of(1, 2, 4, 8);
        int items = 4000;
        int pickups = 200;
        List<Integer> itemsPerJob = List.of(5, 100);
        List<String> eventTriggers = List.of("on");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workers" -> workers = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--pickups" -> pickups = Integer.parseInt(args[i + 1]);
                case "--items-per-job" -> itemsPerJob = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                // "on,off": the same runs with the V7 event/outbox triggers disabled, to see what they cost
                case "--event-triggers" -> eventTriggers = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Brief Audio queue benchmark: %d cores, PostgreSQL at %s:%s%n",
                Runtime.getRuntime().availableProcessors(), BenchDatabase.HOST, BenchDatabase.PORT);
        try (BenchDatabase db = new BenchDatabase(48)) {
            System.out.println("\nclaim+complete throughput (each worker: claim 1 item, complete it, repeat)");
            for (String triggers : eventTriggers) {
                String toggle = "on".equals(triggers) ? "ENABLE" : "DISABLE";
                db.execute("ALTER TABLE audio_job " + toggle + " TRIGGER audio_job_event_on_change");
                db.execute("ALTER TABLE audio_job_item " + toggle + " TRIGGER audio_job_item_event_on_finish");
                System.out.println("event triggers " + triggers);
                System.out.println("items/job  workers  items   seconds  items/s");
                for (int perJob : itemsPerJob) {
                    for (int n : workers) {
                        throughput(db, n, items, perJob);
                    }
                }
            }
            db.execute("ALTER TABLE audio_job ENABLE TRIGGER audio_job_event_on_change");
            db.execute("ALTER TABLE audio_job_item ENABLE TRIGGER audio_job_item_event_on_finish");
            pickupLatency(db, pickups);
        }
    }

    private static void throughput(BenchDatabase db, int workers, int items, int perJob) throws Exception {
        db.reset();
        db.queueJobs(items / perJob, perJob, "throughput");
        db.execute("INSERT INTO audio_asset (id, storage_key, cache_key, size_bytes, duration_ms, sample_rate, engine, voice_id)"
                + " VALUES (1, 'bench.wav', 'bench', 0, 0, 16000, 'none', 'professional')");
        ItemQueue queue = new ItemQueue(db.dataSource, ESPEAK_ROUTE, new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5)));
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            String owner = "bench-" + w;
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        List<ClaimedItem> claimed = queue.claim(1, owner, Duration.ofMinutes(1));
                        if (claimed.isEmpty()) {
                            return;
                        }
                        if (queue.complete(claimed.get(0), 1) != ItemQueue.Outcome.COMPLETED) {
                            throw new IllegalStateException("lost a lease in a benchmark");
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double exact = db.scalar("SELECT count(*) FROM audio_job WHERE status = 'completed' AND completed_items = "
                + perJob + " AND progress = 100");
        if (done.get() != items || exact != items / perJob) {
            throw new IllegalStateException("counts off: completed " + done.get() + ", exact jobs " + exact);
        }
        System.out.printf("%9d  %7d  %5d  %8.2f  %7.0f%n", perJob, workers, items, seconds, items / seconds);
    }

    private static void pickupLatency(BenchDatabase db, int pickups) throws Exception {
        db.reset();
        var storageRoot = Files.createTempDirectory("bench-audio");
        SpeechEngine instant = new InstantEngine();
        var settings = new Worker.Settings("bench-idle", 1, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        Worker worker = new Worker(settings, new ItemQueue(db.dataSource, ESPEAK_ROUTE, new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5))),
                new ItemProcessor(new Narrator(instant), new FilesystemAudioStorage(storageRoot), db.dataSource,
                        new io.briefaudio.shared.audio.codec.FfmpegCodec("ffmpeg", Duration.ofMinutes(2))),
                new SimpleMeterRegistry(), db.jdbcUrl, BenchDatabase.USER, BenchDatabase.PASSWORD);
        worker.start();
        try {
            Thread.sleep(1500);
            for (int i = 1; i <= pickups; i++) {
                db.queueJobs(1, 1, "pickup " + i);
                while (db.scalar("SELECT count(*) FROM audio_job WHERE status = 'completed'") < i) {
                    Thread.sleep(2);
                }
                Thread.sleep(20); // idle again: the worker waits for a notification
            }
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        String latency = "extract(epoch FROM i.started_at - i.run_at) * 1000";
        double p50 = db.scalar("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + latency + ") FROM audio_job_item i");
        double p99 = db.scalar("SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY " + latency + ") FROM audio_job_item i");
        double max = db.scalar("SELECT max(" + latency + ") FROM audio_job_item i");
        System.out.printf("%npickup latency of an idle worker (enqueue transaction start → claim transaction start, "
                + "%d single-item jobs, poll fallback 1 s)%n", pickups);
        System.out.printf("p50 %.1f ms   p99 %.1f ms   max %.1f ms%n", p50, p99, max);
    }

    /** Returns 10 ms of silence at once: the benchmark measures the queue, not speech. */
    private static final class InstantEngine implements SpeechEngine {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public Engine engine() {
            return Engine.ESPEAK;
        }

        @Override
        public String modelVersion() {
            return "1";
        }

        @Override
        public Set<String> languages() {
            return new HashSet<>(Languages.SUPPORTED);
        }

        @Override
        public int maxChunkChars(String language) {
            return 10_000;
        }

        @Override
        public Pcm synthesize(String text, VoicePreset voice, String language) {
            return new Pcm(new float[160], 16000);
        }
    }
}
