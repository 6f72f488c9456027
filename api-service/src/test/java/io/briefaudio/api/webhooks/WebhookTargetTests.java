package io.briefaudio.api.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.Eventually;
import io.briefaudio.api.events.WorkerMoves;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** With the production default (private targets refused): no request to the server's own network. */
@QuarkusTest
@TestProfile(WebhookTargetTests.PrivateTargetsRefused.class)
class WebhookTargetTests {

    public static class PrivateTargetsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("briefaudio.webhooks.allow-private-targets", "false");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.0.0.5/hook",
            "http://192.168.0.2/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook",
            "http://metadata.google.internal/", "http://[::127.0.0.1]/hook", "http://[::7f00:1]/hook",
            "http://[::169.254.169.254]/", "http://[::ffff:0:127.0.0.1]/hook", "http://[64:ff9b::127.0.0.1]/hook",
            "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/hook", "http://192.0.2.2/hook"})
    void shouldRefuseToRegisterInternalTargetsNamingTheSettingThatAllowsThem(String url) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("job.completed")))
                .post("/api/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:webhook-target-refused"))
                .body("detail", containsString("refused"))
                .body("detail", containsString("briefaudio.webhooks.allow-private-targets"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0177.0.0.1/hook", "http://2130706433/hook", "http://0x7f000001/hook"})
    void shouldRefuseToRegisterIpv4NumbersInAmbiguousSpellings(String url) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("job.completed")))
                .post("/api/webhooks").then().statusCode(400)
                .body("type", equalTo("urn:briefaudio:problem:webhook-target-refused"))
                .body("detail", containsString("127.0.0.1"));
    }

    @Test
    void shouldNotCallATargetThatResolvesToLoopbackAtDeliveryTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long hook;
            // Registered while it resolved elsewhere (DNS can change): stored directly.
            try (var c = dataSource.getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("INSERT INTO webhook (url, events, secret) VALUES ('" + receiver.url()
                         + "', '{job.completed}', '" + WebhookSigner.newSecret() + "') RETURNING id")) {
                rs.next();
                hook = rs.getLong(1);
            }
            long brief = Briefs.create(1);
            long job = given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                    .extract().jsonPath().getLong("job_id");
            new WorkerMoves(dataSource).complete(job, 1);

            Eventually.until(Duration.ofSeconds(10), () -> given().get("/api/webhooks/" + hook + "/deliveries")
                    .then().extract().jsonPath().getList("deliveries[0].attempt_log").size() >= 1);
            var delivery = given().get("/api/webhooks/" + hook + "/deliveries").then().extract().jsonPath();
            assertThat(delivery.getString("deliveries[0].attempt_log[0].error")).contains("target refused");
            assertThat(delivery.getString("deliveries[0].status")).isNotEqualTo("delivered");
            assertThat(receiver.requests).isEmpty();
        }
    }
}
