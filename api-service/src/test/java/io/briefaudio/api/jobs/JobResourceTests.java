package io.briefaudio.api.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobResourceTests {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    private static ExtractableResponse<Response> generate(long briefId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/brief/" + briefId + "/audio/generate").then().extract();
    }

    @Test
    void shouldQueueJobAsInTheOriginalDesign() {
        long brief = Briefs.create(5);
        var response = generate(brief, "{\"voice_id\": \"professional\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        long jobId = response.jsonPath().getLong("job_id");
        assertThat(response.header("Location")).endsWith("/api/brief/audio/job/" + jobId + "/status");
        assertThat(response.jsonPath().getMap("")).containsOnlyKeys("success", "job_id", "status", "total_items",
                        "engine", "warnings")
                .containsEntry("success", true).containsEntry("engine", "espeak").containsEntry("status", "queued").containsEntry("total_items", 5);

        given().get("/api/brief/audio/job/" + jobId + "/status").then().statusCode(200)
                .body("id", equalTo((int) jobId))
                .body("brief_id", equalTo((int) brief))
                .body("voice_id", equalTo("professional"))
                .body("status", equalTo("queued"))
                .body("progress", equalTo(0))
                .body("total_items", equalTo(5))
                .body("completed_items", equalTo(0))
                .body("$", hasKey("error_message"))
                .body("error_message", nullValue())
                .body("created_at", notNullValue())
                .body("items.position", contains(1, 2, 3, 4, 5))
                .body("items.status", everyItem(equalTo("queued")))
                .body("items.audio_url", everyItem(nullValue()))
                .body("items[0]", hasKey("item_id"))
                .body("items[0]", hasKey("duration_ms"))
                .body("items[0]", hasKey("error"));
    }

    @Test
    void shouldDefaultToTheProfessionalVoiceWithoutBody() {
        long brief = Briefs.create(1);
        long jobId = given().post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
        given().get("/api/brief/audio/job/" + jobId + "/status").then().body("voice_id", equalTo("professional"));
        assertThat(generate(brief, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReturnTheUnfinishedJobInsteadOfASecondOne() {
        long brief = Briefs.create(2);
        long first = generate(brief, "{\"voice_id\": \"warm\"}").jsonPath().getLong("job_id");
        var again = generate(brief, "{\"voice_id\": \"warm\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getLong("job_id")).isEqualTo(first);
        var otherVoice = generate(brief, "{\"voice_id\": \"calm\"}");
        assertThat(otherVoice.statusCode()).isEqualTo(202);
        assertThat(otherVoice.jsonPath().getLong("job_id")).isNotEqualTo(first);
    }

    @Test
    void shouldCreateExactlyOneJobFromTwentyConcurrentCalls() throws Exception {
        long brief = Briefs.create(3);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> generate(brief, "{\"voice_id\": \"friendly\"}"));
            }
            Set<Long> jobIds = new HashSet<>();
            int created = 0;
            for (Future<ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
                var response = f.get();
                assertThat(response.statusCode()).isIn(200, 202);
                created += response.statusCode() == 202 ? 1 : 0;
                jobIds.add(response.jsonPath().getLong("job_id"));
            }
            assertThat(jobIds).hasSize(1);
            assertThat(created).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM audio_job_item WHERE job_id = " + jobIds.iterator().next())).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldHonourIdempotencyKey() throws SQLException {
        long brief = Briefs.create(1);
        String key = UUID.randomUUID().toString();
        var first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"voice_id\": \"calm\"}")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(202).extract().jsonPath().getLong("job_id");
        execute("UPDATE audio_job SET status = 'completed' WHERE id = " + first);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"voice_id\": \"calm\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(200).body("job_id", equalTo((int) first)).body("status", equalTo("completed"));
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"voice_id\": \"warm\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:idempotency-key-reused"));
        given().header("Idempotency-Key", "has space").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldNotGenerateForUnknownBrief() {
        var response = generate(987654321L, "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo(PROBLEM);
    }

    @Test
    void shouldListValidVoicesForUnknownVoice() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"robot\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("valid_voice_ids", contains("professional", "warm", "authoritative", "calm", "friendly"));
    }

    @Test
    void shouldAnswer422ForBriefWithoutItems() {
        long brief = given().contentType(ContentType.JSON).body("{\"title\": \"empty\"}").post("/api/briefs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:brief-has-no-items"));
    }

    @Test
    void shouldRejectNonJsonGenerateBody() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.TEXT).body("voice=calm").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(415).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"voice_id\": ").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:malformed-json"));
        given().contentType(ContentType.JSON).body("{\"voice\": \"calm\"}").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-field"));
    }

    @Test
    void shouldRejectWrongVoiceType() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": 7}").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldNotGetUnknownJob() {
        given().get("/api/brief/audio/job/123456789/status").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/brief/audio/job/-4/status").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldCancelUnfinishedJobAndItsItems() {
        long brief = Briefs.create(3);
        long jobId = generate(brief, "{}").jsonPath().getLong("job_id");
        given().post("/api/brief/audio/job/" + jobId + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("completed_at", notNullValue())
                .body("items.status", everyItem(equalTo("cancelled")));
        given().post("/api/brief/audio/job/" + jobId + "/cancel").then().statusCode(409).contentType(PROBLEM)
                .body("job_status", equalTo("cancelled"));
        given().post("/api/brief/audio/job/999999999/cancel").then().statusCode(404);
        assertThat(generate(brief, "{}").statusCode()).as("a cancelled job no longer blocks a new one").isEqualTo(202);
    }

    @Test
    void shouldRetryOnlyFailedItemsOfAFailedJob() throws SQLException {
        long brief = Briefs.create(3);
        long jobId = generate(brief, "{\"voice_id\": \"authoritative\"}").jsonPath().getLong("job_id");
        given().post("/api/brief/audio/job/" + jobId + "/retry").then().statusCode(409).contentType(PROBLEM);

        // What a worker leaves behind: one item done, two failed after their attempts.
        execute("""
                UPDATE audio_job_item SET state = CASE WHEN position = 1 THEN 'completed' ELSE 'failed' END,
                    attempt = 3, last_error = CASE WHEN position = 1 THEN NULL ELSE 'engine crashed' END,
                    finished_at = now() WHERE job_id = %d""".formatted(jobId));
        execute("""
                UPDATE audio_job SET status = 'failed', completed_items = 1, failed_items = 2, progress = 33,
                    error_message = '2 of 3 items failed', completed_at = now() WHERE id = %d""".formatted(jobId));

        given().post("/api/brief/audio/job/" + jobId + "/retry").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/status"))
                .body("status", equalTo("processing"))
                .body("failed_items", equalTo(0))
                .body("completed_items", equalTo(1))
                .body("error_message", nullValue())
                .body("completed_at", nullValue())
                .body("items.status", contains("completed", "queued", "queued"))
                .body("items.attempt", contains(3, 0, 0));
        assertThat(generate(brief, "{\"voice_id\": \"authoritative\"}").jsonPath().getLong("job_id")).isEqualTo(jobId);
    }

    @Test
    void shouldShowEveryAttemptsErrorAndKeepItAcrossRetries() throws SQLException {
        long brief = Briefs.create(1);
        long jobId = generate(brief, "{\"voice_id\": \"calm\"}").jsonPath().getLong("job_id");
        // What a worker leaves behind: a storage outage waited out, then two engine failures.
        execute("""
                UPDATE audio_job_item SET state = 'failed', attempt = 2, last_error = 'engine crashed again',
                    finished_at = now(), errors = '[
                      {"attempt": 1, "error": "storage unavailable: connection refused", "worker": "w-a",
                       "at": "2026-11-28T10:00:00.000001Z", "kind": "infrastructure"},
                      {"attempt": 1, "error": "engine crashed", "worker": "w-a", "at": "2026-11-28T10:00:05Z", "kind": "attempt"},
                      {"attempt": 2, "error": "engine crashed again", "worker": "w-b", "at": "2026-11-28T10:00:15Z", "kind": "attempt"}]'
                WHERE job_id = %d""".formatted(jobId));
        execute("""
                UPDATE audio_job SET status = 'failed', failed_items = 1, error_message = '1 of 1 items failed',
                    completed_at = now() WHERE id = %d""".formatted(jobId));

        given().get("/api/brief/audio/job/" + jobId + "/status").then().statusCode(200)
                .body("items[0].error", equalTo("engine crashed again"))
                .body("items[0].errors.attempt", contains(1, 1, 2))
                .body("items[0].errors.worker", contains("w-a", "w-a", "w-b"))
                .body("items[0].errors.kind", contains("infrastructure", "attempt", "attempt"))
                .body("items[0].errors[0].error", equalTo("storage unavailable: connection refused"))
                .body("items[0].errors[2].at", equalTo("2026-11-28T10:00:15Z"));
        given().post("/api/brief/audio/job/" + jobId + "/retry").then().statusCode(202)
                .body("items[0].status", equalTo("queued"))
                .body("items[0].errors.error", contains("storage unavailable: connection refused", "engine crashed",
                        "engine crashed again"));
    }

    @Test
    void shouldListTheFiveVoices() {
        // Custom voices other tests created follow the presets.
        given().get("/api/voices").then().statusCode(200)
                .body("findAll { it.kind == 'preset' }.id", contains("professional", "warm", "authoritative", "calm", "friendly"))
                .body("label", hasItems("Professional", "Calm"))
                .body("findAll { it.kind == 'preset' }.description", everyItem(notNullValue()));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
