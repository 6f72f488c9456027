package io.briefaudio.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.briefaudio.api.Briefs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict JSON contract of docs/api.md: what used to be accepted loosely is refused with problem+json. */
@QuarkusTest
class JsonContractTests {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldRefuseDuplicateKeysWithProblemNot500() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\":\"warm\",\"voice_id\":\"calm\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:malformed-json"));
        given().contentType(ContentType.JSON).body("{\"title\":\"a\",\"title\":\"b\"}").post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldNotCoerceNumbersOrBooleansIntoText() {
        given().contentType(ContentType.JSON).body("{\"title\":123,\"items\":[{\"text\":\"x\"}]}").post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("title"));
        given().contentType(ContentType.JSON).body("{\"title\":\"t\",\"items\":[{\"text\":true}]}").post("/api/briefs")
                .then().statusCode(400).body("errors[0].field", equalTo("items[0].text"));
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\":1}").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).body("errors[0].field", equalTo("voice_id"));
    }

    @Test
    void shouldRefuseContentAfterTheJsonValue() {
        given().contentType(ContentType.JSON).body("{\"title\":\"first\"}{\"title\":\"second\"}").post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:malformed-json"));
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\":\"warm\"} x").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).body("type", equalTo("urn:briefaudio:problem:malformed-json"));
    }

    @Test
    void shouldRefuseNullBodyForGenerate() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("null").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:validation"));
    }

    @Test
    void shouldRefuseEmptyOrBlankIdempotencyKey() throws Exception {
        long brief = Briefs.create(1);
        for (String key : new String[] {"", "   ", "k".repeat(256)}) {
            var answer = RawHttp.send(RestAssured.port, RawHttp.request("POST", "/api/brief/" + brief + "/audio/generate",
                    null, "Idempotency-Key: " + key));
            assertThat(answer.status()).as("key of %d characters", key.length()).isEqualTo(400);
            assertThat(answer.body()).contains("Idempotency-Key must be 1 to 255");
        }
        String longest = (java.util.UUID.randomUUID() + "k".repeat(255)).substring(0, 255);
        given().header("Idempotency-Key", longest).post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(202);
    }

    @Test
    void shouldRefuseOverlongUtf8() throws Exception {
        byte[] overlongSlash = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        var answer = RawHttp.send(RestAssured.port, RawHttp.request("POST", "/api/briefs", overlongSlash,
                "Content-Type: application/json"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("not valid UTF-8");
    }

    @Test
    void shouldRefuseLoneSurrogatesButKeepPairs() {
        given().contentType(ContentType.JSON).body("{\"title\":\"a\\ud800b\",\"items\":[{\"text\":\"x\"}]}").post("/api/briefs")
                .then().statusCode(400).body("errors[0].message", equalTo("contains an unpaired surrogate"));
        given().contentType(ContentType.JSON).body("{\"title\":\"t\",\"items\":[{\"text\":\"x\\udc00\"}]}").post("/api/briefs")
                .then().statusCode(400).body("errors[0].field", equalTo("items[0].text"));
        given().contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body("{\"title\":\"smile \\ud83d\\ude00\",\"items\":[{\"text\":\"x\"}]}").post("/api/briefs")
                .then().statusCode(201).body("title", equalTo("smile \uD83D\uDE00"));
    }

    @Test
    void shouldCapFieldErrorsSoABadBodyCannotAmplify() {
        String body = "{\"title\":\"t\",\"items\":[" + "{},".repeat(99_999) + "{}]}";
        var response = given().contentType(ContentType.JSON).body(body).post("/api/briefs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(20))
                .body("error_count", equalTo(100_001))
                .extract().asString();
        assertThat(response.length()).as("answer size").isLessThan(5_000);
    }
}
