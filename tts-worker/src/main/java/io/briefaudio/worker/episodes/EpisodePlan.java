package io.briefaudio.worker.episodes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an episode is made of: the brief's title and date, and the job's completed items in order.
 * Failed items are not parts: the episode says nothing of them.
 */
record EpisodePlan(long jobId, long briefId, long tenantId, String briefTitle, Instant briefCreatedAt, String language,
                   String voiceId, Instant jobCreatedAt, List<Part> parts) {

    /** One completed item: its title (may be null), its text, and its stored audio. */
    record Part(long briefItemId, int position, String title, String text, String storageKey) {
    }

    static Optional<EpisodePlan> load(Connection c, long jobId) throws SQLException {
        EpisodePlan plan;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.brief_id, b.tenant_id, b.title, b.created_at AS brief_created_at, b.language, j.voice_id, j.created_at
                FROM audio_job j JOIN brief b ON b.id = j.brief_id WHERE j.id = ?""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                plan = new EpisodePlan(jobId, rs.getLong("brief_id"), rs.getLong("tenant_id"), rs.getString("title"),
                        rs.getTimestamp("brief_created_at").toInstant(), rs.getString("language"),
                        rs.getString("voice_id"), rs.getTimestamp("created_at").toInstant(), new ArrayList<>());
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT bi.id, i.position, bi.title, bi.body, a.storage_key
                FROM audio_job_item i
                JOIN brief_item bi ON bi.id = i.brief_item_id
                JOIN audio_asset a ON a.id = i.asset_id
                WHERE i.job_id = ? AND i.state = 'completed'
                ORDER BY i.position""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.parts().add(new Part(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return Optional.of(plan);
    }
}
