package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys are each tenant's own: no key one tenant sends finds, reveals or pre-claims another tenant's
 * job, whatever its spelling (until round 3 other tenants' keys were stored as {@code tenant-{id}:{sha256}} in
 * one namespace with tenant 1's raw keys).
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class TenantIdempotencyTests {

    @Inject
    AgroalDataSource dataSource;

    private static long brief(String key) {
        return as(key).contentType(ContentType.JSON)
                .body(Map.of("title", "t", "items", List.of(Map.of("text", "Some words."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ExtractableResponse<Response> generate(String key, long brief, String idempotencyKey) {
        return as(key).header("Idempotency-Key", idempotencyKey).post("/api/brief/" + brief + "/audio/generate")
                .then().extract();
    }

    /** The form round 2 stored another tenant's key in: {@code tenant-{id}:{hex SHA-256}}. */
    private String storedForm(String tenant, String idempotencyKey) {
        return "tenant-" + tenantId(tenant) + ":" + HexFormat.of().formatHex(Secrets.sha256(idempotencyKey));
    }

    private long tenantId(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM tenant WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("tenant " + name).isTrue();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldNotFindOrNameAnotherTenantsJobThroughItsStoredKey() {
        String victim = TestKeys.create("idem-victim", List.of("read", "generate"));
        String attacker = TestKeys.create("default", List.of("read", "generate"));
        String secretKey = "victim-key-" + UUID.randomUUID();
        long victimJob = generate(victim, brief(victim), secretKey).jsonPath().getLong("job_id");

        var answer = generate(attacker, brief(attacker), storedForm("idem-victim", secretKey));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        assertThat(answer.jsonPath().getLong("job_id")).isNotEqualTo(victimJob);
        assertThat(answer.asString()).doesNotContain("another brief");
    }

    @Test
    void shouldNotLetAnotherTenantPreClaimAFutureKey() {
        String victim = TestKeys.create("idem-preclaimed", List.of("read", "generate"));
        String attacker = TestKeys.create("default", List.of("read", "generate"));
        String futureKey = "future-key-" + UUID.randomUUID();
        long victimBrief = brief(victim);
        assertThat(generate(attacker, brief(attacker), storedForm("idem-preclaimed", futureKey)).statusCode())
                .isEqualTo(202);
        assertThat(generate(attacker, brief(attacker), futureKey).statusCode()).isEqualTo(202);

        var answer = generate(victim, victimBrief, futureKey);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        assertThat(answer.jsonPath().getString("status")).isEqualTo("queued");
        // The key now names the victim's own job, and a retry finds it.
        var retry = generate(victim, victimBrief, futureKey);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.jsonPath().getLong("job_id")).isEqualTo(answer.jsonPath().getLong("job_id"));
    }

    @Test
    void shouldNameOnlyTheTenantsOwnJobWhenItReusesItsKey() {
        String user = TestKeys.create("idem-reuser", List.of("read", "generate"));
        String idempotencyKey = "reused-" + UUID.randomUUID();
        long first = generate(user, brief(user), idempotencyKey).jsonPath().getLong("job_id");
        var answer = generate(user, brief(user), idempotencyKey);
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:briefaudio:problem:idempotency-key-reused");
        assertThat(answer.jsonPath().getString("detail")).contains("job " + first + " ");
    }
}
