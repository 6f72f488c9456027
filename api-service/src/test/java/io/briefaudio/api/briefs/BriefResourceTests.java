package io.briefaudio.api.briefs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.briefaudio.api.Briefs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class BriefResourceTests {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldCreateBriefWithItemsInOrder() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": "Tuesday brief", "language": "de",
                         "items": [{"title": "Markets", "text": "Stocks rose 2.4%."}, {"text": "  Rain later.  "}]}""")
                .post("/api/briefs")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/briefs/[0-9]+"))
                .body("id", notNullValue())
                .body("title", equalTo("Tuesday brief"))
                .body("language", equalTo("de"))
                .body("created_at", notNullValue())
                .body("items.position", contains(1, 2))
                .body("items.title", contains("Markets", null))
                .body("items.text", contains("Stocks rose 2.4%.", "Rain later."))
                .body("items.audio", everyItem(nullValue()))
                .body("latest_job", nullValue());
    }

    @Test
    void shouldDefaultLanguageToEnglish() {
        long id = Briefs.create(1);
        given().get("/api/briefs/" + id).then().statusCode(200)
                .body("language", equalTo("en"))
                .body("items", hasSize(1));
    }

    @Test
    void shouldQueueAudioWhenCreatedWithGenerateAudio() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": "Evening", "items": [{"text": "One."}, {"text": "Two."}],
                         "generate_audio": {"voice_id": "calm"}}""")
                .post("/api/briefs")
                .then().statusCode(201)
                .body("latest_job.voice_id", equalTo("calm"))
                .body("latest_job.status", equalTo("queued"))
                .body("latest_job.status_url", startsWith("/api/brief/audio/job/"));
    }

    @Test
    void shouldNotCreateBriefWhenGenerateAudioNamesUnknownVoice() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": "Unique title 7f3a", "items": [{"text": "One."}], "generate_audio": {"voice_id": "robot"}}""")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-voice"));
        given().get("/api/briefs?size=100").then().body("briefs.title", org.hamcrest.Matchers.not(hasItem("Unique title 7f3a")));
    }

    @Test
    void shouldListBriefsNewestFirstWithPaging() {
        long older = Briefs.create(1);
        long newer = Briefs.create(3);
        given().get("/api/briefs?page=0&size=2").then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(2))
                .body("briefs", hasSize(2))
                .body("briefs[0].id", equalTo((int) newer))
                .body("briefs[0].item_count", equalTo(3))
                .body("briefs[1].id", equalTo((int) older));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=abc", "size=0", "size=101", "size=1e3", "page=99999999999"})
    void shouldRejectBadPaging(String query) {
        given().get("/api/briefs?" + query).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:validation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "-1", "99999999999999999999", "abc", "0x10"})
    void shouldNotGetUnknownBrief(String id) {
        given().get("/api/briefs/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:not-found"))
                .body("status", equalTo(404));
    }

    @Test
    void shouldExplainEveryInvalidField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": " ", "language": "xx", "items": [{"text": ""}, null, {"title": "t"}]}""")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("instance", equalTo("/api/briefs"))
                .body("errors.field", contains("title", "language", "items[0].text", "items[1]", "items[2].text"));
    }

    @Test
    void shouldRejectNulCharacters() {
        given().contentType(ContentType.JSON)
                .body("{\"title\": \"ok\", \"items\": [{\"text\": \"a\\u0000b\"}]}")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("items[0].text"));
    }

    @Test
    void shouldAnswer413ForTooManyItems() {
        List<Map<String, String>> items = Collections.nCopies(101, Map.of("text", "x"));
        given().contentType(ContentType.JSON).body(Map.of("title", "big", "items", items))
                .post("/api/briefs")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:payload-too-large"))
                .body("errors[0].field", equalTo("items"));
    }

    @Test
    void shouldAnswer413ForOversizeItemText() {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "long", "items", List.of(Map.of("text", "a".repeat(5001)))))
                .post("/api/briefs")
                .then().statusCode(413).contentType(PROBLEM)
                .body("errors[0].field", equalTo("items[0].text"));
    }

    @Test
    void shouldAcceptItemTextAtTheLimit() {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "long", "items", List.of(Map.of("text", "a".repeat(5000)))))
                .post("/api/briefs")
                .then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"title\": }", "{\"title\": \"x\"", "not json", "{\"title\": \"x\",}"})
    void shouldAnswerMalformedJsonWithProblem(String body) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:malformed-json"));
    }

    @Test
    void shouldAnswerWrongTypesWithFieldPath() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"items\": [{\"text\": {\"a\": 1}}]}")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("errors[0].field", equalTo("items[0].text"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("(body)"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"items\": \"many\"}")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("items"));
    }

    @Test
    void shouldRejectUnknownFieldsByName() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"items\": [], \"colour\": \"red\"}")
                .post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-field"))
                .body("errors[0].field", equalTo("colour"))
                .body("detail", endsWith("allowed: generate_audio, items, language, title"));
    }

    @Test
    void shouldRequireABody() {
        given().contentType(ContentType.JSON).post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldAnswer415ForNonJsonBody() {
        given().contentType(ContentType.TEXT).body("title=x").post("/api/briefs")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unsupported-media-type"));
    }

    @Test
    void shouldAnswer405ForWrongMethod() {
        given().delete("/api/briefs").then().statusCode(405).contentType(PROBLEM);
    }
}
