package io.briefaudio.api.voices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.shared.voices.WorkerEngines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kokoro voices as running workers advertise them: listed with their licence, checked when a job names them. */
@QuarkusTest
class KokoroVoiceTests {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    private void kokoroWorker(String... voices) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.heartbeat(c, new WorkerEngines.Engine("kokoro-test", "kokoro-82m", "kokoro-82m/abc", false));
            WorkerEngines.advertise(c, "kokoro-test", "Apache-2.0", List.of(voices));
        }
    }

    @AfterEach
    void stopWorker() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.remove(c, "kokoro-test");
        }
    }

    @Test
    void shouldListTheModelsVoicesWithTheirLicence() throws Exception {
        kokoroWorker("kokoro:af_heart", "kokoro:bf_emma");
        List<Map<String, Object>> voices = given().get("/api/voices").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(voices).anySatisfy(v -> {
            assertThat(v.get("id")).isEqualTo("kokoro:bf_emma");
            assertThat(v.get("kind")).isEqualTo("model");
            assertThat(v.get("engine")).isEqualTo("kokoro-82m");
            assertThat(v.get("license")).isEqualTo("Apache-2.0");
            assertThat(v.get("language")).isEqualTo("en");
            assertThat(v.get("speakable")).isEqualTo(true);
        });
        assertThat(voices).filteredOn(v -> "professional".equals(v.get("id")))
                .singleElement().satisfies(v -> assertThat((String) v.get("license")).contains("Apache-2.0"));
    }

    @Test
    void shouldGenerateWithAVoiceMixInItsCanonicalForm() throws Exception {
        kokoroWorker("kokoro:af_heart", "kokoro:bf_emma");
        long brief = Briefs.create(1);
        long job = given().contentType(ContentType.JSON).body("{\"voice_id\": \"kokoro:af_heart(2)+bf_emma(1.0)\"}")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(202).extract().jsonPath()
                .getLong("job_id");
        given().get("/api/brief/audio/job/" + job + "/status").then().statusCode(200)
                .body("voice_id", equalTo("kokoro:af_heart(2)+bf_emma(1)"));
    }

    @Test
    void shouldRejectAMixPartNoWorkerOffersNamingIt() throws Exception {
        kokoroWorker("kokoro:af_heart");
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"kokoro:af_heart+af_sky\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("part", equalTo("af_sky")).body("detail", containsString("af_sky"));
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"kokoro:af_heart(0)\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"));
    }

    @Test
    void shouldRejectJapaneseVoicesNamingTheEnginesThatCan() throws Exception {
        kokoroWorker("kokoro:af_heart", "kokoro:jf_alpha");
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"kokoro:jf_alpha\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unsupported-language"))
                .body("detail", containsString("xtts-v2"));
    }

    @Test
    void shouldRejectAKokoroVoiceWhenNoKokoroWorkerRuns() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"kokoro:af_heart\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"))
                .body("detail", containsString("needs a Kokoro worker"));
    }
}
