package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.testing.PostgresDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AuthOnProfile.class)
class ApiKeyTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    FeedTokens feedTokens;

    @Test
    void shouldShowTheKeyOnceAndListOnlyItsPrefix() {
        JsonPath created = as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "scopes", List.of("read", "generate"), "tenant", "listing",
                        "expires_at", "2099-01-01T00:00:00Z",
                        "limits", Map.of("generate_per_minute", 7, "characters_per_day", 5000)))
                .post("/api/keys").then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("name", equalTo("ci")).body("tenant", equalTo("listing"))
                .body("scopes", equalTo(List.of("read", "generate")))
                .body("limits.generate_per_minute", equalTo(7)).body("limits.characters_per_day", equalTo(5000))
                .body("expires_at", equalTo("2099-01-01T00:00:00Z"))
                .extract().jsonPath();
        String key = created.getString("key");
        long id = created.getLong("id");
        assertThat(key).startsWith("ba_" + id + "_").hasSizeGreaterThan(40);

        String listed = as(AuthOnProfile.OPERATOR_KEY).get("/api/keys").then().statusCode(200).extract().asString();
        assertThat(listed).contains("\"prefix\":\"ba_" + id + "\"").doesNotContain(key.substring(key.lastIndexOf('_') + 1))
                .doesNotContain("\"key\"");
        assertThat(as(key).get("/api/voices").statusCode()).isEqualTo(200);
        assertThat(given().header("X-API-Key", key).get("/api/voices").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseLimitsThatAreNotIntegers() {
        // 1.5 was stored as 1 (issue 31.9); nor are "5" or true numbers.
        for (Object limit : new Object[] {1.5, "5", true, 1e3}) {
            as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON)
                    .body(Map.of("name", "frac", "scopes", List.of("read"), "tenant", "fractions",
                            "limits", Map.of("generate_per_minute", limit)))
                    .post("/api/keys").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limits.generate_per_minute"))
                    .body("errors[0].message", equalTo("must be an integer"));
        }
    }

    @Test
    void shouldAcceptAnOperatorKeyPrintedByTheTool() throws Exception {
        ProcessBuilder tool = new ProcessBuilder("bash", "../tools/new-api-key.sh", "tool test").redirectErrorStream(true);
        tool.environment().putAll(Map.of("PGHOST", PostgresDatabases.HOST, "PGPORT", PostgresDatabases.PORT,
                "PGUSER", PostgresDatabases.USER, "PGPASSWORD", PostgresDatabases.PASSWORD,
                "PGDATABASE", "briefaudio_api_test" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "")));
        Process process = tool.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).matches("ba_[0-9]+_[A-Za-z0-9_-]{43}");
        as(output).contentType(ContentType.JSON).body(Map.of("name", "made by tool key", "scopes", List.of("read"),
                "tenant", "from-tool")).post("/api/keys").then().statusCode(201);
        as(output).get("/api/keys").then().statusCode(200);
    }

    @Test
    void shouldRevokeAtOnce() {
        String key = TestKeys.create("revoking", List.of("read"));
        as(key).get("/api/briefs").then().statusCode(200);
        as(AuthOnProfile.OPERATOR_KEY).delete("/api/keys/" + TestKeys.id(key)).then().statusCode(204);
        as(key).get("/api/briefs").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void shouldRecordLastUse() {
        String key = TestKeys.create("usage", List.of("read"));
        as(key).get("/api/voices").then().statusCode(200);
        String listed = as(AuthOnProfile.OPERATOR_KEY).get("/api/keys").then().extract().jsonPath()
                .getString("find { it.id == " + TestKeys.id(key) + " }.last_used_at");
        assertThat(listed).isNotNull();
    }

    @Test
    void shouldLetOnlyOperatorsNameTenantsOrCreateOperatorKeys() {
        String admin = TestKeys.create("tenant-a", List.of("read", "admin"));
        as(admin).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("read"), "tenant", "tenant-b"))
                .post("/api/keys").then().statusCode(403).body("type", equalTo("urn:briefaudio:problem:forbidden"));
        as(admin).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("admin"), "operator", true))
                .post("/api/keys").then().statusCode(403);
        as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("read"), "limits", Map.of("generate_per_minute", 1000)))
                .post("/api/keys").then().statusCode(403);
        String own = as(admin).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("read")))
                .post("/api/keys").then().statusCode(201).body("tenant", equalTo("tenant-a")).body("operator", equalTo(false))
                .extract().jsonPath().getString("key");
        String foreign = TestKeys.create("tenant-b", List.of("read"));
        as(admin).delete("/api/keys/" + TestKeys.id(foreign)).then().statusCode(404);
        as(foreign).get("/api/voices").then().statusCode(200);
        as(admin).delete("/api/keys/" + TestKeys.id(own)).then().statusCode(204);
    }

    @Test
    void shouldRejectInvalidKeyRequests() {
        as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON).body(Map.of("name", "", "scopes", List.of("root")))
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", equalTo(List.of("name", "scopes[0]")));
        as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "old", "scopes", List.of("read"), "expires_at", "2001-01-01T00:00:00Z"))
                .post("/api/keys").then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
    }

    @Test
    void shouldKeepIdempotencyKeysApartBetweenTenants() {
        String first = TestKeys.create("idem-one", List.of("read", "generate"));
        String second = TestKeys.create("idem-two", List.of("read", "generate"));
        String sameKey = "same-key-for-both-" + java.util.UUID.randomUUID(); // the test database outlives a run
        for (String key : List.of(first, second)) {
            long brief = as(key).contentType(ContentType.JSON)
                    .body(Map.of("title", "t", "items", List.of(Map.of("text", "Some words."))))
                    .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
            as(key).header("Idempotency-Key", sameKey).post("/api/brief/" + brief + "/audio/generate")
                    .then().statusCode(202);
        }
    }

    @Test
    void shouldResolveAndRevokeFeedTokens() {
        String admin = TestKeys.create("podcasts", List.of("admin"));
        JsonPath created = as(admin).contentType(ContentType.JSON).body(Map.of("name", "phone"))
                .post("/api/feed-tokens").then().statusCode(201).extract().jsonPath();
        String token = created.getString("token");
        // Absolute, for podcast apps, from briefaudio.http.public-base-url (issue 31.6); it was a bare path.
        assertThat(created.getString("feed_url")).isEqualTo(AuthOnProfile.PUBLIC_BASE_URL + "/feeds/" + token + "/briefs.rss");
        long tenant = feedTokens.tenantFor(token).orElseThrow();
        assertThat(feedTokens.tenantFor(token + "x")).isEmpty();
        // An endpoint declared @PublicEndpoint(feedToken = true) runs as the token's tenant without a key.
        given().get("/test-feeds/" + token + "/tenant").then().statusCode(200).body(equalTo(Long.toString(tenant)));
        given().get("/test-feeds/" + token + "x/tenant").then().statusCode(404);
        as(admin).get("/api/feed-tokens").then().statusCode(200).body("[0].name", equalTo("phone"))
                .body("[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("token")));
        String rival = TestKeys.create("podcasts-rival", List.of("admin"));
        as(rival).delete("/api/feed-tokens/" + created.getLong("id")).then().statusCode(404);
        assertThat(feedTokens.tenantFor(token)).hasValue(tenant);
        as(admin).delete("/api/feed-tokens/" + created.getLong("id")).then().statusCode(204);
        assertThat(feedTokens.tenantFor(token)).isEmpty();
        given().get("/test-feeds/" + token + "/tenant").then().statusCode(404);
    }
}
