package io.briefaudio.api.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTests {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldRegisterWebhookAndShowItsSecretOnlyOnce() {
        var created = given().contentType(ContentType.JSON).header("Host", "evil.example:666")
                .body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("job.completed", "item.completed")))
                .post("/api/webhooks").then().statusCode(201).extract();
        JsonPath body = created.jsonPath();
        long id = body.getLong("id");
        // A path relative to the request, never built from the Host header (issue 31.6).
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + id);
        assertThat(body.getString("secret")).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(body.getString("secret").substring(6))).hasSize(32);
        assertThat(body.getList("events")).containsExactly("job.completed", "item.completed");

        given().get("/api/webhooks/" + id).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/hook"))
                .body("$", not(hasKey("secret")));
        assertThat(given().get("/api/webhooks").then().statusCode(200).extract().jsonPath().getList("id", Long.class))
                .contains(id);
        given().get("/api/webhooks/" + id + "/deliveries").then().statusCode(200).body("deliveries.size()", equalTo(0));
    }

    @Test
    void shouldDeleteWebhook() {
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("job.failed")))
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath().getLong("id");
        given().delete("/api/webhooks/" + id).then().statusCode(204);
        given().get("/api/webhooks/" + id).then().statusCode(404).contentType(PROBLEM);
        given().delete("/api/webhooks/" + id).then().statusCode(404).contentType(PROBLEM);
        given().get("/api/webhooks/" + id + "/deliveries").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRejectUnknownEventType() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("job.completed", "job.exploded")))
                .post("/api/webhooks").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("errors[0].field", equalTo("events[1]"));
    }

    @Test
    void shouldRejectMissingEventsAndNonHttpUrls() {
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of()))
                .post("/api/webhooks").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("url", "file:///etc/passwd", "events", List.of("job.failed")))
                .post("/api/webhooks").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body("{\"events\": [\"job.failed\"]}")
                .post("/api/webhooks").then().statusCode(400).contentType(PROBLEM);
    }
}
