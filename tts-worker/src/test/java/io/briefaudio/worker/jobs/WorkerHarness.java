package io.briefaudio.worker.jobs;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.worker.episodes.EpisodeAssembler;
import io.briefaudio.worker.tracing.JobSpans;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.voices.ClipReader;
import io.briefaudio.worker.voices.VoiceEmbeddings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds real workers against the test database and stops them after each test. */
@Singleton
class WorkerHarness {

    static final FfmpegCodec CODEC = new FfmpegCodec("ffmpeg", Duration.ofMinutes(1));

    final AgroalDataSource dataSource;
    final AudioStorage storage;
    private final String jdbcUrl;
    private final String user;
    private final List<Worker> started = new ArrayList<>();

    WorkerHarness(AgroalDataSource dataSource, AudioStorage storage,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                  @ConfigProperty(name = "quarkus.datasource.username") String user) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** A queue of eSpeak NG's items (what the fixtures' jobs name), for a worker that cannot clone. */
    ItemQueue queue(Backoff backoff) {
        return queue(new ItemQueue.Route(Engine.ESPEAK, false), backoff);
    }

    ItemQueue queue(ItemQueue.Route route, Backoff backoff) {
        return new ItemQueue(dataSource, route, backoff);
    }

    Worker start(String id, ToneEngine engine, int concurrency, Duration lease, Backoff backoff) {
        return start(id, new Narrator(engine), concurrency, lease, backoff, false);
    }

    /** A worker that also assembles episodes, narrating with {@code narrator}. */
    Worker start(String id, Narrator narrator, int concurrency, Duration lease, Backoff backoff, boolean episodes) {
        return start(id, narrator, concurrency, lease, backoff, episodes ? CODEC : null);
    }

    /** A worker whose episodes (when {@code episodeCodec} is set) encode with that codec; items use the usual one. */
    Worker start(String id, Narrator narrator, int concurrency, Duration lease, Backoff backoff, FfmpegCodec episodeCodec) {
        var items = new ItemProcessor(narrator, storage, dataSource, CODEC);
        var episodeSide = episodeCodec != null ? new Worker.Episodes(new EpisodeQueue(dataSource, backoff), new EpisodeAssembler(
                items, narrator, storage, dataSource, episodeCodec, EpisodeAssembler.Pauses.DEFAULTS)) : null;
        return start(id, concurrency, lease, queue(ItemQueue.Route.of(narrator.engine()), backoff), items, episodeSide,
                JobSpans.OFF);
    }

    /** A worker with episodes whose claims, attempts, syntheses and uploads are spans of {@code spans}. */
    Worker startTraced(String id, Narrator narrator, Duration lease, Backoff backoff, JobSpans spans) {
        AudioStorage traced = spans.storage(storage);
        var items = new ItemProcessor(narrator, traced, dataSource,
                new VoiceEmbeddings(narrator.engine(), storage, dataSource, new ClipReader("ffmpeg")), CODEC, spans);
        var episodeSide = new Worker.Episodes(new EpisodeQueue(dataSource, backoff), new EpisodeAssembler(
                items, narrator, traced, dataSource, CODEC, EpisodeAssembler.Pauses.DEFAULTS));
        return start(id, 2, lease, queue(ItemQueue.Route.of(narrator.engine()), backoff), items, episodeSide, spans);
    }

    Worker start(String id, int concurrency, Duration lease, ItemQueue queue, ItemProcessor processor) {
        return start(id, concurrency, lease, queue, processor, null, JobSpans.OFF);
    }

    private Worker start(String id, int concurrency, Duration lease, ItemQueue queue, ItemProcessor processor,
                         Worker.Episodes episodes, JobSpans spans) {
        var settings = new Worker.Settings(id, concurrency, lease, Duration.ofMillis(500), Duration.ofMillis(300));
        Worker worker = new Worker(settings, queue, processor, episodes, new SimpleMeterRegistry(), jdbcUrl, user, null,
                spans);
        worker.start();
        started.add(worker);
        return worker;
    }

    void stopAll() {
        started.forEach(w -> w.stop(Duration.ofSeconds(2)));
        started.clear();
    }

    void emptyQueue() throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("TRUNCATE audio_job_item, audio_job, brief_item, brief, audio_asset CASCADE");
        }
    }
}
