package io.briefaudio.api.feeds;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AuthOnProfile;
import io.briefaudio.api.access.TestKeys;
import io.briefaudio.api.episodes.EpisodeFixtures;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** With auth on: episodes are a tenant's like its items, and its feed is the one behind its feed token. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class PrivateFeedTests {

    private static final Pattern ENCLOSURE = Pattern.compile("<enclosure url=\"([^\"]+)\"");
    private static final Pattern CHAPTERS = Pattern.compile("<podcast:chapters url=\"([^\"]+)\"");

    @Inject
    EpisodeFixtures episodes;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldListATenantsEpisodesOnlyInItsOwnTokenFeedWithSignedEnclosures() throws Exception {
        String title = "Private episode " + UUID.randomUUID();
        var stored = episodes.completedJob(title, AudioFormat.MP3);
        String owner = TestKeys.create("feed-owner", List.of("read", "generate", "admin"));
        String stranger = TestKeys.create("feed-stranger", List.of("read", "generate", "admin"));
        TestKeys.sql(dataSource, "UPDATE brief SET tenant_id = (SELECT id FROM tenant WHERE name = 'feed-owner') WHERE id = ?",
                stored.briefId());

        // Status and key access: the episode url is signed and plays without a key; the owner's key fetches it too.
        String url = as(owner).get("/api/brief/audio/job/" + stored.jobId() + "/status").then().statusCode(200)
                .extract().jsonPath().getString("episode.url");
        assertThat(url).startsWith(AudioFileName.urlPath(stored.episodeKey()) + "?job=" + stored.jobId() + "&exp=")
                .contains("&sig=");
        assertThat(given().get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(stored.episode());
        as(owner).get(AudioFileName.urlPath(stored.episodeKey())).then().statusCode(200);
        as(stranger).get(AudioFileName.urlPath(stored.episodeKey())).then().statusCode(404);
        as(stranger).get("/api/brief/audio/job/" + stored.jobId() + "/chapters.json").then().statusCode(404);

        String token = token(owner);
        String feed = given().get("/feeds/" + token + "/briefs.rss").then().statusCode(200).extract().asString();
        assertThat(feed).contains(title);
        Matcher enclosure = ENCLOSURE.matcher(feed);
        assertThat(enclosure.find()).isTrue();
        URI audio = URI.create(enclosure.group(1).replace("&amp;", "&"));
        assertThat(audio.getRawQuery()).startsWith("job=" + stored.jobId() + "&via=feed&exp=").contains("sig=");
        assertThat(given().header("User-Agent", "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X)")
                .get(audio.getRawPath() + "?" + audio.getRawQuery()).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(stored.episode());
        // The whole episode came through the feed: a feed download of the owner's brief, visible to the owner only.
        as(owner).get("/api/briefs/" + stored.briefId() + "/stats").then().statusCode(200)
                .body("episode.downloads", org.hamcrest.Matchers.equalTo(1))
                .body("episode.feed_downloads", org.hamcrest.Matchers.equalTo(1));
        as(stranger).get("/api/briefs/" + stored.briefId() + "/stats").then().statusCode(404);
        Matcher chapters = CHAPTERS.matcher(feed);
        assertThat(chapters.find()).isTrue();
        String chaptersPath = URI.create(chapters.group(1)).getRawPath();
        assertThat(chaptersPath).isEqualTo("/feeds/" + token + "/jobs/" + stored.jobId() + "/chapters.json");
        String document = given().accept("application/json").get(chaptersPath).then().statusCode(200).extract().asString();
        assertThat(document).contains("\"Markets\"", "\"Weather\"");

        String otherFeed = given().get("/feeds/" + token(stranger) + "/briefs.rss").then().statusCode(200).extract().asString();
        assertThat(otherFeed).doesNotContain(title);
    }

    private static String token(String adminKey) {
        return as(adminKey).contentType(ContentType.JSON).body("{}").post("/api/feed-tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
    }
}
