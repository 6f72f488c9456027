package io.briefaudio.api.jobs;

import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.access.RateLimits;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.engines.EngineRouting;
import io.briefaudio.api.metrics.OperationsMetrics;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.api.tracing.JobTraces;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.jobs.JobNotifications;
import io.briefaudio.shared.tracing.JobTraceContext;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates audio jobs: the voice, the key's limits, idempotency and one unfinished job per brief and voice, in one
 * transaction that also notifies workers. Status views are {@link JobStatuses}, cancel and retry
 * {@link JobTransitions}; the worker side of the state machine is tts-worker's ItemQueue.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    /** On the generate call's span: the job it created, to find the trace by. */
    static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("briefaudio.job.id");

    private final AgroalDataSource dataSource;
    private final ApiConfig config;
    private final Ownership ownership;
    private final RateLimits limits;
    private final EngineRouting engines;

    public JobService(AgroalDataSource dataSource, ApiConfig config, Ownership ownership, RateLimits limits,
                      EngineRouting engines) {
        this.dataSource = dataSource;
        this.config = config;
        this.ownership = ownership;
        this.limits = limits;
        this.engines = engines;
    }

    @Inject
    OperationsMetrics metrics;

    @Inject
    JobTraces traces;

    /**
     * What {@link #enqueue} did: a new job, or the unfinished (or idempotent) one that already existed. {@code engine}
     * is the one the job names; {@code warnings} say what may keep it waiting.
     */
    public record Enqueued(long jobId, String status, int totalItems, boolean created, String engine,
                           List<String> warnings) {
        Enqueued(long jobId, String status, int totalItems, boolean created, String engine) {
            this(jobId, status, totalItems, created, engine, List.of());
        }

        Enqueued withWarnings(List<String> warnings) {
            return new Enqueued(jobId, status, totalItems, created, engine, warnings);
        }
    }

    /** The voice and engine of a new job ({@link EngineRouting#route}); both may be null (the defaults). */
    public EngineRouting.Routed route(String voice, String engine) {
        return engines.route(voice, engine);
    }

    /**
     * The voice a job will use: a preset id, or a custom voice that is ready (see {@link VoiceService}); no id means
     * the default preset.
     */
    public String voiceId(String requested) {
        return engines.route(requested, null).voiceId();
    }

    /**
     * Queues a job for every item of the caller's brief, charging the key's generate-call limit and, for a new
     * job, its daily character limit in the same transaction (a refused or failed enqueue charges nothing).
     */
    @Transactional
    public Enqueued enqueue(long briefId, String voice, AudioFormat format, String requestedIdempotencyKey) {
        return enqueue(briefId, engines.route(voice, null), format, requestedIdempotencyKey);
    }

    /** As {@link #enqueue(long, String, AudioFormat, String)}, for a voice and engine already routed. */
    @Transactional
    public Enqueued enqueue(long briefId, EngineRouting.Routed routed, AudioFormat format, String requestedIdempotencyKey) {
        Enqueued enqueued = insert(briefId, routed, format, requestedIdempotencyKey);
        return enqueued.withWarnings(engines.warnings(routed));
    }

    private Enqueued insert(long briefId, EngineRouting.Routed routed, AudioFormat format, String requestedIdempotencyKey) {
        String voice = routed.voiceId();
        String engine = routed.engine().id();
        ownership.requireBrief(briefId);
        return queue(briefId, voice, format, engine, requestedIdempotencyKey);
    }

    /** The job of a /v1/audio/speech request, for the hidden brief made for it in the caller's transaction. */
    @Transactional
    public Enqueued enqueueSpeech(long speechBriefId, EngineRouting.Routed routed) {
        return queue(speechBriefId, routed.voiceId(), AudioFormat.WAV, routed.engine().id(), null);
    }

    private Enqueued queue(long briefId, String voice, AudioFormat format, String engine,
                           String requestedIdempotencyKey) {
        limits.admitGenerateCall();
        IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(ownership.tenantId(), requestedIdempotencyKey);
        try (Connection c = dataSource.getConnection()) {
            BriefToQueue brief = brief(c, briefId);
            EngineRouting.requireSpeaks(Engine.byId(engine).orElseThrow(), brief.language());
            int itemCount = brief.items();
            if (idempotencyKey != null) {
                Optional<Enqueued> earlier = IdempotencyKeys.find(c, idempotencyKey, briefId, voice, format, engine);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            if (itemCount == 0) {
                throw new ApiProblem(ProblemType.BRIEF_HAS_NO_ITEMS, "Brief " + briefId + " has no items to narrate");
            }
            // Concurrent calls converge: the partial unique index admits one unfinished job per brief and
            // voice, and ON CONFLICT waits for a competing insert to commit before doing nothing.
            for (int round = 0; round < 5; round++) {
                Optional<Enqueued> inserted = insertJob(c, briefId, voice, format, engine, itemCount);
                if (inserted.isPresent()) {
                    if (idempotencyKey != null) {
                        IdempotencyKeys.claim(c, idempotencyKey, inserted.get().jobId(), briefId, voice, format, engine);
                    }
                    limits.admitCharacters(insertItems(c, inserted.get().jobId(), briefId));
                    notifyWorkers(c, inserted.get().jobId());
                    metrics.jobCreated(engine);
                    Span.current().setAttribute(JOB_ID, inserted.get().jobId());
                    LOG.infof("Queued job %d: brief %d, voice %s, engine %s, %d items",
                            inserted.get().jobId(), briefId, voice, engine, itemCount);
                    return inserted.get();
                }
                Optional<Enqueued> existing = idempotencyKey == null ? Optional.empty()
                        : IdempotencyKeys.find(c, idempotencyKey, briefId, voice, format, engine);
                if (existing.isEmpty()) {
                    existing = findUnfinished(c, briefId, voice, format, engine);
                }
                if (existing.isPresent()) {
                    return existing.get();
                }
                // The conflicting job finished between our insert and our look-up: try again.
            }
            throw new ApiProblem(ProblemType.CONFLICT, "Brief " + briefId + " is being changed concurrently; try again");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot enqueue a job for brief " + briefId, e);
        }
    }

    /** What enqueueing needs to know of a brief: how many items it has and the language they are written in. */
    private record BriefToQueue(int items, String language) {
    }

    private BriefToQueue brief(Connection c, long briefId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT (SELECT count(*) FROM brief_item WHERE brief_id = b.id), b.language FROM brief b WHERE b.id = ?""")) {
            s.setLong(1, briefId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("Brief", briefId);
                }
                return new BriefToQueue(rs.getInt(1), rs.getString(2));
            }
        }
    }

    private Optional<Enqueued> insertJob(Connection c, long briefId, String voice, AudioFormat format, String engine,
                                         int itemCount) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO audio_job (brief_id, voice_id, format, total_items, engine, trace_parent, trace_state)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id, status, total_items, engine""")) {
            s.setLong(1, briefId);
            s.setString(2, voice);
            s.setString(3, format.id());
            s.setInt(4, itemCount);
            s.setString(5, engine);
            // The worker's spans for this job continue the trace of this call (docs/operations.md#traces).
            JobTraceContext trace = traces.current();
            s.setString(6, trace == null ? null : trace.traceParent());
            s.setString(7, trace == null ? null : trace.traceState());
            return one(s, true);
        }
    }

    /** Inserts the job's items and returns how many characters they hold (what the daily limit counts). */
    private long insertItems(Connection c, long jobId, long briefId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH items AS (
                    INSERT INTO audio_job_item (job_id, brief_item_id, position, max_attempts)
                    SELECT ?, id, position, ? FROM brief_item WHERE brief_id = ?
                    RETURNING brief_item_id)
                SELECT coalesce(sum(length(b.body)), 0) FROM items JOIN brief_item b ON b.id = items.brief_item_id""")) {
            s.setLong(1, jobId);
            s.setInt(2, config.jobs().maxAttempts());
            s.setLong(3, briefId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Optional<Enqueued> findUnfinished(Connection c, long briefId, String voice, AudioFormat format,
                                              String engine) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, status, total_items, engine FROM audio_job
                WHERE brief_id = ? AND voice_id = ? AND format = ? AND engine = ? AND status IN ('queued', 'processing')""")) {
            s.setLong(1, briefId);
            s.setString(2, voice);
            s.setString(3, format.id());
            s.setString(4, engine);
            return one(s, false);
        }
    }

    private static Optional<Enqueued> one(PreparedStatement s, boolean created) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next()
                    ? Optional.of(new Enqueued(rs.getLong(1), rs.getString(2), rs.getInt(3), created, rs.getString(4)))
                    : Optional.empty();
        }
    }

    static void notifyWorkers(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, JobNotifications.CHANNEL);
            s.setString(2, Long.toString(jobId));
            s.execute();
        }
    }
}
