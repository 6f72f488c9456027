package io.briefaudio.api.problems;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsTests {

    @Test
    void shouldAnswerUnknownApiPathWithProblem() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:not-found"));
    }

    @Test
    void shouldPublishOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/brief/{brief_id}/audio/generate"))
                .body(containsString("/api/brief/audio/job/{id}/status"));
    }

    @Test
    void shouldDescribeEventsWebhooksAndOpenAiSpeechInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/brief/audio/job/{id}/events"))
                .body(containsString("text/event-stream"))
                .body(containsString("/api/webhooks/{id}/deliveries"))
                .body(containsString("/v1/audio/speech"))
                .body(containsString("SpeechCreateRequest"))
                .body(containsString("/v1/models"));
    }

    @Test
    void shouldReportHealthWithDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }
}
