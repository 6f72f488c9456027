package io.briefaudio.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        return Flyway.configure()
                .dataSource(PostgresDatabases.jdbcUrl(database), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .locations("classpath:db/migration")
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
