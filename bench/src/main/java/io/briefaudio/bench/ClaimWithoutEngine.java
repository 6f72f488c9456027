package io.briefaudio.bench;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.worker.jobs.ClaimedItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The claim as it was before jobs named engines (V12): any queued item, by priority then age, on the index
 * (priority DESC, run_at, id). Kept only to measure what the engine filter costs, in the same run.
 */
final class ClaimWithoutEngine {

    static final String INDEX = """
            CREATE INDEX IF NOT EXISTS bench_claimable_without_engine
                ON audio_job_item (priority DESC, run_at, id) WHERE state = 'queued'""";

    private static final String SQL = """
            WITH picked AS MATERIALIZED (
                SELECT id FROM audio_job_item
                WHERE state = 'queued' AND run_at <= now()
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

    private ClaimWithoutEngine() {
    }

    static List<ClaimedItem> claim(DataSource dataSource, int limit, String owner, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            s.setInt(1, limit);
            s.setString(2, owner);
            s.setDouble(3, lease.toMillis() / 1000.0);
            List<ClaimedItem> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(new ClaimedItem(rs.getLong("id"), rs.getLong("job_id"), rs.getLong("brief_id"),
                            rs.getLong("tenant_id"), rs.getLong("brief_item_id"), rs.getInt("position"),
                            rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getObject("lease_token", UUID.class),
                            rs.getString("voice_id"), rs.getString("language"), rs.getString("body"),
                            AudioFormat.byId(rs.getString("format")).orElseThrow(),
                            rs.getTimestamp("job_created_at").toInstant(), rs.getDouble("pickup_seconds")));
                }
            }
            return items;
        }
    }
}
