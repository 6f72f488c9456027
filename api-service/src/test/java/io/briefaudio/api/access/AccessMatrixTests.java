package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.audio.AudioFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against every way of being refused: no key, bad key, revoked key, expired key, wrong scope,
 * another tenant. Each must answer the right status as problem+json and never any of tenant acme's data.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class AccessMatrixTests {

    private static final String SECRET_TITLE = "Acme confidential brief";
    private static final String PROBLEM = "application/problem+json";

    /** An endpoint, the scope it needs, and whether its path names something tenant acme owns. */
    record Endpoint(String method, String path, String body, Scope scope, boolean ownedId) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Fixture fixture;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AudioFixtures audio;

    record Fixture(Map<Scope, String> wrongScope, String revoked, String expired, String other, long brief, long job,
                   long key, long feedToken, String audioFile) {
    }

    @BeforeEach
    void createTenantsOnce() {
        if (fixture != null) {
            return;
        }
        String user = TestKeys.create("acme", List.of("read", "generate"));
        String reader = TestKeys.create("acme", List.of("read"));
        String writer = TestKeys.create("acme", List.of("generate"));
        String admin = TestKeys.create("acme", List.of("admin"));
        String revoked = TestKeys.create("acme", List.of("read", "generate", "admin"));
        String expired = TestKeys.create("acme", List.of("read", "generate", "admin"));
        String other = TestKeys.create("rival", List.of("read", "generate", "admin"));
        as(admin).delete("/api/keys/" + TestKeys.id(revoked)).then().statusCode(204);
        TestKeys.sql(dataSource, "UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?",
                TestKeys.id(expired));
        long brief = as(user).contentType(ContentType.JSON)
                .body(Map.of("title", SECRET_TITLE, "items", List.of(Map.of("text", "Acme earnings leaked."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        long job = as(user).post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
        long feedToken = as(admin).contentType(ContentType.JSON).body("{}").post("/api/feed-tokens")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String file = audio.store(2_000).name();
        TestKeys.sql(dataSource, """
                UPDATE audio_job_item SET asset_id = (SELECT id FROM audio_asset WHERE storage_key = ?),
                    state = 'completed', finished_at = now() WHERE job_id = ?""", file, job);
        fixture = new Fixture(Map.of(Scope.READ, writer, Scope.GENERATE, reader, Scope.ADMIN, user),
                revoked, expired, other, brief, job, TestKeys.id(user), feedToken, file);
    }

    /**
     * Endpoints that take no key: the auth-off feed (404 with auth on) and a tenant's private feed and its chapters,
     * where the feed token stands in for the key ({@link #shouldServeAPrivateFeedOnlyWithItsToken}).
     */
    private static final List<String> FEED_ENDPOINTS = List.of("GET /feeds/briefs.rss", "GET /feeds/{}/briefs.rss",
            "GET /feeds/{}/jobs/{}/chapters.json");

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/briefs", "{\"title\": \"x\", \"items\": [{\"text\": \"y\"}]}", Scope.GENERATE, false),
                new Endpoint("GET", "/api/briefs", null, Scope.READ, false),
                new Endpoint("GET", "/api/briefs/{brief}", null, Scope.READ, true),
                new Endpoint("GET", "/api/briefs/{brief}/stats", null, Scope.READ, true),
                new Endpoint("DELETE", "/api/briefs/{brief}", null, Scope.GENERATE, true),
                new Endpoint("POST", "/api/brief/{brief}/audio/generate", "{}", Scope.GENERATE, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/status", null, Scope.READ, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/chapters.json", null, Scope.READ, true),
                new Endpoint("POST", "/api/brief/audio/job/{job}/cancel", null, Scope.GENERATE, true),
                new Endpoint("POST", "/api/brief/audio/job/{job}/retry", null, Scope.GENERATE, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/events", null, Scope.READ, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/items/{position}/marks.jsonl", null, Scope.READ, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/transcript.vtt", null, Scope.READ, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/transcript.json", null, Scope.READ, true),
                new Endpoint("GET", "/api/brief/audio/job/{job}/transcript.srt", null, Scope.READ, true),
                new Endpoint("POST", "/api/webhooks", "{\"url\": \"https://example.com/hook\", \"events\": [\"job.completed\"]}",
                        Scope.GENERATE, false),
                new Endpoint("GET", "/api/webhooks", null, Scope.READ, false),
                new Endpoint("GET", "/api/webhooks/{webhook}", null, Scope.READ, false),
                new Endpoint("DELETE", "/api/webhooks/{webhook}", null, Scope.GENERATE, false),
                new Endpoint("GET", "/api/webhooks/{webhook}/deliveries", null, Scope.READ, false),
                new Endpoint("POST", "/api/lexicon", "{\"grapheme\": \"NATO\", \"alias\": \"nay-toe\"}", Scope.GENERATE, false),
                new Endpoint("GET", "/api/lexicon", null, Scope.READ, false),
                new Endpoint("DELETE", "/api/lexicon/{webhook}", null, Scope.GENERATE, false),
                new Endpoint("POST", "/v1/audio/speech", "{\"model\": \"tts-1\", \"input\": \"x\", \"voice\": \"alloy\"}",
                        Scope.GENERATE, false),
                new Endpoint("GET", "/v1/models", null, Scope.READ, false),
                new Endpoint("GET", "/v1/models/{model}", null, Scope.READ, false),
                new Endpoint("GET", "/api/voices", null, Scope.READ, false),
                new Endpoint("POST", "/api/voices", null, Scope.GENERATE, false),
                new Endpoint("GET", "/api/voices/{voice}", null, Scope.READ, false),
                new Endpoint("DELETE", "/api/voices/{voice}", null, Scope.GENERATE, false),
                new Endpoint("POST", "/api/keys", "{\"name\": \"k\", \"scopes\": [\"read\"]}", Scope.ADMIN, false),
                new Endpoint("GET", "/api/keys", null, Scope.ADMIN, false),
                new Endpoint("GET", "/api/keys/{key}", null, Scope.ADMIN, true),
                new Endpoint("DELETE", "/api/keys/{key}", null, Scope.ADMIN, true),
                new Endpoint("POST", "/api/feed-tokens", "{}", Scope.ADMIN, false),
                new Endpoint("GET", "/api/feed-tokens", null, Scope.ADMIN, false),
                new Endpoint("GET", "/api/feed-tokens/{feed}", null, Scope.ADMIN, true),
                new Endpoint("DELETE", "/api/feed-tokens/{feed}", null, Scope.ADMIN, true),
                new Endpoint("GET", "/audio/{audio}", null, Scope.READ, true),
                new Endpoint("HEAD", "/audio/{audio}", null, Scope.READ, true));
    }

    private static Response call(RequestSpecification request, Endpoint endpoint) {
        String path = endpoint.path().replace("{brief}", Long.toString(fixture.brief()))
                .replace("{job}", Long.toString(fixture.job())).replace("{key}", Long.toString(fixture.key()))
                .replace("{feed}", Long.toString(fixture.feedToken())).replace("{audio}", fixture.audioFile())
                .replace("{position}", "1").replace("{voice}", "custom-0123456789ab").replace("{webhook}", "1").replace("{model}", "tts-1");
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        } else if (endpoint.method().equals("POST") && endpoint.path().equals("/api/voices")) {
            request = request.multiPart("name", "A voice"); // the upload is multipart by contract
        }
        return request.request(endpoint.method(), path);
    }

    private static void assertRefused(Response response, Endpoint endpoint, int status, String type) {
        assertThat(response.statusCode()).as(endpoint + " status").isEqualTo(status);
        String body = response.asString();
        assertThat(body).as(endpoint + " body").doesNotContain(SECRET_TITLE).doesNotContain("Acme earnings")
                .doesNotContain("\"key\"").doesNotContain("\"token\"");
        if (endpoint.path().startsWith("/v1/")) {
            // The OpenAI-compatible endpoints answer every error in OpenAI's body; the code is the problem's slug.
            assertThat(response.jsonPath().getString("error.code")).as(endpoint + " OpenAI error code").isEqualTo(type);
        } else if (!endpoint.method().equals("HEAD")) {
            assertThat(response.contentType()).as(endpoint + " content type").startsWith(PROBLEM);
            assertThat(response.jsonPath().getString("type")).as(endpoint + " type").isEqualTo("urn:briefaudio:problem:" + type);
        }
    }

    private void eachEndpoint(Function<Endpoint, RequestSpecification> request, int status, String type) {
        for (Endpoint endpoint : endpoints()) {
            Response response = call(request.apply(endpoint), endpoint);
            assertRefused(response, endpoint, status, type);
            if (status == 401) {
                assertThat(response.header("WWW-Authenticate")).as(endpoint + " challenge").startsWith("Bearer");
            }
        }
    }

    @Test
    void shouldAnswer401WithoutAKey() {
        eachEndpoint(e -> given(), 401, "unauthorized");
    }

    @Test
    void shouldAnswer401ForAnUnknownKey() {
        eachEndpoint(e -> as("ba_1_not-a-real-key"), 401, "unauthorized");
        eachEndpoint(e -> given().header("X-API-Key", "ba_999_wrong"), 401, "unauthorized");
    }

    @Test
    void shouldAnswer401ForARevokedKey() {
        eachEndpoint(e -> as(fixture.revoked()), 401, "unauthorized");
    }

    @Test
    void shouldAnswer401ForAnExpiredKey() {
        eachEndpoint(e -> given().header("X-API-Key", fixture.expired()), 401, "unauthorized");
    }

    @Test
    void shouldAnswer403ForAKeyWithoutTheScope() {
        eachEndpoint(e -> as(fixture.wrongScope().get(e.scope())), 403, "forbidden");
    }

    @Test
    void shouldAnswerAnotherTenantsIdsExactlyAsUnknownIds() {
        for (Endpoint endpoint : endpoints().stream().filter(Endpoint::ownedId).toList()) {
            Response response = call(as(fixture.other()), endpoint);
            assertRefused(response, endpoint, 404, "not-found");
            if (!endpoint.method().equals("HEAD")) {
                String detail = response.jsonPath().getString("detail");
                Response unknown = call(as(fixture.other()), new Endpoint(endpoint.method(),
                        endpoint.path().replaceAll("\\{(brief|job|key|feed)}", "987654321"), endpoint.body(),
                        endpoint.scope(), true));
                if (!endpoint.path().contains("{audio}")) {
                    assertThat(unknown.statusCode()).isEqualTo(404);
                    assertThat(detail.replaceAll("[0-9]+", "N"))
                            .isEqualTo(unknown.jsonPath().getString("detail").replaceAll("[0-9]+", "N"));
                }
            }
        }
        // Nothing changed: the job was neither cancelled nor retried, the key still works.
        as(TestKeys.create("acme", List.of("read"))).get("/api/brief/audio/job/" + fixture.job() + "/status")
                .then().statusCode(200);
    }

    @Test
    void shouldListOnlyTheCallersOwnTenant() {
        String briefs = as(fixture.other()).get("/api/briefs?size=100").then().statusCode(200).extract().asString();
        assertThat(briefs).doesNotContain(SECRET_TITLE);
        String keys = as(fixture.other()).get("/api/keys").then().statusCode(200).extract().asString();
        assertThat(keys).doesNotContain("\"acme\"").contains("\"rival\"");
        String tokens = as(fixture.other()).get("/api/feed-tokens").then().statusCode(200).extract().asString();
        assertThat(tokens).isEqualTo("[]");
    }

    @Test
    void shouldServeAPrivateFeedOnlyWithItsToken() {
        String token = as(fixture.other()).contentType(ContentType.JSON).body("{}").post("/api/feed-tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
        String feed = given().get("/feeds/" + token + "/briefs.rss").then().statusCode(200).extract().asString();
        assertThat(feed).contains("/feeds/" + token + "/briefs.rss").doesNotContain(SECRET_TITLE);
        given().get("/feeds/" + token + "x/briefs.rss").then().statusCode(404);
        // Another tenant's job through this tenant's token is unknown, as its status is.
        given().get("/feeds/" + token + "/jobs/" + fixture.job() + "/chapters.json").then().statusCode(404);
        // With auth on there is no public feed.
        given().get("/feeds/briefs.rss").then().statusCode(404);
    }

    @Test
    void shouldCoverEveryEndpointOfTheOpenApiDocument() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("get", "head", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path.replaceAll("\\{[^}]*}", "{}"))));
        documented.removeIf(e -> e.contains(" /test-"));
        List<String> covered = new java.util.ArrayList<>(endpoints().stream()
                .map(e -> e.method() + " " + e.path().replaceAll("\\{[^}]*}", "{}")).toList());
        covered.addAll(FEED_ENDPOINTS);
        assertThat(covered).containsAll(documented);
    }

    @Test
    void shouldKeepHealthMetricsOpenApiAndThePageOpen() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/", "/app.js", "/styles.css")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }
}
