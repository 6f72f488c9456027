package io.briefaudio.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationTest {

    private final String database = "briefaudio_migration_" + ProcessHandle.current().pid();

    @BeforeEach
    void createEmptyDatabase() {
        PostgresDatabases.drop(database);
        PostgresDatabases.ensureExists(database);
    }

    @AfterEach
    void dropDatabase() {
        PostgresDatabases.drop(database);
    }

    private Flyway flyway() {
        return flyway("latest");
    }

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(PostgresDatabases.jdbcUrl(database), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .locations("classpath:db/migration").target(target)
                .load();
    }

    @Test
    void shouldMigrateAnEmptyDatabase() throws SQLException {
        var result = flyway().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        try (Connection c = PostgresDatabases.connect(database)) {
            assertThat(tables(c)).contains("brief", "brief_item", "audio_job", "audio_job_item", "audio_asset");
            assertThat(indexes(c)).contains("audio_job_item_claimable", "audio_job_item_leased",
                    "audio_job_one_unfinished_per_brief_voice");
        }
        flyway().validate();
    }

    @Test
    void shouldRefuseASecondUnfinishedJobForTheSameBriefAndVoice() throws SQLException {
        flyway().migrate();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO brief (id, title) VALUES (1, 't')");
            s.execute("INSERT INTO audio_job (brief_id, voice_id, total_items) VALUES (1, 'warm', 1)");
            assertThatThrownBy(() -> s.execute("INSERT INTO audio_job (brief_id, voice_id, total_items) VALUES (1, 'warm', 1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audio_job_one_unfinished_per_brief_voice");
            s.execute("UPDATE audio_job SET status = 'completed'");
            s.execute("INSERT INTO audio_job (brief_id, voice_id, total_items) VALUES (1, 'warm', 1)");
        }
    }

    @Test
    void shouldRefuseAProcessingItemWithoutALease() throws SQLException {
        flyway().migrate();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO brief (id, title) VALUES (1, 't')");
            s.execute("INSERT INTO brief_item (id, brief_id, position, body) VALUES (1, 1, 1, 'x')");
            s.execute("INSERT INTO audio_job (id, brief_id, voice_id, total_items) VALUES (1, 1, 'warm', 1)");
            s.execute("INSERT INTO audio_job_item (job_id, brief_item_id, position) VALUES (1, 1, 1)");
            assertThatThrownBy(() -> s.execute("UPDATE audio_job_item SET state = 'processing'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("check");
        }
    }

    /**
     * V10 moves idempotency keys from one namespace (tenant 1's raw, others' as {@code tenant-{id}:{hex SHA-256}}) to
     * a table unique per tenant: every stored key must still find its job, under its own tenant only.
     */
    @Test
    void shouldMoveEveryStoredIdempotencyKeyUnderItsOwnTenant() throws Exception {
        flyway("9").migrate();
        String victimsKey = HexFormat.of().formatHex(sha256("shared key"));
        long raw;
        long other;
        long forged;
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (name) VALUES ('acme')"); // tenant 2
            raw = job(s, 1, "shared key");
            other = job(s, 2, "tenant-2:" + victimsKey);
            forged = job(s, 1, "tenant-2:" + HexFormat.of().formatHex(sha256("another key")));
            job(s, 1, null);
        }
        flyway("latest").migrate();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            assertThat(digestOf(c, 1, raw)).isEqualTo(victimsKey);
            assertThat(digestOf(c, 2, other)).isEqualTo(victimsKey);
            assertThat(digestOf(c, 1, forged))
                    .isEqualTo(HexFormat.of().formatHex(sha256("tenant-2:" + HexFormat.of().formatHex(sha256("another key")))));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM job_idempotency_key")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.columns "
                    + "WHERE table_name = 'audio_job' AND column_name = 'idempotency_key'")) {
                assertThat(rs.next()).as("the old shared-namespace column is gone").isFalse();
            }
            long another = job(s, 1, null);
            assertThatThrownBy(() -> s.execute("INSERT INTO job_idempotency_key (tenant_id, key_sha256, job_id) "
                    + "VALUES (1, decode('" + victimsKey + "', 'hex'), " + another + ")"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("job_idempotency_key_pkey");
        }
    }

    /**
     * V12 names every job's engine from what exists: a custom voice is XTTS's, otherwise the engine that spoke the
     * job's audio, otherwise eSpeak NG (no live worker here); items copy it, and worker heartbeats get routing keys.
     */
    @Test
    void shouldBackfillEachJobsEngineFromWhatExists() throws Exception {
        flyway("10").migrate();
        long custom;
        long spokenByXtts;
        long untouched;
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO brief (id, title) VALUES (1, 't')");
            s.execute("INSERT INTO brief_item (id, brief_id, position, body) VALUES (1, 1, 1, 'x')");
            custom = jobWithItem(s, "custom-0123456789ab");
            spokenByXtts = jobWithItem(s, "calm");
            untouched = jobWithItem(s, "warm");
            s.execute("INSERT INTO audio_asset (id, storage_key, cache_key, size_bytes, duration_ms, sample_rate, engine, "
                    + "voice_id) VALUES (1, 'a.wav', 'a', 1, 1, 24000, 'xtts-v2', 'calm')");
            s.execute("UPDATE audio_job_item SET asset_id = 1, state = 'completed' WHERE job_id = " + spokenByXtts);
            s.execute("INSERT INTO worker_engine (worker_id, engine, model_version, can_clone, heartbeat_at) "
                    + "VALUES ('w1', 'xtts-v2', 'm', true, now() - interval '1 hour')");
        }
        flyway("latest").migrate();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            assertThat(engineOf(s, "audio_job", custom)).isEqualTo("xtts");
            assertThat(engineOf(s, "audio_job", spokenByXtts)).isEqualTo("xtts");
            assertThat(engineOf(s, "audio_job", untouched)).isEqualTo("espeak");
            try (ResultSet rs = s.executeQuery("SELECT job_id, engine, needs_clone FROM audio_job_item ORDER BY job_id")) {
                List<String> items = new ArrayList<>();
                while (rs.next()) {
                    items.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
                }
                assertThat(items).containsExactly(custom + ":xtts:true", spokenByXtts + ":xtts:false", untouched + ":espeak:false");
            }
            try (ResultSet rs = s.executeQuery("SELECT engine FROM worker_engine")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("xtts");
            }
            assertThat(indexes(c)).contains("audio_job_item_claimable");
            assertThatThrownBy(() -> s.execute("INSERT INTO audio_job (brief_id, voice_id, total_items, engine) "
                    + "VALUES (1, 'warm', 1, 'festival')")).isInstanceOf(SQLException.class).hasMessageContaining("check");
        }
    }

    private static long jobWithItem(Statement s, String voice) throws SQLException {
        long job;
        try (ResultSet rs = s.executeQuery("INSERT INTO audio_job (brief_id, voice_id, total_items, status) "
                + "VALUES (1, '" + voice + "', 1, 'completed') RETURNING id")) {
            rs.next();
            job = rs.getLong(1);
        }
        s.execute("INSERT INTO audio_job_item (job_id, brief_item_id, position) VALUES (" + job + ", 1, 1)");
        return job;
    }

    private static String engineOf(Statement s, String table, long id) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT engine FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A job of a new brief of the tenant; {@code key} is the idempotency_key column as round 2 wrote it. */
    private static long job(Statement s, long tenant, String key) throws SQLException {
        String column = key == null ? "" : ", idempotency_key";
        String value = key == null ? "" : ", '" + key + "'";
        try (ResultSet rs = s.executeQuery("WITH b AS (INSERT INTO brief (title, tenant_id) VALUES ('t', " + tenant
                + ") RETURNING id) INSERT INTO audio_job (brief_id, voice_id, total_items" + column + ") "
                + "SELECT id, 'warm', 1" + value + " FROM b RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String digestOf(Connection c, long tenant, long job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT encode(key_sha256, 'hex') FROM job_idempotency_key WHERE tenant_id = ? AND job_id = ?")) {
            s.setLong(1, tenant);
            s.setLong(2, job);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        return names(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    }

    private static List<String> indexes(Connection c) throws SQLException {
        return names(c, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
