package io.briefaudio.worker.jobs;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.worker.episodes.AudioConfig;
import io.briefaudio.worker.episodes.EpisodeAssembler;
import io.briefaudio.worker.tracing.JobSpans;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.voices.ClipReader;
import io.briefaudio.worker.voices.VoiceEmbeddings;
import io.briefaudio.worker.voices.VoicePreparer;
import io.briefaudio.worker.voices.VoicesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts this process's worker with the application and stops it gracefully on SIGTERM. */
@ApplicationScoped
public class WorkerLifecycle {

    private final WorkerConfig config;
    private final AudioConfig audio;
    private final AgroalDataSource dataSource;
    private final Narrator narrator;
    private final AudioStorage storage;
    private final MeterRegistry registry;
    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Duration shutdownTimeout;
    private final VoicesConfig voicesConfig;
    /** Null when tracing is off (docs/operations.md#traces). */
    private final Tracer tracer;
    private volatile Worker worker;
    private volatile VoicePreparer preparer;

    public WorkerLifecycle(WorkerConfig config, AudioConfig audio, AgroalDataSource dataSource, Narrator narrator, AudioStorage storage,
                           MeterRegistry registry,
                           @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                           @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                           @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                           @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s") Duration shutdownTimeout,
                           VoicesConfig voicesConfig, OpenTelemetry openTelemetry,
                           @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        this.tracer = tracingOff ? null : openTelemetry.getTracer(JobSpans.INSTRUMENTATION);
        this.voicesConfig = voicesConfig;
        this.config = config;
        this.audio = audio;
        this.dataSource = dataSource;
        this.narrator = narrator;
        this.storage = storage;
        this.registry = registry;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.shutdownTimeout = shutdownTimeout;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        var settings = Worker.Settings.from(config, config.id().orElseGet(WorkerLifecycle::defaultId));
        var backoff = new Backoff(config.backoffBase(), config.backoffMax());
        var queue = new ItemQueue(dataSource, ItemQueue.Route.of(narrator.engine()), backoff,
                new Backoff(config.backoffBase(), config.transientBackoffMax()), config.transientRetryWindow());
        var voices = new VoiceEmbeddings(narrator.engine(), storage, dataSource, new ClipReader(voicesConfig.ffmpeg()));
        var codec = audio.codec();
        var spans = tracer == null ? JobSpans.OFF
                : JobSpans.of(tracer, dataSource, settings.id(), narrator.engine().engine().id());
        var tracedStorage = spans.storage(storage);
        var items = new ItemProcessor(narrator, tracedStorage, dataSource, voices, codec, spans);
        var episodes = new Worker.Episodes(new EpisodeQueue(dataSource, backoff),
                new EpisodeAssembler(items, narrator, tracedStorage, dataSource, codec, audio.pauses()));
        worker = new Worker(settings, queue, items, episodes, registry,
                jdbcUrl, user.orElse(null), password.orElse(null), spans);
        worker.start();
        // Always started: its heartbeat tells the API which engines run (waiting_for_engine, GET /api/voices).
        preparer = new VoicePreparer(settings.id(), voices, dataSource, config.lease(), config.pollInterval(),
                new Backoff(config.backoffBase(), config.backoffMax()), voicesConfig.prepare());
        preparer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Worker running = worker;
        if (running != null) {
            running.stop(shutdownTimeout);
        }
        VoicePreparer voices = preparer;
        if (voices != null) {
            voices.stop();
        }
    }

    /** The running worker, or empty when this process does not claim items. */
    public Optional<Worker> worker() {
        return Optional.ofNullable(worker);
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getPid() + "";
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 4);
    }
}
