package io.briefaudio.api.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.events.WorkerMoves;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The worker's quality reports as users see them in the status: each item's, and the episode's as the worst of its
 * items'. The SSE item events and webhooks carry the item's (JobEventResourceTests, WebhookDeliveryTests).
 */
@QuarkusTest
class QualityStatusTests {

    private static final String WARNED = WorkerMoves.WARNED_QUALITY;
    private static final String OK = """
            {"status": "ok", "checks": [], "resynthesized": 1}""";

    @Inject
    AgroalDataSource dataSource;

    private static long queueJob(int items) {
        long brief = Briefs.create(items);
        return given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    @Test
    void shouldShowEachItemsQualityAndTheEpisodesWorst() throws Exception {
        long job = queueJob(3);
        WorkerMoves worker = new WorkerMoves(dataSource);
        worker.reportQuality(job, 1, OK);
        worker.reportQuality(job, 2, WARNED);
        worker.complete(job, 1);
        worker.complete(job, 2);
        worker.completeQueuingEpisode(job, 3); // item 3 was narrated without the gate: no report
        worker.settleEpisode(job, true);

        given().get("/api/brief/audio/job/" + job + "/status").then().statusCode(200)
                .body("items[0].quality.status", equalTo("ok"))
                .body("items[0].quality.checks", org.hamcrest.Matchers.empty())
                .body("items[1].quality.status", equalTo("warn"))
                .body("items[1].quality.resynthesized", equalTo(2))
                .body("items[1].quality.checks.name", contains("code_cap", "duration"))
                .body("items[1].quality.checks[0].value", equalTo(602.0f))
                .body("items[1].quality.checks[0].limit", equalTo(602.0f))
                .body("items[1].quality.checks[0].sentence", equalTo(2))
                .body("items[1].quality.checks[0]", not(hasKey("item")))
                .body("items[2].quality", nullValue())
                .body("episode.quality.status", equalTo("warn"))
                .body("episode.quality.resynthesized", equalTo(3))
                .body("episode.quality.checks.item", contains(2, 2));
    }
}
