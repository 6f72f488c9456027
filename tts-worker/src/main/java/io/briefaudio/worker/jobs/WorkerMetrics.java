package io.briefaudio.worker.jobs;

import io.briefaudio.worker.tts.quality.Check;
import io.briefaudio.worker.tts.quality.QualityReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The worker's meters, exported in Prometheus format on the management port. */
public class WorkerMetrics {

    final Counter claimed;
    final Counter completed;
    final Counter failed;
    final Counter retried;
    final Counter waiting;
    final Counter released;
    final Counter leaseLost;
    final Counter cacheHits;
    final Counter reaped;
    final Timer synthesis;
    final Timer pickupLatency;
    /** Seconds of audio synthesized: with the synthesis timer's sum, narration speed (audio s per wall s). */
    final Counter audioSeconds;
    private final AtomicLong queueDepth = new AtomicLong();
    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry, Supplier<Number> inFlight, String engine) {
        this.registry = registry;
        audioSeconds = Counter.builder("briefaudio.worker.audio.seconds")
                .description("Seconds of audio this replica synthesized (cache hits excluded)")
                .tag("engine", engine).register(registry);
        // An info metric: alerts join on it to tell which engines have a live worker.
        Gauge.builder("briefaudio.worker.info", () -> 1).description("1 per live worker, labelled with its engine")
                .tag("engine", engine).register(registry);
        claimed = counter(registry, "claimed", "Items this replica claimed");
        completed = counter(registry, "completed", "Items completed by this replica");
        failed = counter(registry, "failed", "Items that failed for good on this replica");
        retried = counter(registry, "retried", "Failed attempts scheduled for a retry");
        waiting = counter(registry, "waiting", "Attempts that met a storage or database error and wait, not charged");
        released = counter(registry, "released", "Items given back to the queue at shutdown");
        leaseLost = counter(registry, "lease.lost", "Items whose lease was lost mid-synthesis (reaped or cancelled)");
        cacheHits = counter(registry, "cache.hits", "Items served from an existing asset without synthesis");
        reaped = counter(registry, "reaped", "Expired leases of other replicas this replica reaped");
        synthesis = Timer.builder("briefaudio.worker.synthesis")
                .description("Time to synthesize one item's audio")
                .tag("engine", engine)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        pickupLatency = Timer.builder("briefaudio.worker.pickup.latency")
                .description("Time from an item becoming runnable to its claim")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("briefaudio.queue.depth", queueDepth, AtomicLong::get)
                .description("Queued items of this replica's engine that could run now (all replicas)")
                .tag("engine", engine)
                .register(registry);
        Gauge.builder("briefaudio.worker.in.flight", inFlight)
                .description("Items this replica is synthesizing now")
                .register(registry);
        // Every series from the start, so that rates over them read 0 rather than nothing before the first warning.
        for (Check check : Check.values()) {
            for (QualityReport.Outcome outcome : QualityReport.Outcome.values()) {
                quality(check, outcome);
            }
        }
    }

    /**
     * Counts a narration's quality report: per check, the sentences that passed at once, were fixed by a
     * re-synthesis, or still fail (warn or fail, by the policy): {@code briefaudio_worker_quality_total{check, outcome}}.
     */
    void quality(QualityReport report) {
        if (report == null) {
            return;
        }
        report.tallies().forEach((check, outcomes) -> outcomes.forEach((outcome, count) ->
                quality(check, outcome).increment(count)));
    }

    private Counter quality(Check check, QualityReport.Outcome outcome) {
        return Counter.builder("briefaudio.worker.quality")
                .description("Synthesized sentences by quality check and outcome (pass, fixed by re-synthesis, warn, fail)")
                .tag("check", check.wireName()).tag("outcome", outcome.wireName()).register(registry);
    }

    /** Counts a finished episode attempt by outcome: {@code briefaudio.worker.episodes{outcome=...}}. */
    void episodes(ItemQueue.Outcome outcome) {
        Counter.builder("briefaudio.worker.episodes").description("Episode assembly attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase()).register(registry).increment();
    }

    void queueDepth(long depth) {
        queueDepth.set(depth);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder("briefaudio.worker.items." + name).description(description).register(registry);
    }
}
