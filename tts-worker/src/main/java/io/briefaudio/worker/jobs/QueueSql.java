package io.briefaudio.worker.jobs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What every transition of {@link ItemQueue} and {@link EpisodeQueue} shares: SQL fragments, how one statement
 * is run, and the lease heartbeat.
 */
final class QueueSql {

    private QueueSql() {
    }

    /**
     * Applies the {@code delta(job_id, completed, failed, error)} CTE to the job's counters and status, and
     * queues the episode of a job this finishes ({@link EpisodeQueue#QUEUE_FINISHED_JOBS}).
     */
    static final String JOB_OUTCOME = """
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

    static final String CLEAR_LEASE = "lease_owner = NULL, lease_token = NULL, lease_until = NULL";

    /** How many entries of an item's error history are kept (the newest). */
    static final int ERROR_HISTORY = 25;

    /**
     * {@code errors = …} appending this attempt's error, given as an SQL expression, to the item's history.
     * Used inside an UPDATE, where {@code attempt} and {@code lease_owner} are still the failed attempt's.
     */
    static String appendError(String errorExpression, String kind) {
        return """
                errors = jsonb_path_query_array(errors || jsonb_build_object('attempt', attempt, 'error', %s,
                    'worker', lease_owner, 'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'kind', '%s'), '$[last - %d to last]')""".formatted(errorExpression, kind, ERROR_HISTORY - 1);
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Set<String> TRANSIENT = Set.of("40001", "40P01");

    /**
     * Runs one transition. Each is a single statement, atomic on its own, so it runs in autocommit:
     * one round trip, and no transaction stays open. Deadlocks and serialization failures are retried.
     */
    static <T> T atomically(DataSource dataSource, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (attempt >= 3 || !TRANSIENT.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /**
     * The heartbeat of either queue: extends the leases of {@code tokens} in {@code table} (a constant, never
     * input) and returns the tokens still held. A token missing from the answer was lost: its work must stop.
     */
    static Set<UUID> extendLeases(DataSource dataSource, String table, Collection<UUID> tokens, Duration lease)
            throws SQLException {
        if (tokens.isEmpty()) {
            return Set.of();
        }
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE %s SET lease_until = now() + make_interval(secs => ?), updated_at = now()
                    WHERE state = 'processing' AND lease_token = ANY (?)
                    RETURNING lease_token""".formatted(table))) {
                s.setDouble(1, lease.toMillis() / 1000.0);
                s.setArray(2, uuidArray(c, tokens));
                Set<UUID> held = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getObject(1, UUID.class));
                    }
                }
                return held;
            }
        });
    }

    static Array uuidArray(Connection c, Collection<?> tokens) throws SQLException {
        return c.createArrayOf("uuid", tokens.toArray());
    }
}
