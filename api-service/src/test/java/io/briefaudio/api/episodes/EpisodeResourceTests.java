package io.briefaudio.api.episodes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.briefaudio.api.Briefs;
import io.briefaudio.shared.audio.AudioFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EpisodeResourceTests {

    @Inject
    EpisodeFixtures fixtures;

    @Test
    void shouldShowTheEpisodeInTheJobStatusAndTheBrief() throws Exception {
        var stored = fixtures.completedJob("Daily brief", AudioFormat.WAV);

        given().get("/api/brief/audio/job/{id}/status", stored.jobId()).then().statusCode(200)
                .body("format", equalTo("wav"))
                .body("episode_status", equalTo("completed"))
                .body("episode.url", equalTo("/audio/" + stored.episodeKey() + "?job=" + stored.jobId()))
                .body("episode.plays", equalTo(0))
                .body("episode.format", equalTo("mp3"))
                .body("episode.duration_ms", equalTo(6000))
                .body("episode.chapters.title", contains("Daily brief", "Markets", "Weather"))
                .body("episode.chapters.start_ms", contains(0, 1000, 3500));
        given().get("/api/briefs/{id}", stored.briefId()).then().statusCode(200)
                .body("episode.url", equalTo("/audio/" + stored.episodeKey() + "?job=" + stored.jobId()))
                .body("episode.chapters.title", contains("Daily brief", "Markets", "Weather"));
    }

    @Test
    void shouldServeTheEpisodeWithItsContentType() throws Exception {
        var stored = fixtures.completedJob("Opus brief", AudioFormat.OPUS);

        byte[] body = given().get("/audio/" + stored.episodeKey()).then().statusCode(200)
                .contentType("audio/ogg").extract().asByteArray();

        assertThat(body).isEqualTo(stored.episode());
    }

    @Test
    void shouldServeChaptersAsPodcastingJsonChapters() throws Exception {
        var stored = fixtures.completedJob("Daily brief", AudioFormat.M4A);

        String body = given().get("/api/brief/audio/job/{id}/chapters.json", stored.jobId()).then().statusCode(200)
                .contentType(PodcastChapters.MEDIA_TYPE).extract().asString();

        JsonPath json = JsonPath.from(body);
        assertThat(json.getString("version")).isEqualTo("1.2.0");
        assertThat(json.getList("chapters.startTime", Float.class)).containsExactly(0.0f, 1.0f, 3.5f);
        assertThat(json.getList("chapters.title", String.class)).containsExactly("Daily brief", "Markets", "Weather");
    }

    @Test
    void shouldAnswerNotFoundForChaptersOfAJobWithoutEpisode() {
        long briefId = Briefs.create(1);
        int jobId = given().contentType(ContentType.JSON).body("{\"voice_id\": \"warm\", \"format\": \"mp3\"}")
                .post("/api/brief/{id}/audio/generate", briefId).then().statusCode(202).extract().path("job_id");

        given().get("/api/brief/audio/job/{id}/status", jobId).then().statusCode(200)
                .body("format", equalTo("mp3")).body("episode", nullValue()).body("episode_status", nullValue());
        given().get("/api/brief/audio/job/{id}/chapters.json", jobId).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:not-found"));
    }
}
