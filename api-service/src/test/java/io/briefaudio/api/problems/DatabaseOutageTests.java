package io.briefaudio.api.problems;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.briefaudio.shared.testing.PostgresDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database behind a proxy that the test cuts: answers become 503 with Retry-After, readiness DOWN. */
@QuarkusTest
@TestProfile(DatabaseOutageTests.BehindProxy.class)
class DatabaseOutageTests {

    static final TcpProxy PROXY;

    static {
        try {
            PROXY = new TcpProxy(PostgresDatabases.HOST, Integer.parseInt(PostgresDatabases.PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String database = "briefaudio_api_test" + System.getenv().getOrDefault("TEST_PG_DB_SUFFIX", "");
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + database,
                    "quarkus.datasource.jdbc.acquisition-timeout", "2s",
                    "quarkus.datasource.jdbc.login-timeout", "2s");
        }
    }

    @AfterEach
    void restore() {
        PROXY.restore();
    }

    @Test
    void shouldAnswer503WithRetryAfterAndReportNotReadyWhileTheDatabaseIsDown() throws InterruptedException {
        given().get("/api/briefs").then().statusCode(200);

        PROXY.cut();

        given().get("/api/briefs").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("urn:briefaudio:problem:database-unavailable"));
        given().contentType(ContentType.JSON).body("{}").post("/api/brief/1/audio/generate").then().statusCode(503)
                .header("Retry-After", "5");
        given().get("/api/brief/audio/job/1/status").then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);

        PROXY.restore();
        awaitStatus("/api/briefs", 200, Duration.ofSeconds(30));
        awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
    }

    private static void awaitStatus(String path, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = given().get(path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " still answers " + last + " after " + timeout);
    }
}
