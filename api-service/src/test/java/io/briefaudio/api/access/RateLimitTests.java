package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AuthOnProfile.class)
class RateLimitTests {

    @Inject
    AgroalDataSource dataSource;

    private static long brief(String key, String text) {
        return as(key).contentType(ContentType.JSON).body(Map.of("title", "t", "items", List.of(Map.of("text", text))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Per-minute windows are fixed: start a test that counts calls early in a minute, not across two. */
    private static void awaitFreshMinute() throws InterruptedException {
        int second = java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond();
        if (second > 45) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    @Test
    void shouldRefuseTheCallAfterThePerMinuteLimitWith429() throws InterruptedException {
        awaitFreshMinute();
        String key = TestKeys.create("limited", List.of("read", "generate"), Map.of("generate_per_minute", 2));
        for (int i = 0; i < 2; i++) {
            as(key).post("/api/brief/" + brief(key, "Call " + i + ".") + "/audio/generate").then().statusCode(202);
        }
        long third = brief(key, "Third call.");
        Response refused = as(key).post("/api/brief/" + third + "/audio/generate");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:rate-limited"))
                .body("limit", equalTo("generate_per_minute"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(jobsOf(third)).isZero();
    }

    @Test
    void shouldRefuseAJobThatWouldPassTheDailyCharacterLimit() {
        String key = TestKeys.create("chars", List.of("read", "generate"), Map.of("characters_per_day", 30));
        as(key).post("/api/brief/" + brief(key, "Twenty characters!!.") + "/audio/generate").then().statusCode(202);
        long second = brief(key, "Another twenty chars");
        Response refused = as(key).post("/api/brief/" + second + "/audio/generate");
        refused.then().statusCode(429).body("limit", equalTo("characters_per_day"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 86_400);
        assertThat(jobsOf(second)).isZero();
        // The refused call was rolled back with its job, so it did not use up a generate call either.
        assertThat(used(TestKeys.id(key), "generate_per_minute")).isEqualTo(1);
        assertThat(used(TestKeys.id(key), "characters_per_day")).isEqualTo(20);
    }

    @Test
    void shouldAdmitExactlyTheLimitUnderConcurrentCalls() throws Exception {
        String key = TestKeys.create("concurrent", List.of("read", "generate"), Map.of("generate_per_minute", 5));
        List<Long> briefs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            briefs.add(brief(key, "Concurrent brief " + i + "."));
        }
        awaitFreshMinute();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (long brief : briefs) {
                calls.add(pool.submit(() -> as(key).post("/api/brief/" + brief + "/audio/generate").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(5);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
    }

    private long jobsOf(long brief) {
        return query("SELECT count(*) FROM audio_job WHERE brief_id = ?", brief);
    }

    private long used(long keyId, String limit) {
        return query("SELECT coalesce(sum(used), 0) FROM api_key_usage WHERE key_id = ? AND limit_name = ?", keyId, limit);
    }

    private long query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
