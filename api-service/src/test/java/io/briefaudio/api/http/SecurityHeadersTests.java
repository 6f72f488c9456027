package io.briefaudio.api.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.briefaudio.api.Briefs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTests {

    @Test
    void shouldProtectThePageWithContentSecurityPolicyAndFrameProtection() {
        given().get("/").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void shouldSendNosniffOnApiAnswersAndErrors() {
        given().get("/api/voices").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/api/briefs/999999999").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void shouldLeaveSwaggerUiWithoutThePagePolicy() {
        given().get("/q/openapi").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    void shouldNotBuildLocationFromTheHostHeader() {
        given().header("Host", "evil.example").contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"items\":[{\"text\":\"x\"}]}").post("/api/briefs")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.matchesPattern("/api/briefs/[0-9]+"));
        long brief = Briefs.create(1);
        given().header("Host", "evil.example").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.matchesPattern("/api/brief/audio/job/[0-9]+/status"));
    }

    @Test
    void shouldRefuseStateChangesFromOtherOrigins() {
        long brief = Briefs.create(1);
        given().header("Origin", "https://evil.example").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:cross-origin-request"));
        given().header("Sec-Fetch-Site", "cross-site").delete("/api/briefs/" + brief).then().statusCode(403);
        given().header("Origin", "null").contentType(ContentType.JSON).body("{\"title\":\"t\"}").post("/api/briefs")
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseFormShapedBodiesOnStateChanges() {
        long brief = Briefs.create(1);
        given().contentType("application/x-www-form-urlencoded").body("voice_id=warm")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(415);
        given().contentType("text/plain").body("{}").post("/api/brief/audio/job/1/cancel").then().statusCode(415);
    }

    @Test
    void shouldAcceptStateChangesFromItsOwnPage() {
        long brief = Briefs.create(1);
        int port = io.restassured.RestAssured.port;
        given().header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin")
                .contentType(ContentType.JSON).body("{\"voice_id\":\"warm\"}")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(202);
    }
}
