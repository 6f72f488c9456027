package io.briefaudio.api.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.events.SseClient.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobEventResourceTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private long queueJob(int items) {
        long brief = Briefs.create(items);
        return given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    private URI events(long jobId) {
        return base.resolve("/api/brief/audio/job/" + jobId + "/events");
    }

    @Test
    void shouldDeliverEveryEventInOrderAcrossAReconnectWithLastEventId() throws Exception {
        long job = queueJob(3);
        WorkerMoves worker = new WorkerMoves(dataSource);
        List<Received> seen = new ArrayList<>();

        try (SseClient first = new SseClient(events(job), null)) {
            assertThat(first.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            Received snapshot = first.next(WAIT);
            assertThat(snapshot.event()).isEqualTo("progress");
            assertThat(snapshot.id()).isEqualTo("0");
            assertThat(JsonPath.from(snapshot.data()).getString("status")).isEqualTo("queued");

            worker.start(job);
            worker.complete(job, 1);
            for (int i = 0; i < 3; i++) {
                seen.add(first.next(WAIT));
            }
        }
        // While nobody listens, the job moves on.
        worker.complete(job, 2);
        try (SseClient resumed = new SseClient(events(job), seen.get(seen.size() - 1).id())) {
            worker.complete(job, 3);
            for (Received r = resumed.next(WAIT); r != Received.END; r = resumed.next(WAIT)) {
                seen.add(r);
            }
        }

        assertThat(seen).extracting(Received::id).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(seen).extracting(Received::event)
                .containsExactly("progress", "item", "progress", "item", "progress", "item", "completed");
        JsonPath item = JsonPath.from(seen.get(1).data());
        assertThat(item.getInt("item.position")).isEqualTo(1);
        assertThat(item.getString("item.audio_url")).startsWith("/audio/");
        assertThat(JsonPath.from(seen.get(6).data()).getString("status")).isEqualTo("completed");
        assertThat(JsonPath.from(seen.get(6).data()).getInt("progress")).isEqualTo(100);
    }

    @Test
    void shouldCarryTheItemsQualityInItsItemEvent() throws Exception {
        long job = queueJob(2);
        WorkerMoves worker = new WorkerMoves(dataSource);
        try (SseClient stream = new SseClient(events(job), null)) {
            assertThat(stream.next(WAIT).event()).isEqualTo("progress");
            worker.start(job);
            worker.reportQuality(job, 1, WorkerMoves.WARNED_QUALITY);
            worker.complete(job, 1);
            Received item = stream.next(WAIT);
            while (!"item".equals(item.event())) {
                item = stream.next(WAIT);
            }
            JsonPath data = JsonPath.from(item.data());
            assertThat(data.getString("item.quality.status")).isEqualTo("warn");
            assertThat(data.getList("item.quality.checks.name")).containsExactly("code_cap", "duration");
            assertThat(data.getInt("item.quality.resynthesized")).isEqualTo(2);
        }
    }

    @Test
    void shouldSendFinalEventAndCloseForAFinishedJob() throws Exception {
        long job = queueJob(1);
        WorkerMoves worker = new WorkerMoves(dataSource);
        worker.fail(job, 1);

        try (SseClient stream = new SseClient(events(job), null)) {
            Received last = stream.next(WAIT);
            assertThat(last.event()).isEqualTo("failed");
            assertThat(JsonPath.from(last.data()).getString("error_message")).contains("engine broke");
            assertThat(stream.next(WAIT)).isSameAs(Received.END);
        }
        try (SseClient resumedAtTheEnd = new SseClient(events(job), "2")) {
            assertThat(resumedAtTheEnd.next(WAIT).event()).isEqualTo("failed");
            assertThat(resumedAtTheEnd.next(WAIT)).isSameAs(Received.END);
        }
    }

    @Test
    void shouldKeepTheStreamOpenUntilTheEpisodeIsAnnounced() throws Exception {
        long job = queueJob(1);
        WorkerMoves worker = new WorkerMoves(dataSource);

        try (SseClient stream = new SseClient(events(job), null)) {
            assertThat(stream.next(WAIT).event()).isEqualTo("progress");
            worker.start(job);
            worker.completeQueuingEpisode(job, 1);
            assertThat(stream.next(WAIT).event()).isEqualTo("progress");
            assertThat(stream.next(WAIT).event()).isEqualTo("item");
            Received completed = stream.next(WAIT);
            assertThat(completed.event()).isEqualTo("completed");
            JsonPath data = JsonPath.from(completed.data());
            assertThat(data.getBoolean("episode_follows")).as("the completed event says an episode event follows").isTrue();
            assertThat(data.getString("episode_status")).isEqualTo("queued");

            worker.settleEpisode(job, true);
            Received episode = stream.next(WAIT);
            assertThat(episode.event()).isEqualTo("episode.completed");
            assertThat(Long.parseLong(episode.id())).isGreaterThan(Long.parseLong(completed.id()));
            assertThat(JsonPath.from(episode.data()).getString("episode_status")).isEqualTo("completed");
            assertThat(JsonPath.from(episode.data()).getString("episode.url")).isNotBlank();
            assertThat(JsonPath.from(episode.data()).getList("episode.chapters.title")).containsExactly("Brief");
            assertThat(stream.next(WAIT)).isSameAs(Received.END);
        }
    }

    @Test
    void shouldAnnounceAFailedEpisodeToLateAndResumingSubscribers() throws Exception {
        long job = queueJob(1);
        WorkerMoves worker = new WorkerMoves(dataSource);
        worker.start(job);
        worker.completeQueuingEpisode(job, 1);

        // A subscriber arriving while the episode is made gets the completed state, and the stream stays open.
        try (SseClient stream = new SseClient(events(job), null)) {
            Received snapshot = stream.next(WAIT);
            assertThat(snapshot.event()).isEqualTo("completed");
            assertThat(JsonPath.from(snapshot.data()).getBoolean("episode_follows")).isTrue();
            worker.settleEpisode(job, false);
            Received failed = stream.next(WAIT);
            assertThat(failed.event()).isEqualTo("episode.failed");
            assertThat(JsonPath.from(failed.data()).getString("episode_status")).isEqualTo("failed");
            assertThat(stream.next(WAIT)).isSameAs(Received.END);
        }
        try (SseClient late = new SseClient(events(job), null)) {
            assertThat(late.next(WAIT).event()).isEqualTo("episode.failed");
            assertThat(late.next(WAIT)).isSameAs(Received.END);
        }
        try (SseClient resumed = new SseClient(events(job), "1")) {
            assertThat(resumed.next(WAIT).event()).isEqualTo("item");
            assertThat(resumed.next(WAIT).event()).isEqualTo("completed");
            assertThat(resumed.next(WAIT).event()).isEqualTo("episode.failed");
            assertThat(resumed.next(WAIT)).isSameAs(Received.END);
        }
    }

    @Test
    void shouldSendOnlyIdEventAndDataLinesOnTheWire() throws Exception {
        long job = queueJob(1);
        new WorkerMoves(dataSource).fail(job, 1);

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events(job))
                .header("Accept", "text/event-stream").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(raw.body()).contains("id:2\nevent:failed\ndata:{");
        assertThat(raw.body().lines().filter(line -> !line.isEmpty()))
                .as("no stray content-type line in an event: only fields a browser reads, and comments")
                .allMatch(line -> line.startsWith("id:") || line.startsWith("event:") || line.startsWith("data:")
                        || line.startsWith(":"));
    }

    @Test
    void shouldEndStreamWithCancelledEvent() throws Exception {
        long job = queueJob(2);
        try (SseClient stream = new SseClient(events(job), null)) {
            assertThat(stream.next(WAIT).event()).isEqualTo("progress");
            given().post("/api/brief/audio/job/" + job + "/cancel").then().statusCode(200);
            Received cancelled = stream.next(WAIT);
            assertThat(cancelled.event()).isEqualTo("cancelled");
            assertThat(cancelled.id()).isEqualTo("1");
            assertThat(stream.next(WAIT)).isSameAs(Received.END);
        }
    }

    @Test
    void shouldSendHeartbeatCommentsWhileIdle() throws Exception {
        long job = queueJob(1);
        try (SseClient stream = new SseClient(events(job), null)) {
            assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
        }
    }

    @Test
    void shouldAnswerUnknownJobWithProblem() {
        given().accept("text/event-stream").get("/api/brief/audio/job/987654321/events").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:not-found"));
    }

    @Test
    void shouldRejectMalformedLastEventId() {
        long job = queueJob(1);
        given().accept("text/event-stream").header("Last-Event-ID", "abc").get("/api/brief/audio/job/" + job + "/events")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
