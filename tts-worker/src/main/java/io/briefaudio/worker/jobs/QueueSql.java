package io.briefaudio.worker.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/** What every transition of {@link ItemQueue} shares: SQL fragments and how one statement is run. */
final class QueueSql {

    private QueueSql() {
    }

    /** Applies the {@code delta(job_id, completed, failed, error)} CTE to the job's counters and status. */
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
                RETURNING j.id, j.status)""";

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
}
