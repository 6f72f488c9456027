package io.briefaudio.api.metrics;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.events.JobEventHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What an operator graphs and alerts on from the API (deploy/k8s/monitoring, docs/operations.md): storage use and
 * the queue per engine, read from the database every {@code briefaudio.listening.gauge-refresh} (every replica
 * reads the same numbers: aggregate with max, not sum), jobs created per engine, event-stream subscribers.
 */
@ApplicationScoped
@Startup
public class OperationsMetrics {

    private static final Logger LOG = Logger.getLogger(OperationsMetrics.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final String defaultEngine;
    private final AtomicLong storageBytes = new AtomicLong();
    private final AtomicLong storageObjects = new AtomicLong();
    private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestAgeMillis = new ConcurrentHashMap<>();

    public OperationsMetrics(AgroalDataSource dataSource, MeterRegistry registry, JobEventHub events,
                             @ConfigProperty(name = "briefaudio.tts.default-engine", defaultValue = "espeak") String defaultEngine) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.defaultEngine = defaultEngine;
        Gauge.builder("briefaudio.storage.bytes", storageBytes, AtomicLong::get)
                .description("Bytes of stored audio (the asset table)").register(registry);
        Gauge.builder("briefaudio.storage.objects", storageObjects, AtomicLong::get)
                .description("Stored audio objects (the asset table)").register(registry);
        Gauge.builder("briefaudio.sse.subscribers", events, JobEventHub::subscriberCount)
                .description("Open job event streams on this replica").register(registry);
        engine(defaultEngine);
        jobsCreated(defaultEngine, 0);
        refresh();
    }

    /** Counts a new job: {@code briefaudio_jobs_created_total{engine}}. */
    public void jobCreated(String engine) {
        jobsCreated(engine, 1);
    }

    private void jobsCreated(String engine, double amount) {
        Counter.builder("briefaudio.jobs.created").description("Audio jobs created, by engine")
                .tag("engine", engine).register(registry).increment(amount);
    }

    @Scheduled(identity = "operations-gauges", every = "${briefaudio.listening.gauge-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(sum(size_bytes), 0) FROM audio_asset");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                storageObjects.set(rs.getLong(1));
                storageBytes.set(rs.getLong(2));
            }
            queue(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Cannot refresh the storage and queue gauges: %s", e.getMessage());
        }
    }

    /** Runnable queued items and the age of the oldest, per engine; an engine with none shows 0. */
    private void queue(Connection c) throws SQLException {
        // Until jobs name their engine, every queued item is the configured engine's.
        try (PreparedStatement s = c.prepareStatement("""
                SELECT ?, count(*), coalesce(extract(epoch FROM now() - min(run_at)), 0)
                FROM audio_job_item WHERE state = 'queued' AND run_at <= now()""")) {
            s.setString(1, defaultEngine);
            Map<String, long[]> seen = new ConcurrentHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seen.put(rs.getString(1), new long[] {rs.getLong(2), Math.round(rs.getDouble(3) * 1000)});
                }
            }
            seen.keySet().forEach(this::engine);
            for (String engine : queueDepth.keySet()) {
                long[] row = seen.getOrDefault(engine, new long[] {0, 0});
                queueDepth.get(engine).set(row[0]);
                oldestAgeMillis.get(engine).set(row[1]);
            }
        }
    }

    private void engine(String engine) {
        queueDepth.computeIfAbsent(engine, e -> {
            AtomicLong depth = new AtomicLong();
            Gauge.builder("briefaudio.queue.depth", depth, AtomicLong::get)
                    .description("Queued items that could run now, by the engine of their job").tag("engine", e)
                    .register(registry);
            AtomicLong ageMillis = new AtomicLong();
            Gauge.builder("briefaudio.queue.oldest.age.seconds", ageMillis, millis -> millis.get() / 1000.0)
                    .description("Seconds the oldest runnable queued item has waited, by engine").tag("engine", e)
                    .register(registry);
            oldestAgeMillis.put(e, ageMillis);
            return depth;
        });
    }
}
