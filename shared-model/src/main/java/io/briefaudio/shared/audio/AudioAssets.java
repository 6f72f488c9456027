package io.briefaudio.shared.audio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL that keeps {@code audio_asset} correct under concurrency: the content cache and retention. Plain JDBC so that the worker (no JTA) and the api-service share one copy; the caller owns
 * the connection and its transaction.
 */
public final class AudioAssets {

    private static final String COLUMNS =
            "id, storage_key, cache_key, content_type, size_bytes, duration_ms, sample_rate, engine, voice_id";

    private AudioAssets() {
    }

    /** A stored asset as the cache hands it out. */
    public record AssetRef(long id, String storageKey, String cacheKey, String contentType, long sizeBytes,
                           int durationMs, int sampleRate, String engine, String voiceId) {

        /** The public URL path under which the api-service serves this asset. */
        public String url() {
            return AudioFileName.urlPath(storageKey);
        }
    }

    /** An asset the worker has just uploaded. */
    public record NewAsset(String storageKey, String cacheKey, String contentType, long sizeBytes,
                           int durationMs, int sampleRate, String engine, String voiceId) {
    }

    /** The asset holding audio for this cache key, if any. Reading does not keep it alive: see {@link #touch}. */
    public static Optional<AssetRef> findByCacheKey(Connection c, String cacheKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audio_asset WHERE cache_key = ?")) {
            ps.setString(1, cacheKey);
            return single(ps);
        }
    }

    /**
     * Marks a cached asset as reused now. Returns false when retention deleted it since it was found;
     * the caller then synthesizes again instead of pointing an item at a row that is gone.
     */
    public static boolean touch(Connection c, long assetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audio_asset SET last_used_at = now() WHERE id = ?")) {
            ps.setLong(1, assetId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records an uploaded asset. When another worker stored the same content first, its row wins and is
     * returned (touched): compare {@code storageKey} and delete your own upload if it differs.
     */
    public static AssetRef upsert(Connection c, NewAsset asset) throws SQLException {
        String sql = """
                INSERT INTO audio_asset (storage_key, cache_key, content_type, size_bytes, duration_ms,
                                         sample_rate, engine, voice_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (cache_key) DO UPDATE SET last_used_at = now()
                RETURNING\s""" + COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, asset.storageKey());
            ps.setString(2, asset.cacheKey());
            ps.setString(3, asset.contentType());
            ps.setLong(4, asset.sizeBytes());
            ps.setInt(5, asset.durationMs());
            ps.setInt(6, asset.sampleRate());
            ps.setString(7, asset.engine());
            ps.setString(8, asset.voiceId());
            return single(ps).orElseThrow();
        }
    }

    /** Deletes an asset row whose object is gone, so fresh audio can take its cache key. */
    public static void forget(Connection c, long assetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audio_asset WHERE id = ?")) {
            ps.setLong(1, assetId);
            ps.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code limit} assets that neither the cache reused nor any job item or episode touched in the
     * last {@code days} days, and returns their storage keys so the caller can delete the objects after commit.
     * SKIP LOCKED lets several replicas run this at once: each row is deleted, and each key returned, once.
     * Job items pointing at a deleted asset keep their row; {@code asset_id} becomes NULL (ON DELETE SET NULL).
     */
    public static List<String> deleteUnreferenced(Connection c, int days, int limit) throws SQLException {
        String sql = """
                WITH doomed AS (
                    SELECT a.id FROM audio_asset a
                    WHERE a.last_used_at < now() - make_interval(days => ?)
                      AND NOT EXISTS (SELECT 1 FROM audio_job_item i
                                      WHERE i.asset_id = a.id
                                        AND i.updated_at >= now() - make_interval(days => ?))
                      AND NOT EXISTS (SELECT 1 FROM audio_episode e
                                      WHERE e.asset_id = a.id
                                        AND e.updated_at >= now() - make_interval(days => ?))
                    ORDER BY a.last_used_at
                    LIMIT ?
                    FOR UPDATE OF a SKIP LOCKED
                )
                DELETE FROM audio_asset a USING doomed WHERE a.id = doomed.id
                RETURNING a.storage_key""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, days);
            ps.setInt(2, days);
            ps.setInt(3, days);
            ps.setInt(4, limit);
            return firstColumn(ps, String.class);
        }
    }

    /** The assets the job items and episodes of a brief point at. */
    public static List<Long> usedByBrief(Connection c, long briefId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.asset_id FROM audio_job_item i JOIN audio_job j ON j.id = i.job_id
                WHERE j.brief_id = ? AND i.asset_id IS NOT NULL
                UNION
                SELECT e.asset_id FROM audio_episode e JOIN audio_job j ON j.id = e.job_id
                WHERE j.brief_id = ? AND e.asset_id IS NOT NULL""")) {
            ps.setLong(1, briefId);
            ps.setLong(2, briefId);
            return firstColumn(ps, Long.class);
        }
    }

    /**
     * Deletes those of the given assets that no job item or episode points at, and returns their storage keys so the
     * caller can delete the objects after commit. The rows are locked first, so a worker completing an item
     * with one of them has either committed (this statement, run afterwards, sees its reference and keeps the
     * asset) or waits and then fails its foreign-key check (and retries the item).
     */
    public static List<String> deleteIfUnreferenced(Connection c, List<Long> assetIds) throws SQLException {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        Long[] ids = assetIds.toArray(Long[]::new);
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT id FROM audio_asset WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, c.createArrayOf("bigint", ids));
            lock.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM audio_asset a
                WHERE a.id = ANY (?) AND NOT EXISTS (SELECT 1 FROM audio_job_item i WHERE i.asset_id = a.id)
                  AND NOT EXISTS (SELECT 1 FROM audio_episode e WHERE e.asset_id = a.id)
                RETURNING a.storage_key""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            return firstColumn(ps, String.class);
        }
    }

    private static <T> List<T> firstColumn(PreparedStatement ps, Class<T> type) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getObject(1, type));
            }
        }
        return values;
    }

    private static Optional<AssetRef> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new AssetRef(rs.getLong("id"), rs.getString("storage_key"), rs.getString("cache_key"),
                    rs.getString("content_type"), rs.getLong("size_bytes"), rs.getInt("duration_ms"),
                    rs.getInt("sample_rate"), rs.getString("engine"), rs.getString("voice_id")));
        }
    }
}
