package io.briefaudio.shared.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.audio.AudioAssets.AssetRef;
import io.briefaudio.shared.audio.AudioAssets.NewAsset;
import io.briefaudio.shared.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache and retention SQL against the real schema, through plain JDBC as the worker uses it. */
class AudioAssetsTest {

    private static final String DATABASE = "briefaudio_shared_test" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");

    private Connection c;

    @BeforeAll
    static void migrate() {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
    }

    @BeforeEach
    void connect() throws SQLException {
        c = PostgresDatabases.connect(DATABASE);
        execute("TRUNCATE audio_asset, brief CASCADE");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void shouldFindAnUploadedAssetByItsCacheKey() throws SQLException {
        AssetRef stored = AudioAssets.upsert(c, asset("brief_1_item_1_20240501_093000_aaaa0001.wav", "aaaa0001"));

        AssetRef found = AudioAssets.findByCacheKey(c, "aaaa0001").orElseThrow();
        assertEquals(stored, found);
        assertEquals("/audio/brief_1_item_1_20240501_093000_aaaa0001.wav", found.url());
        assertTrue(AudioAssets.findByCacheKey(c, "bbbb0002").isEmpty());
    }

    @Test
    void shouldKeepTheFirstRowWhenTwoWorkersUploadTheSameContent() throws SQLException {
        AssetRef first = AudioAssets.upsert(c, asset("brief_1_item_1_20240501_093000_aaaa0001.wav", "aaaa0001"));
        execute("UPDATE audio_asset SET last_used_at = now() - interval '3 days'");

        AssetRef second = AudioAssets.upsert(c, asset("brief_2_item_5_20240502_093000_aaaa0001.wav", "aaaa0001"));

        assertEquals(first, second);
        assertEquals(1, count("SELECT count(*) FROM audio_asset"));
        assertEquals(1, count("SELECT count(*) FROM audio_asset WHERE last_used_at > now() - interval '1 minute'"));
    }

    @Test
    void shouldTouchAReusedAssetAndSayWhenItIsGone() throws SQLException {
        AssetRef stored = AudioAssets.upsert(c, asset("brief_1_item_1_20240501_093000_aaaa0001.wav", "aaaa0001"));
        execute("UPDATE audio_asset SET last_used_at = now() - interval '40 days'");

        assertTrue(AudioAssets.touch(c, stored.id()));
        assertEquals(1, count("SELECT count(*) FROM audio_asset WHERE last_used_at > now() - interval '1 minute'"));
        execute("DELETE FROM audio_asset");
        assertFalse(AudioAssets.touch(c, stored.id()));
    }

    @Test
    void shouldDeleteOnlyAssetsNeitherReusedNorReferencedWithinTheRetention() throws SQLException {
        long fresh = AudioAssets.upsert(c, asset("brief_1_item_1_20240501_093000_aaaa0001.wav", "aaaa0001")).id();
        long stale = AudioAssets.upsert(c, asset("brief_1_item_2_20240501_093000_aaaa0002.wav", "aaaa0002")).id();
        long staleButReferenced = AudioAssets.upsert(c, asset("brief_1_item_3_20240501_093000_aaaa0003.wav", "aaaa0003")).id();
        long staleAndOldReference = AudioAssets.upsert(c, asset("brief_1_item_4_20240501_093000_aaaa0004.wav", "aaaa0004")).id();
        execute("UPDATE audio_asset SET last_used_at = now() - interval '31 days' WHERE id <> " + fresh);
        jobItemUsing(staleButReferenced, "now()");
        jobItemUsing(staleAndOldReference, "now() - interval '45 days'");

        List<String> deleted = AudioAssets.deleteUnreferenced(c, 30, 100);

        assertEquals(List.of("brief_1_item_2_20240501_093000_aaaa0002.wav", "brief_1_item_4_20240501_093000_aaaa0004.wav"),
                deleted.stream().sorted().toList());
        assertEquals(2, count("SELECT count(*) FROM audio_asset WHERE id IN (" + fresh + ", " + staleButReferenced + ")"));
        // The old job item survives; it just no longer points at audio.
        assertEquals(1, count("SELECT count(*) FROM audio_job_item WHERE asset_id IS NULL"));
        assertEquals(0, count("SELECT count(*) FROM audio_asset WHERE id = " + stale));
    }

    private void jobItemUsing(long assetId, String updatedAt) throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        execute("""
                WITH b AS (INSERT INTO brief (title) VALUES ('t-%1$s') RETURNING id),
                     bi AS (INSERT INTO brief_item (brief_id, position, body) SELECT id, 1, 'body' FROM b RETURNING id, brief_id),
                     j AS (INSERT INTO audio_job (brief_id, voice_id, status, total_items)
                           SELECT brief_id, 'v', 'completed', 1 FROM bi RETURNING id)
                INSERT INTO audio_job_item (job_id, brief_item_id, position, state, asset_id, updated_at)
                SELECT j.id, bi.id, 1, 'completed', %2$d, %3$s FROM j, bi""".formatted(suffix, assetId, updatedAt));
    }

    private static NewAsset asset(String storageKey, String cacheKey) {
        return new NewAsset(storageKey, cacheKey, "audio/wav", 1234, 1500, 22050, "espeak", "en-default");
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
