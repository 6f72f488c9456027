package io.briefaudio.worker.jobs;

import static io.briefaudio.worker.jobs.QueueSql.CLEAR_LEASE;
import static io.briefaudio.worker.jobs.QueueSql.JOB_OUTCOME;
import static io.briefaudio.worker.jobs.QueueSql.appendError;
import static io.briefaudio.worker.jobs.QueueSql.atomically;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.jobs.JobNotifications;
import io.briefaudio.worker.tts.SpeechEngine;
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
 *                     processing --wait------> queued (capped backoff), attempt not charged: storage or
 *                                              database unreachable, within the transient-retry window
 *                     processing --reap------> queued (backoff) | failed   when the lease expired
 *                     processing --release---> queued             on graceful shutdown, attempt not charged
 * </pre>
 * Every failed attempt is appended to the item's {@code errors} history.
 * Every transition out of {@code processing} requires the caller's lease token, so a replica that lost
 * its lease can never overwrite what another replica did. The job's counters change in the same
 * statement as the item, and the update that finishes the last item closes the job and, when the job has
 * completed items, queues its episode ({@link EpisodeQueue}).
 * <p>
 * A queue belongs to one {@link Route}: it claims only items of jobs that name its engine (the item's
 * {@code engine}, copied from the job), and custom-voice items only when its worker can clone. An item is never
 * failed for its engine: nobody else claims it, so it waits for a worker of its engine.
 */
public class ItemQueue {

    /** Which items a worker claims: its engine's, and those in custom voices only when it can clone. */
    public record Route(Engine engine, boolean canClone) {
        public static Route of(SpeechEngine engine) {
            return new Route(engine.engine(), engine.canClone());
        }
    }

    private final DataSource dataSource;
    private final Route route;
    private final Backoff backoff;
    private final Backoff infrastructureBackoff;
    private final Duration transientRetryWindow;

    public ItemQueue(DataSource dataSource, Route route, Backoff backoff) {
        this(dataSource, route, backoff, backoff, Duration.ZERO);
    }

    /**
     * @param infrastructureBackoff delay between attempts that met an infrastructure error
     * @param transientRetryWindow how long such errors are waited out before they count as attempts
     */
    public ItemQueue(DataSource dataSource, Route route, Backoff backoff, Backoff infrastructureBackoff,
                     Duration transientRetryWindow) {
        this.dataSource = dataSource;
        this.route = route;
        this.backoff = backoff;
        this.infrastructureBackoff = infrastructureBackoff;
        this.transientRetryWindow = transientRetryWindow;
    }

    /**
     * What happened to a finished attempt. {@code WAITING}: queued again after an infrastructure error,
     * attempt not charged. {@code LEASE_LOST}: the result was discarded.
     */
    public enum Outcome { COMPLETED, RETRY_SCHEDULED, WAITING, FAILED, LEASE_LOST }

    /** Error kinds of a failed attempt in the item's history: the text or the engine, or the quality gate. */
    public static final String ATTEMPT = "attempt";
    public static final String QUALITY = "quality";

    /**
     * Claims up to {@code limit} runnable items of this queue's engine, highest priority first (speech requests
     * wait on an open HTTP call; batch items are 0), then oldest first, skipping items other replicas are claiming.
     * The engine equality leads the claim index (engine, priority DESC, run_at, id), so the scan stays in this
     * engine's part of it; custom-voice items are skipped by a worker that cannot clone.
     */
    public List<ClaimedItem> claim(int limit, String owner, Duration lease) throws SQLException {
        String sql = """
                WITH picked AS MATERIALIZED (
                    SELECT id FROM audio_job_item
                    WHERE state = 'queued' AND engine = ? AND run_at <= now() AND (? OR NOT needs_clone)
                    ORDER BY priority DESC, run_at, id
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
                SELECT c.*, j.voice_id, j.format, j.created_at AS job_created_at, j.brief_id, b.tenant_id, b.language, bi.body
                FROM claimed c
                JOIN audio_job j ON j.id = c.job_id
                JOIN brief b ON b.id = j.brief_id
                JOIN brief_item bi ON bi.id = c.brief_item_id
                ORDER BY c.id""";
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, route.engine().id());
                s.setBoolean(2, route.canClone());
                s.setInt(3, limit);
                s.setString(4, owner);
                s.setDouble(5, lease.toMillis() / 1000.0);
                List<ClaimedItem> items = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ClaimedItem(rs.getLong("id"), rs.getLong("job_id"), rs.getLong("brief_id"), rs.getLong("tenant_id"),
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
        return QueueSql.extendLeases(dataSource, "audio_job_item", tokens, lease);
    }

    public Outcome complete(ClaimedItem item, long assetId) throws SQLException {
        String sql = """
                WITH done AS (
                    UPDATE audio_job_item SET state = 'completed', asset_id = ?, finished_at = now(), last_error = NULL,
                        spoken_engine = ?, spoken_by = lease_owner, %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING job_id),
                delta AS (SELECT job_id, 1 AS completed, 0 AS failed, NULL::text AS error FROM done),
                %s
                SELECT count(*) FROM done""".formatted(CLEAR_LEASE, JOB_OUTCOME);
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, assetId);
                s.setString(2, route.engine().id());
                s.setLong(3, item.itemId());
                s.setObject(4, item.leaseToken());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1 ? Outcome.COMPLETED : Outcome.LEASE_LOST;
                }
            }
        });
    }

    /** Records a failed attempt: retried after backoff, or failed for good when permanent or out of attempts. */
    public Outcome fail(ClaimedItem item, String error, boolean permanent) throws SQLException {
        return fail(item, error, permanent, ATTEMPT);
    }

    /**
     * As {@link #fail(ClaimedItem, String, boolean)}, the error recorded in the item's history as {@code kind}:
     * {@value #ATTEMPT}, or {@value #QUALITY} when the audio failed the quality gate.
     */
    public Outcome fail(ClaimedItem item, String error, boolean permanent, String kind) throws SQLException {
        if (!ATTEMPT.equals(kind) && !QUALITY.equals(kind)) {
            throw new IllegalArgumentException("an attempt's error kind is attempt or quality, not " + kind);
        }
        String sql = """
                WITH failed_item AS (
                    UPDATE audio_job_item SET
                        state = CASE WHEN ? OR attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                        run_at = CASE WHEN ? OR attempt >= max_attempts THEN run_at ELSE now() + %s END,
                        finished_at = CASE WHEN ? OR attempt >= max_attempts THEN now() END,
                        last_error = ?, %s, waiting_since = NULL, infra_failures = 0, %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING job_id, state, last_error),
                delta AS (SELECT job_id, 0 AS completed, 1 AS failed, last_error AS error
                          FROM failed_item WHERE state = 'failed'),
                %s
                SELECT state FROM failed_item""".formatted(backoff.sqlDelay("attempt"), appendError("?::text", kind),
                CLEAR_LEASE, JOB_OUTCOME);
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setBoolean(1, permanent);
                s.setBoolean(2, permanent);
                s.setBoolean(3, permanent);
                s.setString(4, error);
                s.setString(5, error);
                s.setLong(6, item.itemId());
                s.setObject(7, item.leaseToken());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.LEASE_LOST;
                    }
                    return "failed".equals(rs.getString(1)) ? Outcome.FAILED : Outcome.RETRY_SCHEDULED;
                }
            }
        });
    }

    /**
     * Records an attempt that met an infrastructure error (storage or database unreachable): the item is
     * queued again after a capped backoff without charging its attempt, as long as the current run of such
     * errors is younger than the transient-retry window. Past the window it counts as an ordinary failed
     * attempt ({@link #fail}).
     */
    public Outcome waitForInfrastructure(ClaimedItem item, String error) throws SQLException {
        String sql = """
                WITH waiting AS (
                    UPDATE audio_job_item SET state = 'queued', attempt = greatest(attempt - 1, 0),
                        waiting_since = coalesce(waiting_since, now()), infra_failures = infra_failures + 1,
                        run_at = now() + %s, started_at = NULL,
                        last_error = ?, %s, %s, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                      AND coalesce(waiting_since, now()) > now() - make_interval(secs => ?)
                    RETURNING id)
                SELECT count(*) FROM waiting""".formatted(infrastructureBackoff.sqlDelay("infra_failures + 1"),
                appendError("?::text", "infrastructure"), CLEAR_LEASE);
        boolean waiting = atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, error);
                s.setString(2, error);
                s.setLong(3, item.itemId());
                s.setObject(4, item.leaseToken());
                s.setDouble(5, Math.max(transientRetryWindow.toMillis(), 1) / 1000.0);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
        return waiting ? Outcome.WAITING
                : fail(item, error + " (still failing after the transient-retry window of " + transientRetryWindow + ")", false);
    }

    /** An item whose lease expired and which the reaper moved on. */
    public record Reaped(long itemId, long jobId, String state, String previousOwner) {
    }

    /** Moves items whose lease expired back to the queue (or to failed when out of attempts). */
    public List<Reaped> reapExpired(int limit) throws SQLException {
        String sql = """
                WITH expired AS MATERIALIZED (
                    SELECT id, lease_owner AS previous_owner FROM audio_job_item
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
                        %s, %s, updated_at = now()
                    FROM expired WHERE i.id = expired.id
                    RETURNING i.id, i.job_id, i.state, i.last_error, expired.previous_owner),
                delta AS (SELECT job_id, 0 AS completed, count(*)::int AS failed, max(last_error) AS error
                          FROM moved WHERE state = 'failed' GROUP BY job_id),
                %s
                SELECT id, job_id, state, previous_owner FROM moved ORDER BY id"""
                .formatted(backoff.sqlDelay("i.attempt"),
                appendError("'lease expired: worker ' || coalesce(i.lease_owner, '?') || ' stopped heart-beating'", "lease"),
                CLEAR_LEASE, JOB_OUTCOME);
        return atomically(dataSource, c -> {
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
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH released AS (
                        UPDATE audio_job_item SET state = 'queued', attempt = greatest(attempt - 1, 0), run_at = now(),
                            started_at = NULL, %s, updated_at = now()
                        WHERE state = 'processing' AND lease_token = ANY (?)
                        RETURNING id)
                    SELECT count(*), pg_notify(?, 'released') FROM released""".formatted(CLEAR_LEASE))) {
                s.setArray(1, QueueSql.uuidArray(c, tokens));
                s.setString(2, JobNotifications.CHANNEL);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** This engine's items waiting that could run now: what its KEDA ScaledObject and the queue-depth gauge watch. */
    public long queueDepth() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND engine = ? AND run_at <= now()")) {
            s.setString(1, route.engine().id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Route route() {
        return route;
    }
}
