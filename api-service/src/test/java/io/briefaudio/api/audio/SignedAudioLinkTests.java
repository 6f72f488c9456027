package io.briefaudio.api.audio;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.AuthOnProfile;
import io.briefaudio.api.access.TestKeys;
import io.briefaudio.api.audio.AudioFixtures.Stored;
import io.briefaudio.api.listening.Attribution;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With auth on, audio plays through signed links from status responses, or with a key of the owning tenant. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class SignedAudioLinkTests {

    @Inject
    AudioFixtures fixtures;
    @Inject
    AudioLinks links;
    @Inject
    AgroalDataSource dataSource;

    /** A completed job of tenant "listeners" whose first item holds the stored audio; returns its signed URL. */
    private String statusLink(String key, Stored audio) {
        long brief = as(key).contentType(ContentType.JSON)
                .body(Map.of("title", "Signed", "items", List.of(Map.of("text", "Signed words."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        long job = as(key).post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
        TestKeys.sql(dataSource, """
                UPDATE audio_job_item SET asset_id = (SELECT id FROM audio_asset WHERE storage_key = ?),
                    state = 'completed', finished_at = now() WHERE job_id = ?""", audio.name(), job);
        String url = as(key).get("/api/brief/audio/job/" + job + "/status").then().statusCode(200)
                .extract().jsonPath().getString("items[0].audio_url");
        assertThat(as(key).get("/api/briefs/" + brief).jsonPath().getString("items[0].audio.audio_url")).isEqualTo(url);
        return url;
    }

    @Test
    void shouldPlayASignedLinkFromTheStatusWithoutAKey() {
        String key = TestKeys.create("listeners", List.of("read", "generate"));
        Stored audio = fixtures.store(4_000);
        String url = statusLink(key, audio);
        assertThat(url).matches("/audio/" + audio.name().replace(".", "\\.") + "\\?job=[0-9]+&exp=[0-9]+&sig=[A-Za-z0-9_-]{43}");
        long exp = Long.parseLong(url.replaceAll(".*exp=([0-9]+).*", "$1"));
        assertThat(exp - Instant.now().getEpochSecond()).isBetween(24 * 3600L - 5, 25 * 3600L);

        Response whole = given().get(url).then().statusCode(200).header("Cache-Control", "private, max-age=31536000, immutable")
                .extract().response();
        assertArrayEquals(audio.content(), whole.asByteArray());
        String etag = whole.header("ETag");
        Response part = given().header("Range", "bytes=10-19").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 10-19/4000").extract().response();
        assertArrayEquals(Arrays.copyOfRange(audio.content(), 10, 20), part.asByteArray());
        given().head(url).then().statusCode(200).header("Content-Length", "4000").header("ETag", etag);
        given().header("If-None-Match", etag).get(url).then().statusCode(304);
        // The signature is not part of the validators: the same object by key has the same ETag.
        as(key).get(audio.url()).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void shouldRefuseExpiredTamperedAndOtherFilesLinks() {
        String key = TestKeys.create("listeners", List.of("read", "generate"));
        Stored audio = fixtures.store(1_000);
        Stored other = fixtures.store(1_001);
        String url = statusLink(key, audio);
        String query = url.substring(url.indexOf('?'));
        String sig = url.replaceAll(".*sig=", "");

        String expired = links.signed(audio.name(), Instant.now().minusSeconds(60), Attribution.job(1));
        given().get(expired).then().statusCode(403).body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:forbidden"));
        given().get(url.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1)))
                .then().statusCode(403);
        given().get(url.replaceAll("exp=([0-9]+)", "exp=9$1")).then().statusCode(403);
        given().get(other.url() + query).then().statusCode(403);
        given().head(other.url() + query).then().statusCode(403);
        given().get(audio.url() + "?exp=1").then().statusCode(403);
        // The signature covers the attribution: a download cannot be credited to another job, or to the feed.
        String job = url.replaceAll(".*job=([0-9]+).*", "$1");
        given().get(url.replace("job=" + job, "job=" + (Long.parseLong(job) + 1))).then().statusCode(403);
        given().get(url.replace("job=" + job, "job=" + job + "&via=feed")).then().statusCode(403);
        given().get(url.replace("job=" + job, "job=x")).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:validation"));
    }

    @Test
    void shouldHandPodcastFeedsLongerLivedLinks() {
        Stored audio = fixtures.store(800);
        String url = links.feedUrl(audio.name(), Attribution.feed(1));
        assertThat(url).contains("?job=1&via=feed&exp=");
        long exp = Long.parseLong(url.replaceAll(".*exp=([0-9]+).*", "$1"));
        assertThat(exp % 86_400).as("rounded to the day, so a feed's enclosures stay stable").isZero();
        assertThat(exp - Instant.now().getEpochSecond()).isBetween(7 * 86_400L - 5, 8 * 86_400L);
        given().get(url).then().statusCode(200);
    }

    @Test
    void shouldServeAudioByKeyOnlyToTheOwningTenant() {
        String key = TestKeys.create("listeners", List.of("read", "generate"));
        Stored audio = fixtures.store(1_500);
        statusLink(key, audio);
        as(key).get(audio.url()).then().statusCode(200);
        as(key).header("Range", "bytes=0-9").get(audio.url()).then().statusCode(206);
        String stranger = TestKeys.create("strangers", List.of("read"));
        as(stranger).get(audio.url()).then().statusCode(404);
        as(stranger).head(audio.url()).then().statusCode(404);
        given().get(audio.url()).then().statusCode(401);
    }
}
