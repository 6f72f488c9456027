package io.briefaudio.worker.jobs;

import static io.briefaudio.worker.jobs.Statements.CLEAR_LEASE;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.jobs.JobNotifications;
import java.sql.Connection;
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
 * The worker side of the item state machine, one guarded SQL statement per transition:
 * <pre>
 *   queued --claim--> processing --complete--> completed
 *                     processing --fail------> queued (backoff) | failed (permanent or out of attempts)
 *                     processing --reap------> queued (backoff) | failed   when the lease expired
 *                     processing --release---> queued             on graceful shutdown, attempt not charged
 * </pre>
 * Every transition out of {@code processing} requires the caller's lease token, so a replica that lost
 * its lease can never overwrite what another replica did. The job's counters change in the same
 * statement as the item, and the update that finishes the last item closes the job and, when the job has
 * completed items, queues its episode ({@link EpisodeQueue}).
 */
public class ItemQueue {

    /**
     * Applies the {@code delta(job_id, completed, failed, error)} CTE to the job's counters and status, and
     * queues the episode of a job this finishes.
     */
    private static final String JOB_OUTCOME = """
            outcome AS (
                UPDATE audio_job j SET
                    completed_items = j.completed_items + d.completed,
                    failed_items = j.failed_items + d.failed,
                    progress = (100 * (j.completed_items + d.completed)) / j.total_items,
                    status = CASE
                        WHEN j.completed_items + d.completed + j.failed_items + d.failed < j.total_items THEN 'processing'
                        WHEN j.failed_items + d.failed = 0 THEN 'completed'
                        ELSE 'failed' END,
                    completed_at = CASE
                        WHEN j.completed_items + d.completed + j.failed_items + d.failed < j.total_items THEN NULL
                        ELSE now() END,
                    started_at = coalesce(j.started_at, now()),
                    error_message = CASE WHEN d.failed > 0
                        THEN format('%s of %s items failed; last error: %s', j.failed_items + d.failed, j.total_items, d.error)
                        ELSE j.error_message END,
                    updated_at = now()
                FROM delta d
                WHERE j.id = d.job_id AND j.status IN ('queued', 'processing')
                RETURNING j.id, j.status, j.completed_items, j.format),
            """ + EpisodeQueue.QUEUE_FINISHED_JOBS;

    private final DataSource dataSource;
    private final Backoff backoff;

    public ItemQueue(DataSource dataSource, Backoff backoff) {
        this.dataSource = dataSource;
        this.backoff = backoff;
    }

    /** What happened to a finished attempt. {@code LEASE_LOST}: the result was discarded. */
    public enum Outcome { COMPLETED, RETRY_SCHEDULED, FAILED, LEASE_LOST }

    /** Claims up to {@code limit} runnable items, oldest first, skipping items other replicas are claiming. */
    public List<ClaimedItem> claim(int limit, String owner, Duration lease) throws SQLException {
        String sql = """
                WITH picked AS MATERIALIZED (
                    SELECT id FROM audio_job_item
                    WHERE state = 'queued' AND run_at <= now()
                    ORDER BY run_at, id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE audio_job_item i SET state = 'processing', attempt = i.attempt + 1, lease_owner = ?,
                        lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => ?),
                        started_at = now(), updated_at = now()
                    FROM picked WHERE i.id = picked.id
                    RETURNING i.id, i.job_id, i.brief_item_id, i.position, i.attempt, i.max_attempts, i.lease_token,
                        extract(epoch FROM now() - i.run_at) AS pickup_seconds),
                started AS (
                    UPDATE audio_job SET status = 'processing', started_at = coalesce(started_at, now()), updated_at = now()
                    WHERE id IN (SELECT job_id FROM claimed) AND status = 'queued')
                SELECT c.*, j.voice_id, j.format, j.created_at AS job_created_at, j.brief_id, b.language, bi.body
                FROM claimed c
                JOIN audio_job j ON j.id = c.job_id
                JOIN brief b ON b.id = j.brief_id
                JOIN brief_item bi ON bi.id = c.brief_item_id
                ORDER BY c.id""";
        return Statements.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(1, limit);
                s.setString(2, owner);
                s.setDouble(3, lease.toMillis() / 1000.0);
                List<ClaimedItem> items = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ClaimedItem(rs.getLong("id"), rs.getLong("job_id"), rs.getLong("brief_id"),
                                rs.getLong("brief_item_id"), rs.getInt("position"), rs.getInt("attempt"),
                                rs.getInt("max_attempts"), rs.getObject("lease_token", UUID.class),
                                rs.getString("voice_id"), rs.getString("language"), rs.getString("body"),
                                AudioFormat.byId(rs.getString("format")).orElseThrow(),
                                rs.getTimestamp("job_created_at").toInstant(), rs.getDouble("pickup_seconds")));
                    }
                }
                return items;
            }
        });
    }

    /**
     * Extends the leases this replica holds; returns the tokens still held. A token missing from the
     * answer was lost (reaped, or its job cancelled) and its work must stop.
     */
    public Set<UUID> heartbeat(Collection<UUID> tokens, Duration lease) throws SQLException {
        return Statements.extendLeases(dataSource, "audio_job_item", tokens, lease);
    }

    public Outcome complete(ClaimedItem item, long assetId) throws SQLException {
        String sql = """
                WITH done AS (
                    UPDATE audio_job_item SET state = 'completed', asset_id = ?, finished_at = now(), last_error = NULL,
                        %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING job_id),
                delta AS (SELECT job_id, 1 AS completed, 0 AS failed, NULL::text AS error FROM done),
                %s
                SELECT count(*) FROM done""".formatted(CLEAR_LEASE, JOB_OUTCOME);
        return Statements.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, assetId);
                s.setLong(2, item.itemId());
                s.setObject(3, item.leaseToken());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1 ? Outcome.COMPLETED : Outcome.LEASE_LOST;
                }
            }
        });
    }

    /** Records a failed attempt: retried after backoff, or failed for good when permanent or out of attempts. */
    public Outcome fail(ClaimedItem item, String error, boolean permanent) throws SQLException {
        String sql = """
                WITH failed_item AS (
                    UPDATE audio_job_item SET
                        state = CASE WHEN ? OR attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                        run_at = CASE WHEN ? OR attempt >= max_attempts THEN run_at ELSE now() + %s END,
                        finished_at = CASE WHEN ? OR attempt >= max_attempts THEN now() END,
                        last_error = ?, %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING job_id, state, last_error),
                delta AS (SELECT job_id, 0 AS completed, 1 AS failed, last_error AS error
                          FROM failed_item WHERE state = 'failed'),
                %s
                SELECT state FROM failed_item""".formatted(backoff.sqlDelay("attempt"), CLEAR_LEASE, JOB_OUTCOME);
        return Statements.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setBoolean(1, permanent);
                s.setBoolean(2, permanent);
                s.setBoolean(3, permanent);
                s.setString(4, error);
                s.setLong(5, item.itemId());
                s.setObject(6, item.leaseToken());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.LEASE_LOST;
                    }
                    return "failed".equals(rs.getString(1)) ? Outcome.FAILED : Outcome.RETRY_SCHEDULED;
                }
            }
        });
    }

    /** An item whose lease expired and which the reaper moved on. */
    public record Reaped(long itemId, long jobId, String state, String previousOwner) {
    }

    /** Moves items whose lease expired back to the queue (or to failed when out of attempts). */
    public List<Reaped> reapExpired(int limit) throws SQLException {
        String sql = """
                WITH expired AS MATERIALIZED (
                    SELECT id, lease_owner FROM audio_job_item
                    WHERE state = 'processing' AND lease_until < now()
                    ORDER BY lease_until
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED),
                moved AS (
                    UPDATE audio_job_item i SET
                        state = CASE WHEN i.attempt >= i.max_attempts THEN 'failed' ELSE 'queued' END,
                        run_at = CASE WHEN i.attempt >= i.max_attempts THEN i.run_at ELSE now() + %s END,
                        finished_at = CASE WHEN i.attempt >= i.max_attempts THEN now() END,
                        last_error = 'lease expired: worker ' || coalesce(i.lease_owner, '?') || ' stopped heart-beating',
                        %s, updated_at = now()
                    FROM expired WHERE i.id = expired.id
                    RETURNING i.id, i.job_id, i.state, i.last_error, expired.lease_owner),
                delta AS (SELECT job_id, 0 AS completed, count(*)::int AS failed, max(last_error) AS error
                          FROM moved WHERE state = 'failed' GROUP BY job_id),
                %s
                SELECT id, job_id, state, lease_owner FROM moved ORDER BY id"""
                .formatted(backoff.sqlDelay("i.attempt"), CLEAR_LEASE, JOB_OUTCOME);
        return Statements.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(1, limit);
                List<Reaped> reaped = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reaped.add(new Reaped(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return reaped;
            }
        });
    }

    /** Gives held items back to the queue without charging the attempt, and wakes other replicas. */
    public int release(Collection<UUID> tokens) throws SQLException {
        if (tokens.isEmpty()) {
            return 0;
        }
        return Statements.atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH released AS (
                        UPDATE audio_job_item SET state = 'queued', attempt = greatest(attempt - 1, 0), run_at = now(),
                            started_at = NULL, %s, updated_at = now()
                        WHERE state = 'processing' AND lease_token = ANY (?)
                        RETURNING id)
                    SELECT count(*), pg_notify(?, 'released') FROM released""".formatted(CLEAR_LEASE))) {
                s.setArray(1, Statements.uuidArray(c, tokens));
                s.setString(2, JobNotifications.CHANNEL);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Items waiting that could run now: what KEDA and the queue-depth gauge watch. */
    public long queueDepth() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND run_at <= now()");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
