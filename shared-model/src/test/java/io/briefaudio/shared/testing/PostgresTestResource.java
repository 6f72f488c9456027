package io.briefaudio.shared.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at its own database on the real local PostgreSQL, creating it when
 * missing. The database name comes from the {@code database} init argument, plus the optional
 * {@code TEST_PG_DB_SUFFIX} environment variable so that two checkouts can test side by side.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "briefaudio_test";

    @Override
    public void init(Map<String, String> initArgs) {
        String suffix = System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
        database = initArgs.getOrDefault("database", database) + suffix;
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabases.ensureExists(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", PostgresDatabases.jdbcUrl(database),
                "quarkus.datasource.username", PostgresDatabases.USER,
                "quarkus.datasource.password", PostgresDatabases.PASSWORD);
    }

    @Override
    public void stop() {
    }
}
