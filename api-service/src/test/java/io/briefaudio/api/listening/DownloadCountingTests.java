package io.briefaudio.api.listening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.briefaudio.api.listening.ListeningFixtures.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Downloads as podcast hosts count them (IAB v2.1): per job, audio object, listener and day, once a minute of audio
 * (or the whole file) has been delivered, bots excluded. Fixtures hold 1,000 bytes per second of audio.
 */
@QuarkusTest
class DownloadCountingTests {

    private static final String PLAYER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    private static final String PODCAST_APP = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X)";

    @Inject
    ListeningFixtures fixtures;

    private static RequestSpecification as(String userAgent) {
        return given().header("User-Agent", userAgent);
    }

    private static void fetch(String userAgent, String link, long first, long last) {
        as(userAgent).header("Range", "bytes=" + first + "-" + last).get(link).then().statusCode(206);
    }

    @Test
    void shouldCountRangeRequestsThatTogetherDeliverAMinuteOnce() throws Exception {
        Job job = fixtures.completedJob(600, 180);
        String item = job.link(1);

        fetch(PLAYER, item, 0, 29_999);
        assertThat(fixtures.downloads(job.jobId(), 1)).as("30 s of a 3-minute item").isZero();
        fetch(PLAYER, item, 20_000, 49_999);
        assertThat(fixtures.downloads(job.jobId(), 1)).as("overlap counts once: 50 s").isZero();
        fetch(PLAYER, item, 50_000, 59_999);
        assertThat(fixtures.downloads(job.jobId(), 1)).as("a minute in all").isOne();
        as(PLAYER).get(item).then().statusCode(200);
        assertThat(fixtures.downloads(job.jobId(), 1)).as("the same listener on the same day").isOne();
        assertThat(fixtures.count("SELECT count(*) FROM audio_delivery WHERE job_id = ?", job.jobId()))
                .as("spans are forgotten once counted").isZero();
    }

    @Test
    void shouldCountAShortItemWhollyDeliveredButNotHalfAMinuteOfAnEpisode() throws Exception {
        Job job = fixtures.completedJob(180, 20);

        fetch(PLAYER, job.link(0), 0, 14_999);
        fetch(PLAYER, job.link(0), 15_000, 29_999);
        fetch(PLAYER, job.link(1), 0, 9_999);
        assertThat(fixtures.downloads(job.jobId(), 1)).as("half of a 20 s item").isZero();
        fetch(PLAYER, job.link(1), 10_000, 19_999);

        assertThat(fixtures.downloads(job.jobId(), 0)).as("30 s of a 3-minute episode").isZero();
        assertThat(fixtures.downloads(job.jobId(), 1)).as("the whole 20 s item").isOne();
    }

    @Test
    void shouldCountTwoRequestsOfOneListenerOnceAndEachListenerOnce() throws Exception {
        Job job = fixtures.completedJob(60, 45, 45);

        as(PLAYER).get(job.link(2)).then().statusCode(200);
        as(PLAYER).get(job.link(2)).then().statusCode(200);
        as(PODCAST_APP).get(job.link(2)).then().statusCode(200);
        as(PLAYER).get(job.link(0)).then().statusCode(200);

        given().get("/api/brief/audio/job/{id}/status", job.jobId()).then().statusCode(200)
                .body("items[0].plays", equalTo(0))
                .body("items[1].plays", equalTo(2))
                .body("items[1].audio_url", equalTo(job.link(2)))
                .body("episode.plays", equalTo(1));
    }

    @Test
    void shouldNeverCountBotsOrRequestsWithoutAUserAgent() throws Exception {
        Job job = fixtures.completedJob(60, 30);

        as("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").get(job.link(1)).then().statusCode(200);
        as("facebookexternalhit/1.1").get(job.link(1)).then().statusCode(200);
        as("curl/8.5.0").get(job.link(1)).then().statusCode(200);
        as("").get(job.link(1)).then().statusCode(200);

        assertThat(fixtures.downloads(job.jobId(), 1)).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM audio_delivery WHERE job_id = ?", job.jobId())).isZero();
    }

    @Test
    void shouldCountTheSameListenerAgainOnTheNextDay() throws Exception {
        Job job = fixtures.completedJob(60, 30);
        as(PLAYER).get(job.link(1)).then().statusCode(200);
        // What was counted yesterday: the day is part of the key, so today's request is a new download.
        fixtures.execute("UPDATE audio_download SET day = day - 1 WHERE job_id = ?", job.jobId());

        as(PLAYER).get(job.link(1)).then().statusCode(200);

        assertThat(fixtures.downloads(job.jobId(), 1)).isEqualTo(2);
    }

    @Test
    void shouldCountForTheJobWhoseLinkWasUsedWhenAnotherTenantSharesTheFile() throws Exception {
        Job ours = fixtures.completedJob(60, 30);
        Job theirs = fixtures.sharingFiles("neighbours", ours);
        assertThat(theirs.link(1)).startsWith(ours.items().get(0).path());

        as(PLAYER).get(ours.link(1)).then().statusCode(200);
        as(PODCAST_APP).get(ours.link(1)).then().statusCode(200);
        as(PLAYER).get(theirs.link(1)).then().statusCode(200);

        assertThat(fixtures.downloads(ours.jobId(), 1)).isEqualTo(2);
        assertThat(fixtures.downloads(theirs.jobId(), 1)).isOne();
        assertThat(fixtures.count("SELECT min(tenant_id) FROM audio_download WHERE job_id = ?", theirs.jobId()))
                .isEqualTo(theirs.tenantId());
        given().get("/api/briefs/{id}/stats", ours.briefId()).then().statusCode(200)
                .body("items[0].downloads", equalTo(2));
        given().get("/api/briefs/{id}/stats", theirs.briefId()).then().statusCode(404)
                .body("type", equalTo("urn:briefaudio:problem:not-found"));
    }

    @Test
    void shouldCountNothingForUnattributedHeadOrOtherJobsRequests() throws Exception {
        Job job = fixtures.completedJob(60, 30);
        Job other = fixtures.completedJob(60, 30);

        as(PLAYER).get(job.items().get(0).path()).then().statusCode(200);
        as(PLAYER).head(job.link(1)).then().statusCode(200);
        // A job that does not serve this file: playback works, nobody's count moves.
        as(PLAYER).get(job.items().get(0).path() + "?job=" + other.jobId()).then().statusCode(200);

        assertThat(fixtures.downloads(job.jobId(), 1)).isZero();
        assertThat(fixtures.downloads(other.jobId(), 1)).isZero();
    }

    @Test
    void shouldAnswerMalformedAttributionsWithAProblem() throws Exception {
        Job job = fixtures.completedJob(60, 30);
        String path = job.items().get(0).path();
        for (String query : List.of("?job=abc", "?job=0", "?job=-1", "?job=" + job.jobId() + "&via=email", "?via=feed",
                "?job=99999999999999999999")) {
            as(PLAYER).get(path + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:briefaudio:problem:validation"));
        }
    }

    @Test
    void shouldCountConcurrentRangeRequestsOfOnePlayerExactlyOnce() throws Exception {
        Job job = fixtures.completedJob(60, 300);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int part = 0; part < 12; part++) {
                long first = part * 10_000L;
                parts.add(pool.submit(() -> fetch(PLAYER, job.link(1), first, first + 9_999)));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.downloads(job.jobId(), 1)).isOne();
    }

    @Test
    void shouldReportStatsPerItemAndEpisodeByDay() throws Exception {
        Job job = fixtures.completedJob(60, 30, 30);
        as(PLAYER).get(job.link(1)).then().statusCode(200);
        as(PODCAST_APP).get(job.link(1)).then().statusCode(200);
        as(PODCAST_APP).get(job.link(0) + "&via=feed").then().statusCode(200);
        as(PODCAST_APP).get(job.link(0)).then().statusCode(200);
        fixtures.execute("UPDATE audio_download SET day = day - 3 WHERE job_id = ? AND position = 1 AND listener = "
                + "(SELECT min(listener) FROM audio_download WHERE position = 1 AND job_id = audio_download.job_id)", job.jobId());

        var stats = given().get("/api/briefs/{id}/stats", job.briefId()).then().statusCode(200)
                .body("brief_id", equalTo((int) job.briefId()))
                .body("items.size()", equalTo(2))
                .body("items[0].item_id", equalTo(job.itemIds().get(0).intValue()))
                .body("items[0].position", equalTo(1))
                .body("items[0].downloads", equalTo(2))
                .body("items[0].unique_listeners", equalTo(2))
                .body("items[0].feed_downloads", equalTo(0))
                .body("items[0].by_day.size()", equalTo(2))
                .body("items[1].downloads", equalTo(0))
                .body("items[1].by_day.size()", equalTo(0))
                .body("episode.item_id", equalTo(null))
                .body("episode.downloads", equalTo(1))
                .body("episode.feed_downloads", equalTo(1))
                .body("episode.by_day[0].downloads", equalTo(1))
                .extract().jsonPath();
        assertThat(stats.getString("episode.by_day[0].day")).isEqualTo(stats.getString("to"));
        assertThat(stats.getString("items[0].by_day[0].day")).isLessThan(stats.getString("items[0].by_day[1].day"));
    }
}
