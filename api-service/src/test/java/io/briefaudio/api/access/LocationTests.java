package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.TestClips;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every 201's {@code Location} comes from {@code briefaudio.http.public-base-url}, never from the Host header the
 * client sent (issue 31.6: {@code Host: evil.example:666} came back in it), and every one can be fetched.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class LocationTests {

    private static final String EVIL_HOST = "evil.example:666";

    @Test
    void shouldBuildEveryLocationFromThePublicBaseUrlAndServeIt() {
        String admin = TestKeys.create("locations", List.of("read", "generate", "admin"));
        assertCreatedAndFetchable(as(AuthOnProfile.OPERATOR_KEY).header("Host", EVIL_HOST).contentType(ContentType.JSON)
                .body(Map.of("name", "loc", "scopes", List.of("read"), "tenant", "locations")).post("/api/keys")
                .then().extract(), "/api/keys/", admin);
        ExtractableResponse<Response> token = as(admin).header("Host", EVIL_HOST).contentType(ContentType.JSON)
                .body(Map.of("name", "phone")).post("/api/feed-tokens").then().extract();
        assertCreatedAndFetchable(token, "/api/feed-tokens/", admin);
        assertThat(token.jsonPath().getString("feed_url")).startsWith(AuthOnProfile.PUBLIC_BASE_URL + "/feeds/")
                .endsWith("/briefs.rss");
        assertCreatedAndFetchable(as(admin).header("Host", EVIL_HOST).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("job.completed"))).post("/api/webhooks")
                .then().extract(), "/api/webhooks/", admin);
        assertCreatedAndFetchable(as(admin).header("Host", EVIL_HOST).multiPart("name", "Ada").multiPart("consent", "true")
                .multiPart("clip", "ada.wav", TestClips.wav(4, 0.5, 22050, 2), "audio/wav").post("/api/voices")
                .then().extract(), "/api/voices/", admin);
        assertCreatedAndFetchable(as(admin).header("Host", EVIL_HOST).contentType(ContentType.JSON)
                .body(Map.of("title", "t", "items", List.of(Map.of("text", "Words.")))).post("/api/briefs")
                .then().extract(), "/api/briefs/", admin);
    }

    private static void assertCreatedAndFetchable(ExtractableResponse<Response> created, String collection, String key) {
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).doesNotContain("evil.example").startsWith(AuthOnProfile.PUBLIC_BASE_URL + collection);
        String path = location.substring(AuthOnProfile.PUBLIC_BASE_URL.length());
        String id = created.jsonPath().getString("id");
        assertThat(path).isEqualTo(collection + id);
        var fetched = as(collection.equals("/api/keys/") ? AuthOnProfile.OPERATOR_KEY : key).get(path).then().extract();
        assertThat(fetched.statusCode()).as("GET " + path + ": " + fetched.asString()).isEqualTo(200);
        assertThat(fetched.jsonPath().getString("id")).isEqualTo(id);
    }
}
