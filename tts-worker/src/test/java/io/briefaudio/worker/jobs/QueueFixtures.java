package io.briefaudio.worker.jobs;

import io.briefaudio.shared.jobs.JobNotifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Writes briefs and queued jobs the way the api-service does, and reads back what workers did. */
final class QueueFixtures {

    private final DataSource dataSource;

    QueueFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A brief with {@code items} items and a queued job for it; item texts start with {@code textPrefix}. */
    long queueJob(int items, String textPrefix, int maxAttempts) throws SQLException {
        return queueJob(items, textPrefix, maxAttempts, "default", "wav", false);
    }

    /** The same for a brief of the named tenant (created if needed). */
    long queueJob(int items, String textPrefix, int maxAttempts, String tenant) throws SQLException {
        return queueJob(items, textPrefix, maxAttempts, tenant, "wav", false);
    }

    /** The same in a format; with {@code titled}, item i is titled "Story i" and the brief "Morning brief". */
    long queueJob(int items, String textPrefix, int maxAttempts, String format, boolean titled) throws SQLException {
        return queueJob(items, textPrefix, maxAttempts, "default", format, titled);
    }

    /** A queued job of {@code items} items naming {@code engine}, in {@code voice} (a preset, custom or ENGINE:NAME id). */
    long queueJobFor(String engine, String voice, int items, String textPrefix) throws SQLException {
        return queueJob(items, textPrefix, 3, "default", "wav", false, engine, voice);
    }

    private long queueJob(int items, String textPrefix, int maxAttempts, String tenant, String format, boolean titled)
            throws SQLException {
        return queueJob(items, textPrefix, maxAttempts, tenant, format, titled, "espeak", "professional");
    }

    private long queueJob(int items, String textPrefix, int maxAttempts, String tenant, String format, boolean titled,
                          String engine, String voice) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO tenant (name) VALUES ('" + tenant + "') ON CONFLICT (name) DO NOTHING");
            long briefId = insert(c, "INSERT INTO brief (title, tenant_id) SELECT '" + (titled ? "Morning brief" : "fixture")
                    + "', id FROM tenant WHERE name = '" + tenant + "' RETURNING id");
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO brief_item (brief_id, position, title, body) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= items; i++) {
                    s.setLong(1, briefId);
                    s.setInt(2, i);
                    s.setString(3, titled ? "Story " + i : null);
                    s.setString(4, textPrefix + " item " + i);
                    s.addBatch();
                }
                s.executeBatch();
            }
            long jobId = insert(c, "INSERT INTO audio_job (brief_id, voice_id, total_items, format, engine) VALUES (" + briefId
                    + ", '" + voice + "', " + items + ", '" + format + "', '" + engine + "') RETURNING id");
            execute(c, "INSERT INTO audio_job_item (job_id, brief_item_id, position, max_attempts) "
                    + "SELECT " + jobId + ", id, position, " + maxAttempts + " FROM brief_item WHERE brief_id = " + briefId);
            execute(c, "SELECT pg_notify('" + JobNotifications.CHANNEL + "', '" + jobId + "')");
            c.commit();
            return jobId;
        }
    }

    Map<String, Object> job(long jobId) throws SQLException {
        return row("SELECT status, progress, total_items, completed_items, failed_items, error_message, "
                + "started_at, completed_at FROM audio_job WHERE id = " + jobId);
    }

    Map<String, Object> item(long jobId, int position) throws SQLException {
        return row("SELECT id, state, attempt, last_error, lease_token, lease_owner, asset_id, "
                + "extract(epoch FROM run_at - now()) AS run_in_seconds "
                + "FROM audio_job_item WHERE job_id = " + jobId + " AND position = " + position);
    }

    Map<String, Object> episode(long jobId) throws SQLException {
        return row("SELECT e.state, e.format, e.attempt, e.duration_ms, e.chapters::text AS chapters, e.last_error, "
                + "e.transcript::text AS transcript, "
                + "a.storage_key, a.size_bytes FROM audio_episode e LEFT JOIN audio_asset a ON a.id = e.asset_id "
                + "WHERE e.job_id = " + jobId);
    }

    long count(String sql) throws SQLException {
        return ((Number) row(sql).values().iterator().next()).longValue();
    }

    /** Waits until {@code sql} (one count) answers {@code expected}. */
    void awaitCount(String sql, long expected, java.time.Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long actual = -1;
        while (System.nanoTime() < deadline) {
            actual = count(sql);
            if (actual == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + expected + " from [" + sql + "] within " + timeout + " but was " + actual);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql);
        }
    }

    /** What the api-service's cancel does: the job and its unfinished items become cancelled. */
    void cancel(long jobId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            execute(c, "UPDATE audio_job_item SET state = 'cancelled', lease_owner = NULL, lease_token = NULL, "
                    + "lease_until = NULL WHERE job_id = " + jobId + " AND state IN ('queued', 'processing')");
            execute(c, "UPDATE audio_job SET status = 'cancelled', completed_at = now() WHERE id = " + jobId);
            c.commit();
        }
    }

    Map<String, Object> rowOf(String sql) throws SQLException {
        return row(sql);
    }

    private Map<String, Object> row(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Object> row = new HashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
            }
            return row;
        }
    }

    private static long insert(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
