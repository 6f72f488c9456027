package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.worker.tts.NarrationSettings;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.quality.OnFail;
import io.briefaudio.worker.tts.quality.QualityGate;
import io.briefaudio.worker.tts.quality.QualitySettings;
import io.briefaudio.worker.tts.xtts.TinyFixture;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality gate end to end: a real worker narrates with the tiny XTTS model whose stop code is suppressed, so its
 * sentences run to the 602-code cap, as a runaway XTTS sentence does.
 */
@QuarkusTest
class QualityGateTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path model;
    private static XttsEngine engine;

    @BeforeAll
    static void load() throws Exception {
        model = TinyFixture.withoutStopCode(Files.createTempDirectory("xtts-no-stop"));
        engine = XttsEngine.load(model, 1);
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
        try (var files = Files.walk(model)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldResynthesizeTheRunawaySentenceAndCompleteTheItemWithAWarningNamingTheCap() throws Exception {
        long job = fixtures.queueJobFor("xtts", "professional", 1, "Rain is expected");
        harness.start("quality-warn", narrator(OnFail.WARN), 1, LEASE, BACKOFF, false);
        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + job, 1,
                Duration.ofSeconds(120));

        JsonNode quality = quality("SELECT quality::text FROM audio_job_item WHERE job_id = " + job);
        assertThat(quality.path("status").asText()).isEqualTo("warn");
        assertThat(quality.path("resynthesized").asInt()).as("max-resynthesis, for its one sentence").isEqualTo(2);
        assertThat(quality.path("checks").findValuesAsText("name")).contains("code_cap");
        JsonNode cap = find(quality.path("checks"), "code_cap");
        assertThat(cap.path("value").asDouble()).isEqualTo(602);
        assertThat(cap.path("limit").asDouble()).isEqualTo(602);
        assertThat(cap.path("sentence").asInt()).isEqualTo(1);
        assertThat(quality("SELECT a.quality::text FROM audio_asset a JOIN audio_job_item i ON i.asset_id = a.id "
                + "WHERE i.job_id = " + job)).as("the cached audio keeps its report").isEqualTo(quality);

        // The same text again is the cached audio, with the report it was made with.
        long again = fixtures.queueJobFor("xtts", "professional", 1, "Rain is expected");
        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + again, 1,
                Duration.ofSeconds(60));
        assertThat(quality("SELECT quality::text FROM audio_job_item WHERE job_id = " + again)).isEqualTo(quality);
        assertThat(fixtures.count("SELECT count(*) FROM audio_asset")).isEqualTo(1);
    }

    @Test
    void shouldFailTheItemWithKindQualityUnderOnFailFailAndStoreNothing() throws Exception {
        long job = fixtures.queueJobFor("xtts", "professional", 1, "Stocks rose");
        harness.start("quality-fail", narrator(OnFail.FAIL), 1, LEASE, BACKOFF, false);
        fixtures.awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1,
                Duration.ofSeconds(120));

        var item = fixtures.rowOf("SELECT attempt, last_error, errors::text AS errors, asset_id FROM audio_job_item "
                + "WHERE job_id = " + job);
        assertThat(item.get("attempt")).as("retried like any failed attempt, with new takes each time").isEqualTo(3);
        assertThat(String.valueOf(item.get("last_error"))).startsWith("quality check failed: code_cap 602 (limit 602)");
        assertThat(JSON.readTree((String) item.get("errors")).findValuesAsText("kind"))
                .containsExactly("quality", "quality", "quality");
        assertThat(item.get("asset_id")).isNull();
        assertThat(fixtures.count("SELECT count(*) FROM audio_asset")).as("failing audio is never stored").isZero();
        JsonNode quality = quality("SELECT quality::text FROM audio_job_item WHERE job_id = " + job);
        assertThat(quality.path("status").asText()).isEqualTo("fail");
        assertThat(quality.path("checks").findValuesAsText("name")).contains("code_cap");
    }

    private static Narrator narrator(OnFail policy) {
        return new Narrator(engine, NarrationSettings.DEFAULTS,
                new QualityGate(QualitySettings.DEFAULTS.withOnFail(policy)));
    }

    private JsonNode quality(String sql) throws Exception {
        Object text = fixtures.rowOf(sql).values().iterator().next();
        assertThat(text).as(sql).isNotNull();
        return JSON.readTree(text.toString());
    }

    private static JsonNode find(JsonNode checks, String name) {
        for (JsonNode check : checks) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + checks);
    }
}
