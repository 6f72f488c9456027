package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With auth on and no public base URL, no feed token is minted: its feed URL could not be absolute (issue 31.6). */
@QuarkusTest
@TestProfile(FeedTokenBaseUrlTests.AuthOnWithoutBaseUrl.class)
class FeedTokenBaseUrlTests {

    public static class AuthOnWithoutBaseUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("briefaudio.auth.enabled", "true", "briefaudio.auth.bootstrap-key", AuthOnProfile.OPERATOR_KEY);
        }
    }

    @Test
    void shouldRefuseToMintAFeedTokenWithoutAPublicBaseUrl() {
        String admin = TestKeys.create("no-base-url", List.of("admin"));
        as(admin).contentType(ContentType.JSON).body(Map.of("name", "phone")).post("/api/feed-tokens")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:public-base-url-required"))
                .body("status", equalTo(409))
                .body("detail", containsString("briefaudio.http.public-base-url"));
        as(admin).get("/api/feed-tokens").then().statusCode(200).body("size()", equalTo(0));
    }
}
