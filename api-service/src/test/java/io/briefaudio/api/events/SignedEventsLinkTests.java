package io.briefaudio.api.events;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.AuthOnProfile;
import io.briefaudio.api.access.TestKeys;
import io.briefaudio.api.events.SseClient.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With auth on, a job's status carries a signed events_url: EventSource (no key) streams with it. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class SignedEventsLinkTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AudioLinks links;

    @TestHTTPResource("/")
    URI base;

    private long queueJob(String key) {
        long brief = as(key).contentType(ContentType.JSON)
                .body(Map.of("title", "Live", "items", List.of(Map.of("text", "Live words."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        return as(key).post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    private String eventsUrl(String key, long job) {
        return as(key).get("/api/brief/audio/job/" + job + "/status").then().statusCode(200)
                .extract().jsonPath().getString("events_url");
    }

    @Test
    void shouldStreamWithTheSignedEventsUrlWithoutAKey() throws Exception {
        String key = TestKeys.create("streamers", List.of("read", "generate"));
        long job = queueJob(key);
        String url = eventsUrl(key, job);
        assertThat(url).matches("/api/brief/audio/job/" + job + "/events\\?exp=[0-9]+&sig=[A-Za-z0-9_-]{43}");
        long exp = Long.parseLong(url.replaceAll(".*exp=([0-9]+).*", "$1"));
        assertThat(exp - Instant.now().getEpochSecond()).as("short-lived: an hour, rounded up to the hour")
                .isBetween(3600L - 5, 2 * 3600L);

        try (SseClient stream = new SseClient(base.resolve(url), null)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            Received snapshot = stream.next(WAIT);
            assertThat(snapshot.event()).isEqualTo("progress");
            assertThat(JsonPath.from(snapshot.data()).getLong("id")).isEqualTo(job);
            new WorkerMoves(dataSource).fail(job, 1);
            assertThat(stream.next(WAIT).event()).isEqualTo("item");
            assertThat(stream.next(WAIT).event()).isEqualTo("failed");
            assertThat(stream.next(WAIT)).isSameAs(Received.END);
        }
        // Without a key or a link, the stream stays closed.
        given().accept("text/event-stream").get("/api/brief/audio/job/" + job + "/events").then().statusCode(401);
    }

    @Test
    void shouldRefuseTamperedExpiredAndOtherJobsLinks() {
        String key = TestKeys.create("streamers", List.of("read", "generate"));
        long job = queueJob(key);
        long other = queueJob(key);
        String url = eventsUrl(key, job);
        String query = url.substring(url.indexOf('?'));
        String sig = url.replaceAll(".*sig=", "");
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        for (String bad : List.of(
                url.replace("sig=" + sig, "sig=" + flipped),
                url.replaceAll("exp=[0-9]+", "exp=" + (Instant.now().getEpochSecond() + 99_999)),
                "/api/brief/audio/job/" + other + "/events" + query,
                links.eventsUrl(job, Instant.now().minusSeconds(1)),
                "/api/brief/audio/job/" + job + "/events?sig=" + sig)) {
            given().accept("text/event-stream").get(bad).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:forbidden"));
        }
        // A genuine link of a job deleted since: 404, as for any unknown job.
        TestKeys.sql(dataSource, "DELETE FROM audio_job WHERE id = ?", job);
        given().accept("text/event-stream").get(url).then().statusCode(404).contentType("application/problem+json");
    }
}
