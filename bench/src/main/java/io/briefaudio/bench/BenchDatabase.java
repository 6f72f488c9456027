package io.briefaudio.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** A freshly migrated benchmark database on the local PostgreSQL, with a connection pool. */
final class BenchDatabase implements AutoCloseable {

    static final String HOST = System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1");
    static final String PORT = System.getenv().getOrDefault("TEST_PG_PORT", "5432");
    static final String USER = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("TEST_PG_PASSWORD", "");
    static final String NAME = "briefaudio_bench";

    final String jdbcUrl = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
    final AgroalDataSource dataSource;

    BenchDatabase(int poolSize) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + NAME);
        }
        Flyway.configure().dataSource(jdbcUrl, USER, PASSWORD).load().migrate();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(poolSize).minSize(0)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl)
                                .principal(new NamePrincipal(USER))
                                .credential(new SimplePassword(PASSWORD)))));
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    double scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** Queues {@code jobs} jobs of {@code itemsPerJob} items, each job in its own transaction with a NOTIFY. */
    void queueJobs(int jobs, int itemsPerJob, String textPrefix) throws SQLException {
        for (int j = 0; j < jobs; j++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("""
                        WITH b AS (INSERT INTO brief (title) VALUES ('bench') RETURNING id),
                        items AS (INSERT INTO brief_item (brief_id, position, body)
                                  SELECT b.id, n, '%s ' || b.id || ' ' || n FROM b, generate_series(1, %d) n RETURNING id, brief_id, position),
                        job AS (INSERT INTO audio_job (brief_id, voice_id, total_items)
                                SELECT id, 'professional', %d FROM b RETURNING id)
                        INSERT INTO audio_job_item (job_id, brief_item_id, position)
                        SELECT job.id, items.id, items.position FROM job, items""".formatted(textPrefix, itemsPerJob, itemsPerJob));
                s.execute("SELECT pg_notify('audio_job_items_queued', 'bench')");
                c.commit();
            }
        }
    }

    void reset() throws SQLException {
        execute("TRUNCATE audio_job_item, audio_job, brief_item, brief, audio_asset RESTART IDENTITY CASCADE");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
