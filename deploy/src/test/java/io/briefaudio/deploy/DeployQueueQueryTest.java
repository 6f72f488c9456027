package io.briefaudio.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** KEDA's query, run as written in the manifests against the real migrated schema. */
class DeployQueueQueryTest {

    private static final String DATABASE = "briefaudio_deploy_test" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");

    @BeforeAll
    static void migrateAndQueueItemsInEveryState() throws Exception {
        PostgresDatabases.drop(DATABASE);
        PostgresDatabases.ensureExists(DATABASE);
        Flyway.configure()
                .dataSource(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.USER, PostgresDatabases.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = PostgresDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("INSERT INTO brief (id, title) VALUES (1, 'Daily brief')");
            s.execute("INSERT INTO brief_item (id, brief_id, position, body) SELECT n, 1, n, 'text ' || n FROM generate_series(1, 8) n");
            // The same eight item states for a job of each engine: each pool's query must count only its own.
            for (String engine : java.util.List.of("espeak", "xtts", "kokoro")) {
                long job = switch (engine) { case "espeak" -> 1; case "xtts" -> 2; default -> 3; };
                s.execute("INSERT INTO audio_job (id, brief_id, voice_id, total_items, engine, format) VALUES (" + job
                        + ", 1, 'warm', 8, '" + engine + "', '" + (job == 1 ? "wav" : job == 2 ? "mp3" : "opus") + "')");
                s.execute("""
                        INSERT INTO audio_job_item (job_id, brief_item_id, position, state, run_at, lease_token, lease_until) VALUES
                          (%1$d, 1, 1, 'queued',     now() - interval '1 minute', NULL, NULL),
                          (%1$d, 2, 2, 'queued',     now() - interval '1 second', NULL, NULL),
                          (%1$d, 3, 3, 'queued',     now(),                       NULL, NULL),
                          (%1$d, 4, 4, 'queued',     now() + interval '30 seconds', NULL, NULL),
                          (%1$d, 5, 5, 'processing', now() - interval '1 minute', gen_random_uuid(), now() + interval '1 minute'),
                          (%1$d, 6, 6, 'completed',  now() - interval '1 minute', NULL, NULL),
                          (%1$d, 7, 7, 'failed',     now() - interval '1 minute', NULL, NULL),
                          (%1$d, 8, 8, 'cancelled',  now() - interval '1 minute', NULL, NULL)
                        """.formatted(job));
            }
        }
    }

    @AfterAll
    static void dropDatabase() {
        PostgresDatabases.drop(DATABASE);
    }

    static java.util.List<String> overlays() throws Exception {
        return DeployManifestTest.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldCountOnlyItemsRunnableNow(String overlay) throws Exception {
        var scaledObjects = DeployManifestTest.rendered(overlay).ofKind("ScaledObject");
        for (JsonNode scaledObject : scaledObjects) {
            String query = scaledObject.at("/spec/triggers/0/metadata/query").asText();
            try (Connection c = PostgresDatabases.connect(DATABASE); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(query)) {
                assertThat(rs.next()).isTrue();
                // queued with run_at <= now(): items 1, 2 and 3 of the pool's engine's job; not the one in backoff,
                // nor any other state, nor another engine's
                assertThat(rs.getLong(1)).as("%s: %s", overlay, query).isEqualTo(3);
                assertThat(rs.next()).as("one row").isFalse();
            }
        }
    }
}
