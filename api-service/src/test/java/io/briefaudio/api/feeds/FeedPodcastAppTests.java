package io.briefaudio.api.feeds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.api.episodes.EpisodeFixtures;
import io.briefaudio.shared.audio.AudioFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our feed read by a podcast app's parser: Podcast Index's podcast-partytime (npm), installed by
 * {@code tools/ensure-services.sh podcast-parser} (tools/test.sh asks for it) into {@code BRIEFAUDIO_PODCAST_PARSER},
 * by default {@code ~/.cache/briefaudio/podcast-parser}.
 */
@QuarkusTest
class FeedPodcastAppTests {

    private static final Path PARSER = Path.of(System.getenv().getOrDefault("BRIEFAUDIO_PODCAST_PARSER",
            System.getProperty("user.home") + "/.cache/briefaudio/podcast-parser"));

    @Inject
    EpisodeFixtures fixtures;

    @Test
    void shouldGiveAPodcastAppTheEpisodesTranscriptsAndChapters() throws Exception {
        String title = "App brief " + UUID.randomUUID();
        var job = fixtures.completedJob(title, AudioFormat.MP3);
        String xml = given().get("/feeds/briefs.rss").then().statusCode(200).extract().asString();

        JsonNode feed = parse(xml);

        JsonNode item = null;
        for (JsonNode candidate : feed.get("items")) {
            if (candidate.get("title").asText().equals(title)) {
                item = candidate;
            }
        }
        assertThat(item).as("the episode, as the parser lists it").isNotNull();
        assertThat(item.get("enclosure").get("url").asText()).contains("/audio/" + job.episodeKey());
        String base = "http://localhost:8080/api/brief/audio/job/" + job.jobId();
        assertThat(item.get("chapters").asText()).isEqualTo(base + "/chapters.json");
        JsonNode transcripts = item.get("transcripts");
        assertThat(transcripts).hasSize(2);
        assertThat(transcripts.get(0).get("url").asText()).isEqualTo(base + "/transcript.vtt");
        assertThat(transcripts.get(0).get("type").asText()).isEqualTo("text/vtt");
        assertThat(transcripts.get(0).get("rel").asText()).isEqualTo("captions");
        assertThat(transcripts.get(1).get("url").asText()).isEqualTo(base + "/transcript.json");
        assertThat(transcripts.get(1).get("type").asText()).isEqualTo("application/json");
        for (JsonNode transcript : transcripts) {
            given().get(URI.create(transcript.get("url").asText()).getPath()).then().statusCode(200)
                    .contentType(transcript.get("type").asText());
        }
    }

    /** What parse-feed.cjs prints: the channel title and, per item, its title, enclosure, chapters and transcripts. */
    private static JsonNode parse(String xml) throws Exception {
        assertThat(PARSER.resolve("node_modules/podcast-partytime/package.json"))
                .as("podcast-partytime; run tools/ensure-services.sh podcast-parser").exists();
        Path script = Path.of("src/test/podcast-app/parse-feed.cjs").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("node", script.toString());
        builder.environment().put("NODE_PATH", PARSER.resolve("node_modules").toString());
        Process node = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = node.getOutputStream()) {
            in.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        return new ObjectMapper().readTree(out);
    }
}
