package io.briefaudio.api.jobs;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.access.RateLimits;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.episodes.EpisodeService;
import io.briefaudio.api.jobs.JobViews.ItemStatusView;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.jobs.AudioJob;
import io.briefaudio.shared.jobs.AudioJobItem;
import io.briefaudio.shared.jobs.JobNotifications;
import io.briefaudio.api.voices.VoiceService;
import io.briefaudio.shared.voices.VoicePreset;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates, cancels and retries audio jobs. Each change is a guarded SQL statement inside one
 * transaction that also notifies workers; the worker side of the state machine is tts-worker's ItemQueue.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final ApiConfig config;
    private final Ownership ownership;
    private final RateLimits limits;
    private final AudioLinks audioLinks;

    private final VoiceService voices;
    private final EpisodeService episodes;

    public JobService(AgroalDataSource dataSource, ApiConfig config, Ownership ownership, RateLimits limits,
                      AudioLinks audioLinks, VoiceService voices, EpisodeService episodes) {
        this.dataSource = dataSource;
        this.config = config;
        this.ownership = ownership;
        this.limits = limits;
        this.audioLinks = audioLinks;
        this.voices = voices;
        this.episodes = episodes;
    }

    /** What {@link #enqueue} did: a new job, or the unfinished (or idempotent) one that already existed. */
    public record Enqueued(long jobId, String status, int totalItems, boolean created) {
    }

    /**
     * The voice a job will use: a preset id, or a custom voice that is ready (see {@link VoiceService}); no id means
     * the default preset.
     */
    public String voiceId(String requested) {
        if (requested == null) {
            return VoicePreset.DEFAULT.id();
        }
        if (VoicePreset.byId(requested).isPresent()) {
            return requested;
        }
        return voices.requireReady(requested);
    }

    /**
     * Queues a job for every item of the caller's brief, charging the key's generate-call limit and, for a new
     * job, its daily character limit in the same transaction (a refused or failed enqueue charges nothing).
     */
    @Transactional
    public Enqueued enqueue(long briefId, String voice, AudioFormat format, String requestedIdempotencyKey) {
        ownership.requireBrief(briefId);
        limits.admitGenerateCall();
        IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(ownership.tenantId(), requestedIdempotencyKey);
        try (Connection c = dataSource.getConnection()) {
            int itemCount = countItems(c, briefId);
            if (idempotencyKey != null) {
                Optional<Enqueued> earlier = IdempotencyKeys.find(c, idempotencyKey, briefId, voice, format);
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
                Optional<Enqueued> inserted = insertJob(c, briefId, voice, format, itemCount);
                if (inserted.isPresent()) {
                    if (idempotencyKey != null) {
                        IdempotencyKeys.claim(c, idempotencyKey, inserted.get().jobId(), briefId, voice, format);
                    }
                    limits.admitCharacters(insertItems(c, inserted.get().jobId(), briefId));
                    notifyWorkers(c, inserted.get().jobId());
                    LOG.infof("Queued job %d: brief %d, voice %s, %d items",
                            inserted.get().jobId(), briefId, voice, itemCount);
                    return inserted.get();
                }
                Optional<Enqueued> existing = idempotencyKey == null ? Optional.empty()
                        : IdempotencyKeys.find(c, idempotencyKey, briefId, voice, format);
                if (existing.isEmpty()) {
                    existing = findUnfinished(c, briefId, voice, format);
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

    @Transactional
    public JobStatusView status(long jobId) {
        ownership.requireJob(jobId);
        return statusForDelivery(jobId);
    }

    /**
     * The status without the caller's tenant check, for what the server sends on its own threads (event streams,
     * webhooks): their owner was checked when the stream was opened or the webhook registered.
     */
    @Transactional
    public JobStatusView statusForDelivery(long jobId) {
        AudioJob job = AudioJob.<AudioJob>findByIdOptional(jobId).orElseThrow(() -> ApiProblem.notFound("Job", jobId));
        var items = AudioJobItem.listForJob(jobId).stream().map(i -> new ItemStatusView(
                i.briefItemId, i.position, i.state.dbValue(),
                i.asset == null ? null : audioLinks.url(i.asset.storageKey),
                i.asset == null ? null : i.asset.durationMs,
                i.lastError, i.attempt, AttemptError.parseHistory(i.errors))).toList();
        var episode = episodes.forJob(jobId).map(episodes::view).orElse(null);
        return new JobStatusView(job.id, job.briefId, job.voiceId, job.status.dbValue(), job.progress,
                job.totalItems, job.completedItems, job.errorMessage, job.failedItems,
                job.createdAt, job.startedAt, job.completedAt, job.updatedAt, items,
                job.format, episode, episodes.state(jobId).orElse(null));
    }

    /**
     * Answers 404 for an unknown job or another tenant's: one indexed look-up, for endpoints that need no more
     * (event streams).
     */
    public void requireExists(long jobId) {
        ownership.requireJob(jobId);
    }

    /** Cancels an unfinished job: queued items are never claimed, in-flight results are discarded. */
    @Transactional
    public void cancel(long jobId) {
        ownership.requireJob(jobId);
        try (Connection c = dataSource.getConnection()) {
            int jobs = update(c, """
                    UPDATE audio_job SET status = 'cancelled', completed_at = now(), updated_at = now()
                    WHERE id = ? AND status IN ('queued', 'processing')""", jobId);
            if (jobs == 0) {
                throw conflictOrMissing(c, jobId, "cancelled");
            }
            int items = update(c, """
                    UPDATE audio_job_item
                    SET state = 'cancelled', lease_owner = NULL, lease_token = NULL, lease_until = NULL,
                        finished_at = now(), updated_at = now()
                    WHERE job_id = ? AND state IN ('queued', 'processing')""", jobId);
            LOG.infof("Cancelled job %d (%d unfinished items)", jobId, items);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cancel job " + jobId, e);
        }
    }

    /** Puts a failed job's failed items back in the queue with fresh attempts. */
    @Transactional
    public JobStatusView retry(long jobId) {
        ownership.requireJob(jobId);
        try (Connection c = dataSource.getConnection()) {
            int requeued = update(c, """
                    UPDATE audio_job_item SET state = 'queued', attempt = 0, run_at = now(), last_error = NULL,
                        finished_at = NULL, updated_at = now()
                    WHERE job_id = ? AND state = 'failed'
                      AND EXISTS (SELECT 1 FROM audio_job j WHERE j.id = audio_job_item.job_id AND j.status = 'failed')""", jobId);
            if (requeued == 0) {
                throw conflictOrMissing(c, jobId, "retried: only a failed job's failed items can be retried");
            }
            try {
                update(c, """
                        UPDATE audio_job SET failed_items = failed_items - ?, error_message = NULL, completed_at = NULL,
                            status = CASE WHEN completed_items > 0 THEN 'processing' ELSE 'queued' END,
                            updated_at = now()
                        WHERE id = ? AND status = 'failed'""", requeued, jobId);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ApiProblem(ProblemType.CONFLICT, "Another job for the same brief and voice is running; "
                            + "retry job " + jobId + " after it finishes");
                }
                throw e;
            }
            notifyWorkers(c, jobId);
            LOG.infof("Retrying job %d: %d failed items requeued", jobId, requeued);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot retry job " + jobId, e);
        }
        return status(jobId);
    }

    private int countItems(Connection c, long briefId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT (SELECT count(*) FROM brief_item WHERE brief_id = b.id) FROM brief b WHERE b.id = ?""")) {
            s.setLong(1, briefId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("Brief", briefId);
                }
                return rs.getInt(1);
            }
        }
    }

    private Optional<Enqueued> insertJob(Connection c, long briefId, String voice, AudioFormat format,
                                         int itemCount) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO audio_job (brief_id, voice_id, format, total_items) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id, status, total_items""")) {
            s.setLong(1, briefId);
            s.setString(2, voice);
            s.setString(3, format.id());
            s.setInt(4, itemCount);
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

    private Optional<Enqueued> findUnfinished(Connection c, long briefId, String voice, AudioFormat format)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, status, total_items FROM audio_job
                WHERE brief_id = ? AND voice_id = ? AND format = ? AND status IN ('queued', 'processing')""")) {
            s.setLong(1, briefId);
            s.setString(2, voice);
            s.setString(3, format.id());
            return one(s, false);
        }
    }

    private static Optional<Enqueued> one(PreparedStatement s, boolean created) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next()
                    ? Optional.of(new Enqueued(rs.getLong(1), rs.getString(2), rs.getInt(3), created))
                    : Optional.empty();
        }
    }

    private static void notifyWorkers(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, JobNotifications.CHANNEL);
            s.setString(2, Long.toString(jobId));
            s.execute();
        }
    }

    private static ApiProblem conflictOrMissing(Connection c, long jobId, String action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM audio_job WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return ApiProblem.notFound("Job", jobId);
                }
                return new ApiProblem(ProblemType.CONFLICT,
                        "Job " + jobId + " is " + rs.getString(1) + " and cannot be " + action,
                        Map.of("job_status", rs.getString(1)));
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }
}
