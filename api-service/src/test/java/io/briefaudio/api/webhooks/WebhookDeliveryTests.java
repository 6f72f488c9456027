package io.briefaudio.api.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;


import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.Eventually;
import io.briefaudio.api.events.WorkerMoves;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries to a loopback receiver (the test profile sets allow-private-targets and a 0.2 s backoff). */
@QuarkusTest
class WebhookDeliveryTests {

    @Inject
    AgroalDataSource dataSource;

    private static JsonPath register(String url, List<String> events) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "events", events))
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private static long queueJob(int items) {
        long brief = Briefs.create(items);
        return given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    @Test
    void shouldDeliverExactlyOnceAfterTwoFailedAttempts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 503)) {
            JsonPath hook = register(receiver.url(), List.of("job.completed"));
            long job = queueJob(1);
            new WorkerMoves(dataSource).complete(job, 1);

            Eventually.until(Duration.ofSeconds(20), () -> receiver.successes() == 1);
            Thread.sleep(1000); // nothing more may arrive
            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.successes()).isEqualTo(1);
            assertThat(receiver.requests).extracting(r -> r.header("webhook-id")).containsOnly(
                    receiver.requests.get(0).header("webhook-id"));

            var verifier = new StandardWebhooksVerifier(hook.getString("secret"));
            for (WebhookReceiver.Request r : receiver.requests) {
                assertThat(verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"),
                        r.header("webhook-signature"), r.body(), Instant.now())).isTrue();
            }
            JsonPath body = JsonPath.from(new String(receiver.requests.get(2).body()));
            assertThat(body.getString("type")).isEqualTo("job.completed");
            assertThat(body.getString("timestamp")).isNotBlank();
            assertThat(body.getLong("data.id")).isEqualTo(job);
            assertThat(body.getString("data.status")).isEqualTo("completed");

            JsonPath deliveries = given().get("/api/webhooks/" + hook.getLong("id") + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(deliveries.getList("deliveries")).hasSize(1);
            assertThat(deliveries.getString("deliveries[0].status")).isEqualTo("delivered");
            assertThat(deliveries.getInt("deliveries[0].attempts")).isEqualTo(3);
            assertThat(deliveries.getInt("deliveries[0].response_code")).isEqualTo(200);
            assertThat(deliveries.getList("deliveries[0].attempt_log.response_code", Integer.class))
                    .containsExactly(500, 503, 200);
        }
    }

    @Test
    void shouldSendItemAndJobEventsTheWebhookAskedFor() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            register(receiver.url(), List.of("item.completed", "job.failed"));
            long job = queueJob(2);
            WorkerMoves worker = new WorkerMoves(dataSource);
            worker.complete(job, 1);
            worker.fail(job, 2);

            Eventually.until(Duration.ofSeconds(10), () -> receiver.requests.size() == 2);
            Thread.sleep(500);
            assertThat(receiver.requests).hasSize(2);
            var bodies = receiver.requests.stream().map(r -> JsonPath.from(new String(r.body()))).toList();
            assertThat(bodies).extracting(b -> b.getString("type")).containsExactlyInAnyOrder("item.completed", "job.failed");
            var item = bodies.stream().filter(b -> b.getString("type").equals("item.completed")).findFirst().orElseThrow();
            assertThat(item.getInt("data.item.position")).isEqualTo(1);
            assertThat(item.getString("data.item.audio_url")).startsWith("/audio/");
        }
    }

    @Test
    void shouldCarryTheItemsQualityInItemCompleted() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            register(receiver.url(), List.of("item.completed"));
            long job = queueJob(2);
            WorkerMoves worker = new WorkerMoves(dataSource);
            worker.reportQuality(job, 1, WorkerMoves.WARNED_QUALITY);
            worker.complete(job, 1);

            Eventually.until(Duration.ofSeconds(10), () -> receiver.requests.size() == 1);
            JsonPath body = JsonPath.from(new String(receiver.requests.get(0).body()));
            assertThat(body.getString("type")).isEqualTo("item.completed");
            assertThat(body.getString("data.item.quality.status")).isEqualTo("warn");
            assertThat(body.getString("data.item.quality.checks[0].name")).isEqualTo("code_cap");
            assertThat(body.getInt("data.item.quality.checks[0].sentence")).isEqualTo(2);
        }
    }

    @Test
    void shouldAnnounceTheEpisodeAfterTheJob() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            register(receiver.url(), List.of("job.completed", "episode.completed", "episode.failed"));
            WorkerMoves worker = new WorkerMoves(dataSource);
            long assembled = queueJob(1);
            long broken = queueJob(1);
            worker.completeQueuingEpisode(assembled, 1);
            worker.completeQueuingEpisode(broken, 1);
            worker.settleEpisode(assembled, true);
            worker.settleEpisode(broken, false);

            Eventually.until(Duration.ofSeconds(10), () -> receiver.requests.size() == 4);
            Thread.sleep(500);
            assertThat(receiver.requests).hasSize(4);
            var bodies = receiver.requests.stream().map(r -> JsonPath.from(new String(r.body()))).toList();
            assertThat(bodies).extracting(b -> b.getString("type") + " " + b.getLong("data.id")).containsExactlyInAnyOrder(
                    "job.completed " + assembled, "episode.completed " + assembled,
                    "job.completed " + broken, "episode.failed " + broken);
            var episode = bodies.stream().filter(b -> b.getString("type").equals("episode.completed")).findFirst().orElseThrow();
            assertThat(episode.getString("data.episode_status")).isEqualTo("completed");
            assertThat(episode.getString("data.episode.url")).isNotBlank();
            assertThat(episode.getString("data.episode.format")).isEqualTo("mp3");
            var failed = bodies.stream().filter(b -> b.getString("type").equals("episode.failed")).findFirst().orElseThrow();
            assertThat(failed.getString("data.episode_status")).isEqualTo("failed");
            assertThat(failed.getString("data.episode")).isNull();
        }
    }

    @Test
    void shouldDeliverAMessageWhoseDispatcherDiedMidDelivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long hook = register(receiver.url(), List.of("job.completed")).getLong("id");
            long job = queueJob(1);
            // What a dispatcher leaves behind when it dies after claiming: a leased row that nobody finishes.
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("UPDATE webhook SET events = '{job.failed}' WHERE id = " + hook);
                s.execute("UPDATE audio_job SET status = 'completed', completed_items = 1, progress = 100 WHERE id = " + job);
                s.execute("INSERT INTO webhook_delivery (webhook_id, event_type, job_id, state, attempt, lease_token, "
                        + "lease_until) VALUES (" + hook + ", 'job.completed', " + job + ", 'delivering', 1, "
                        + "gen_random_uuid(), now() + interval '1 second')");
                c.commit();
            }

            Eventually.until(Duration.ofSeconds(10), () -> receiver.successes() == 1);
            JsonPath deliveries = given().get("/api/webhooks/" + hook + "/deliveries").then().extract().jsonPath();
            assertThat(deliveries.getString("deliveries[0].status")).isEqualTo("delivered");
            assertThat(deliveries.getList("deliveries[0].attempt_log.error", String.class).get(0))
                    .contains("dispatcher stopped");
        }
    }

    @Test
    void shouldNotFollowRedirects() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(302, 302)) {
            long hook = register(receiver.url(), List.of("job.completed")).getLong("id");
            new WorkerMoves(dataSource).complete(queueJob(1), 1);

            Eventually.until(Duration.ofSeconds(10), () -> receiver.successes() == 1);
            assertThat(receiver.requests).hasSize(3);
            JsonPath deliveries = given().get("/api/webhooks/" + hook + "/deliveries").then().extract().jsonPath();
            assertThat(deliveries.getList("deliveries[0].attempt_log.error", String.class).get(0))
                    .contains("redirect not followed");
        }
    }
}
