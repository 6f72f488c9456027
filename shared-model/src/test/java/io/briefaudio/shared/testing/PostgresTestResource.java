package io.briefaudio.shared.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at its own database on the real local PostgreSQL. The first start in a test
 * JVM drops and recreates it, so a run never meets what an earlier run of an older schema left behind (Flyway
 * refuses a migration numbered below one already applied). The database name comes from the {@code database}
 * init argument, plus the optional {@code TEST_PG_DB_SUFFIX} environment variable so that two checkouts can
 * test side by side.
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
        // A system property, not a static field: Quarkus loads this class again for each test profile, and a
        // second drop would cut the connections of tests still running on the database.
        if (System.getProperty("brief-audio-tests.recreated." + database) == null) {
            System.setProperty("brief-audio-tests.recreated." + database, "true");
            PostgresDatabases.drop(database);
        }
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
