package io.briefaudio.api.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.shared.voices.WorkerEngines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every job names its engine (docs/api.md, "Engines"): from the request, from its voice, else the default. */
@QuarkusTest
class EngineRoutingTests {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void noWorkers() throws SQLException {
        sql("DELETE FROM worker_engine");
    }

    private static ExtractableResponse<Response> generate(long brief, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/brief/" + brief + "/audio/generate").then().extract();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private void liveWorker(String id, String engine, boolean canClone, List<String> voices) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.heartbeat(c, new WorkerEngines.Engine(id, engine, engine + "-test", canClone,
                    List.of("professional", "warm", "authoritative", "calm", "friendly"), voices, LICENSES.get(engine)));
        }
    }

    /** What each engine's worker announces (SpeechEngine.license in the worker). */
    private static final Map<String, String> LICENSES = Map.of("espeak", "GPL-3.0-or-later", "xtts", "CPML",
            "kokoro", "Apache-2.0");

    @Test
    void shouldNameTheDefaultEngineAndWarnWhenNoWorkerRunsIt() {
        var response = generate(Briefs.create(2), "{\"voice_id\": \"calm\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.jsonPath().getString("engine")).isEqualTo("espeak");
        assertThat(response.jsonPath().getList("warnings", String.class)).singleElement().asString()
                .contains("No live worker runs the espeak engine");
        given().get("/api/brief/audio/job/" + response.jsonPath().getLong("job_id") + "/status").then().statusCode(200)
                .body("engine", equalTo("espeak"))
                .body("waiting_for_engine", equalTo("espeak"));
    }

    @Test
    void shouldNotWarnNorWaitWhenALiveWorkerRunsTheEngine() throws SQLException {
        liveWorker("xtts-1", "xtts", true, List.of("Ana Florence"));

        var response = generate(Briefs.create(1), "{\"voice_id\": \"calm\", \"engine\": \"xtts\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.jsonPath().getString("engine")).isEqualTo("xtts");
        assertThat(response.jsonPath().getList("warnings")).isEmpty();
        given().get("/api/brief/audio/job/" + response.jsonPath().getLong("job_id") + "/status").then()
                .body("engine", equalTo("xtts"))
                .body("waiting_for_engine", nullValue());
    }

    @Test
    void shouldRefuseAnUnknownEngineListingTheValidNames() {
        generate(Briefs.create(1), "{\"engine\": \"festival\"}").response().then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-engine"))
                .body("detail", containsString("espeak, xtts, kokoro"))
                .body("valid_engines", hasItems("espeak", "xtts", "kokoro"));
    }

    @Test
    void shouldLetAnEngineVoiceDecideTheEngine() {
        var response = generate(Briefs.create(1), "{\"voice_id\": \"xtts:Ana Florence\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.jsonPath().getString("engine")).isEqualTo("xtts");
    }

    @Test
    void shouldRefuseAnEngineVoiceOnAnotherEngineSayingWhichEngineCan() {
        generate(Briefs.create(1), "{\"voice_id\": \"xtts:Ana Florence\", \"engine\": \"espeak\"}").response().then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("detail", containsString("engines that can: xtts"))
                .body("engines", hasItems("xtts"));
    }

    @Test
    void shouldRefuseAnEngineVoiceTheLiveWorkersDoNotHave() throws SQLException {
        liveWorker("xtts-1", "xtts", true, List.of("Ana Florence", "Damien Black"));

        generate(Briefs.create(1), "{\"voice_id\": \"xtts:Nobody Here\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("detail", containsString("xtts:Ana Florence, xtts:Damien Black"));
    }

    @Test
    void shouldSendCustomVoicesToXttsAndRefuseThemOnOtherEngines() throws SQLException {
        sql("INSERT INTO custom_voice (id, name, clip_key, clip_content_type, clip_bytes, consent_at, status) "
                + "VALUES ('custom-routing0001', 'Mine', 'k', 'audio/wav', 10, now(), 'ready') ON CONFLICT DO NOTHING");
        long brief = Briefs.create(1);

        generate(brief, "{\"voice_id\": \"custom-routing0001\", \"engine\": \"kokoro\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("detail", containsString("engines that can: xtts"));
        var response = generate(brief, "{\"voice_id\": \"custom-routing0001\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.jsonPath().getString("engine")).isEqualTo("xtts");
    }

    @Test
    void shouldWaitForACloningWorkerWhenTheXttsWorkersCannotClone() throws SQLException {
        sql("INSERT INTO custom_voice (id, name, clip_key, clip_content_type, clip_bytes, consent_at, status) "
                + "VALUES ('custom-routing0002', 'Mine', 'k', 'audio/wav', 10, now(), 'ready') ON CONFLICT DO NOTHING");
        liveWorker("plain-xtts", "xtts", false, List.of());

        var response = generate(Briefs.create(1), "{\"voice_id\": \"custom-routing0002\"}");

        assertThat(response.jsonPath().getList("warnings", String.class)).singleElement().asString()
                .contains("with voice cloning");
        given().get("/api/brief/audio/job/" + response.jsonPath().getLong("job_id") + "/status").then()
                .body("waiting_for_engine", equalTo("xtts"));
    }

    @Test
    void shouldQueueTheSameVoiceOnTwoEnginesAsTwoJobs() {
        long brief = Briefs.create(1);

        long espeak = generate(brief, "{\"voice_id\": \"warm\", \"engine\": \"espeak\"}").jsonPath().getLong("job_id");
        var xtts = generate(brief, "{\"voice_id\": \"warm\", \"engine\": \"xtts\"}");
        var again = generate(brief, "{\"voice_id\": \"warm\", \"engine\": \"xtts\"}");

        assertThat(xtts.statusCode()).isEqualTo(202);
        assertThat(xtts.jsonPath().getLong("job_id")).isNotEqualTo(espeak);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getLong("job_id")).isEqualTo(xtts.jsonPath().getLong("job_id"));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherEngine() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "engine-key-1")
                .body("{\"engine\": \"espeak\"}").post("/api/brief/" + brief + "/audio/generate").then().statusCode(202);

        given().contentType(ContentType.JSON).header("Idempotency-Key", "engine-key-1")
                .body("{\"engine\": \"xtts\"}").post("/api/brief/" + brief + "/audio/generate").then()
                .statusCode(422).body("type", equalTo("urn:briefaudio:problem:idempotency-key-reused"));
    }

    @Test
    void shouldListThePresetsOnceWithTheirEnginesAndEachEnginesVoicesAsEngineName() throws SQLException {
        liveWorker("espeak-1", "espeak", false, List.of());
        liveWorker("xtts-1", "xtts", true, List.of("Ana Florence"));
        liveWorker("kokoro-old", "kokoro", false, List.of("af_heart"));
        sql("UPDATE worker_engine SET heartbeat_at = now() - interval '1 hour' WHERE worker_id = 'kokoro-old'");

        var voices = given().get("/api/voices").then().statusCode(200).extract().jsonPath();

        assertThat(voices.getList("findAll { it.kind == 'preset' }.id")).containsExactly(
                "professional", "warm", "authoritative", "calm", "friendly");
        assertThat(voices.getList("find { it.id == 'calm' }.engines")).containsExactly("espeak", "xtts");
        assertThat(voices.getMap("find { it.id == 'xtts:Ana Florence' }")).containsEntry("kind", "engine")
                .containsEntry("engine", "xtts").containsEntry("available", true);
        assertThat(voices.getMap("find { it.id == 'kokoro:af_heart' }")).containsEntry("engine", "kokoro")
                .containsEntry("available", false);
    }

    @Test
    void shouldShowEachEnginesModelLicenceSoOperatorsSeeWhatMayBePublished() throws SQLException {
        liveWorker("espeak-1", "espeak", false, List.of());
        liveWorker("xtts-1", "xtts", true, List.of("Ana Florence"));
        liveWorker("kokoro-old", "kokoro", false, List.of("af_heart"));
        sql("UPDATE worker_engine SET heartbeat_at = now() - interval '1 hour' WHERE worker_id = 'kokoro-old'");
        sql("INSERT INTO custom_voice (id, name, clip_key, clip_content_type, clip_bytes, consent_at, status) "
                + "VALUES ('custom-licence0001', 'Mine', 'k', 'audio/wav', 10, now(), 'ready') ON CONFLICT DO NOTHING");

        var voices = given().get("/api/voices").then().statusCode(200).extract().jsonPath();

        assertThat(voices.getString("find { it.id == 'kokoro:af_heart' }.license")).isEqualTo("Apache-2.0");
        assertThat(voices.getString("find { it.id == 'xtts:Ana Florence' }.license")).isEqualTo("CPML");
        assertThat(voices.getString("find { it.id == 'custom-licence0001' }.license")).isEqualTo("CPML");
        assertThat(voices.getMap("find { it.id == 'calm' }.licenses")).as("the live engines that speak the preset")
                .containsExactlyInAnyOrderEntriesOf(Map.of("espeak", "GPL-3.0-or-later", "xtts", "CPML"));
        given().get("/api/voices/kokoro:af_heart").then().statusCode(200).body("license", equalTo("Apache-2.0"));
    }

    @Test
    void shouldNotShowALicenceNoWorkerAnnounced() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.heartbeat(c, new WorkerEngines.Engine("old-worker", "xtts", "1", false,
                    List.of("calm"), List.of("Ana Florence")));
        }

        var voices = given().get("/api/voices").then().statusCode(200).extract().jsonPath();

        assertThat(voices.getMap("find { it.id == 'xtts:Ana Florence' }")).doesNotContainKey("license");
        assertThat(voices.getMap("find { it.id == 'calm' }.licenses")).isEmpty();
    }

    @Test
    void shouldRefuseJapaneseAndChineseBriefsForKokoroNamingTheEnginesThatCan() {
        for (String language : List.of("ja", "zh-cn")) {
            generate(Briefs.create(1, language), "{\"engine\": \"kokoro\"}").response().then()
                    .statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:briefaudio:problem:unsupported-language"))
                    .body("detail", containsString("engines that can: espeak, xtts"))
                    .body("language", equalTo(language))
                    .body("engines", contains("espeak", "xtts"));
        }
    }

    @Test
    void shouldRefuseEveryLanguageKokoroCannotSpeakAndQueueThoseItCan() {
        generate(Briefs.create(1, "de"), "{\"voice_id\": \"kokoro:af_heart\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unsupported-language"))
                .body("language", equalTo("de"));
        for (String language : List.of("en", "es", "fr", "hi", "it", "pt")) {
            assertThat(generate(Briefs.create(1, language), "{\"engine\": \"kokoro\"}").statusCode())
                    .as(language).isEqualTo(202);
        }
        assertThat(generate(Briefs.create(1, "ja"), "{\"engine\": \"espeak\"}").statusCode()).isEqualTo(202);
        assertThat(generate(Briefs.create(1, "ja"), "{\"engine\": \"xtts\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseAJapaneseOrChineseKokoroVoiceAsALanguageKokoroDoesNotSpeak() {
        generate(Briefs.create(1), "{\"voice_id\": \"kokoro:jf_alpha\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unsupported-language"))
                .body("language", equalTo("ja")).body("engines", contains("espeak", "xtts"));
        generate(Briefs.create(1), "{\"voice_id\": \"kokoro:zf_xiaobei+af_heart\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unsupported-language"))
                .body("language", equalTo("zh-cn"));
    }

    @Test
    void shouldRefuseABadKokoroMixNamingThePart() {
        generate(Briefs.create(1), "{\"voice_id\": \"kokoro:af_bella(2)+af_sky(0)\"}").response().then()
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("part", equalTo("af_sky(0)"))
                .body("detail", containsString("af_sky(0)"));
    }

    @Test
    void shouldNotStoreABriefWhoseAudioItsEngineCannotSpeak() {
        long before = given().get("/api/briefs").then().extract().jsonPath().getLong("total");
        given().contentType(ContentType.JSON).body(Map.of("title", "Tokyo", "language", "ja",
                        "items", List.of(Map.of("text", "東京のニュース")), "generate_audio", Map.of("engine", "kokoro")))
                .post("/api/briefs").then().statusCode(400)
                .body("type", equalTo("urn:briefaudio:problem:unsupported-language"));
        assertThat(given().get("/api/briefs").then().extract().jsonPath().getLong("total")).isEqualTo(before);
    }

    @Test
    void shouldShowTheEngineOfTheBriefsLatestJob() {
        long brief = Briefs.create(1);
        generate(brief, "{\"engine\": \"kokoro\"}");

        given().get("/api/briefs/" + brief).then().statusCode(200).body("latest_job.engine", equalTo("kokoro"));
    }
}
