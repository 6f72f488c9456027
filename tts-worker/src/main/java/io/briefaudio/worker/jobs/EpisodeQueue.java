package io.briefaudio.worker.jobs;

import static io.briefaudio.worker.jobs.QueueSql.CLEAR_LEASE;

import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The episode state machine, one guarded SQL statement per transition, leased like {@link ItemQueue}'s items:
 * <pre>
 *   (job finishes with completed items) --queue--> queued      {@link #QUEUE_FINISHED_JOBS}, in the item's statement
 *   queued --claim--> processing --complete--> completed
 *                     processing --fail------> queued (backoff) | failed (permanent or out of attempts)
 *                     processing --reap------> queued (backoff) | failed   when the lease expired
 *                     processing --release---> queued             on graceful shutdown, attempt not charged
 *   any state --queue--> queued                when a retried job finishes again: its episode is rebuilt
 * </pre>
 * Every transition out of {@code processing} requires the lease token, so a replica that lost its lease
 * (killed, stalled, or its job finished again) cannot record an episode: each job has exactly one row, and
 * only the holder of its current lease completes it.
 */
public class EpisodeQueue {

    /**
     * A CTE for the statement that finishes a job's last item: it reads {@code outcome(id, status,
     * completed_items, format)} and queues the episode of every job that just finished with completed items.
     * WAV jobs get an MP3 episode. Speech requests (OpenAI-compatible endpoint) get none: they answer one call.
     */
    static final String QUEUE_FINISHED_JOBS = """
            episode AS (
                INSERT INTO audio_episode (job_id, format)
                SELECT o.id, CASE o.format WHEN 'wav' THEN 'mp3' ELSE o.format END FROM outcome o
                WHERE o.status IN ('completed', 'failed') AND o.completed_items > 0
                  AND NOT EXISTS (SELECT 1 FROM audio_job j JOIN brief b ON b.id = j.brief_id
                                  WHERE j.id = o.id AND b.origin = 'speech')
                ON CONFLICT (job_id) DO UPDATE SET state = 'queued', attempt = 0, run_at = now(), last_error = NULL,
                    %s, started_at = NULL, finished_at = NULL, updated_at = now()
                RETURNING job_id)""".formatted(CLEAR_LEASE);

    private final DataSource dataSource;
    private final Backoff backoff;

    public EpisodeQueue(DataSource dataSource, Backoff backoff) {
        this.dataSource = dataSource;
        this.backoff = backoff;
    }

    /** An episode this replica holds a lease on. */
    public record ClaimedEpisode(long episodeId, long jobId, String format, int attempt, int maxAttempts,
                                 UUID leaseToken) {
    }

    public List<ClaimedEpisode> claim(int limit, String owner, Duration lease) throws SQLException {
        String sql = """
                WITH picked AS MATERIALIZED (
                    SELECT id FROM audio_episode
                    WHERE state = 'queued' AND run_at <= now()
                    ORDER BY run_at, id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE audio_episode e SET state = 'processing', attempt = e.attempt + 1, lease_owner = ?,
                    lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => ?),
                    started_at = now(), updated_at = now()
                FROM picked WHERE e.id = picked.id
                RETURNING e.id, e.job_id, e.format, e.attempt, e.max_attempts, e.lease_token""";
        return QueueSql.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(1, limit);
                s.setString(2, owner);
                s.setDouble(3, lease.toMillis() / 1000.0);
                List<ClaimedEpisode> claimed = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ClaimedEpisode(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                                rs.getInt(5), rs.getObject(6, UUID.class)));
                    }
                }
                return claimed;
            }
        });
    }

    /** Extends the leases; returns the tokens still held. */
    public Set<UUID> heartbeat(Collection<UUID> tokens, Duration lease) throws SQLException {
        return QueueSql.extendLeases(dataSource, "audio_episode", tokens, lease);
    }

    /**
     * Records the assembled episode: its asset, length, chapters ({@code [{"title", "start_ms"}]}) and captions
     * ({@code [{"start_ms", "end_ms", "text"}]}, one per spoken sentence).
     */
    public Outcome complete(ClaimedEpisode episode, long assetId, long durationMillis, String chaptersJson,
                            String transcriptJson) throws SQLException {
        return QueueSql.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE audio_episode SET state = 'completed', asset_id = ?, duration_ms = ?, chapters = ?::jsonb,
                        transcript = ?::jsonb, finished_at = now(), last_error = NULL, %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?""".formatted(CLEAR_LEASE))) {
                s.setLong(1, assetId);
                s.setLong(2, durationMillis);
                s.setString(3, chaptersJson);
                s.setString(4, transcriptJson);
                s.setLong(5, episode.episodeId());
                s.setObject(6, episode.leaseToken());
                return s.executeUpdate() == 1 ? Outcome.COMPLETED : Outcome.LEASE_LOST;
            }
        });
    }

    /** Records a failed attempt: retried after backoff, or failed for good when permanent or out of attempts. */
    public Outcome fail(ClaimedEpisode episode, String error, boolean permanent) throws SQLException {
        String sql = """
                UPDATE audio_episode SET
                    state = CASE WHEN ? OR attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                    run_at = CASE WHEN ? OR attempt >= max_attempts THEN run_at ELSE now() + %s END,
                    finished_at = CASE WHEN ? OR attempt >= max_attempts THEN now() END,
                    last_error = ?, %s, updated_at = now()
                WHERE id = ? AND state = 'processing' AND lease_token = ?
                RETURNING state""".formatted(backoff.sqlDelay("attempt"), CLEAR_LEASE);
        return QueueSql.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setBoolean(1, permanent);
                s.setBoolean(2, permanent);
                s.setBoolean(3, permanent);
                s.setString(4, error);
                s.setLong(5, episode.episodeId());
                s.setObject(6, episode.leaseToken());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.LEASE_LOST;
                    }
                    return "failed".equals(rs.getString(1)) ? Outcome.FAILED : Outcome.RETRY_SCHEDULED;
                }
            }
        });
    }

    /** Moves episodes whose lease expired back to the queue (or to failed when out of attempts). */
    public List<ItemQueue.Reaped> reapExpired(int limit) throws SQLException {
        String sql = """
                WITH expired AS MATERIALIZED (
                    SELECT id, lease_owner FROM audio_episode
                    WHERE state = 'processing' AND lease_until < now()
                    ORDER BY lease_until
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE audio_episode e SET
                    state = CASE WHEN e.attempt >= e.max_attempts THEN 'failed' ELSE 'queued' END,
                    run_at = CASE WHEN e.attempt >= e.max_attempts THEN e.run_at ELSE now() + %s END,
                    finished_at = CASE WHEN e.attempt >= e.max_attempts THEN now() END,
                    last_error = 'lease expired: worker ' || coalesce(e.lease_owner, '?') || ' stopped heart-beating',
                    %s, updated_at = now()
                FROM expired WHERE e.id = expired.id
                RETURNING e.id, e.job_id, e.state, expired.lease_owner""".formatted(backoff.sqlDelay("e.attempt"), CLEAR_LEASE);
        return QueueSql.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(1, limit);
                List<ItemQueue.Reaped> reaped = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reaped.add(new ItemQueue.Reaped(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return reaped;
            }
        });
    }

    /** Gives held episodes back to the queue without charging the attempt. */
    public int release(Collection<UUID> tokens) throws SQLException {
        if (tokens.isEmpty()) {
            return 0;
        }
        return QueueSql.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE audio_episode SET state = 'queued', attempt = greatest(attempt - 1, 0), run_at = now(),
                        started_at = NULL, %s, updated_at = now()
                    WHERE state = 'processing' AND lease_token = ANY (?)""".formatted(CLEAR_LEASE))) {
                s.setArray(1, QueueSql.uuidArray(c, tokens));
                return s.executeUpdate();
            }
        });
    }
}
