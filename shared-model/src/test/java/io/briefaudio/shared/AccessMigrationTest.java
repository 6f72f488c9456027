package io.briefaudio.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.briefaudio.shared.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access-control schema's contract: tenant 1 is "default", briefs belong to it unless told otherwise. */
class AccessMigrationTest {

    private final String database = "briefaudio_access_migration_" + ProcessHandle.current().pid();

    @BeforeEach
    void migrate() {
        PostgresDatabases.drop(database);
        PostgresDatabases.ensureExists(database);
        Flyway.configure()
                .dataSource(PostgresDatabases.jdbcUrl(database), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void dropDatabase() {
        PostgresDatabases.drop(database);
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldGiveEveryBriefTenantOneNamedDefaultUnlessTold() throws SQLException {
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT name FROM tenant WHERE id = 1")).isEqualTo("default");
            assertThat(one(s, "INSERT INTO brief (title) VALUES ('t') RETURNING tenant_id")).isEqualTo("1");
            assertThat(one(s, "INSERT INTO tenant (name) VALUES ('acme') RETURNING id")).isEqualTo("2");
            assertThat(one(s, "INSERT INTO brief (title, tenant_id) VALUES ('t', 2) RETURNING tenant_id")).isEqualTo("2");
            assertThatThrownBy(() -> s.execute("INSERT INTO brief (title, tenant_id) VALUES ('t', 99)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("tenant");
        }
    }

    @Test
    void shouldGenerateALinkSecretAndAcceptOnlyKnownScopes() throws SQLException {
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT length(value) FROM server_secret WHERE name = 'audio-links'")).isEqualTo("32");
            s.execute("INSERT INTO api_key (tenant_id, name, key_hash, scopes) VALUES (1, 'k', '\\x01', '{read,admin}')");
            assertThatThrownBy(() -> s.execute(
                    "INSERT INTO api_key (tenant_id, name, key_hash, scopes) VALUES (1, 'k', '\\x02', '{root}')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("scopes");
        }
    }
}
