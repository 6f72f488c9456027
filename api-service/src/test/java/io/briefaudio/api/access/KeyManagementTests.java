package io.briefaudio.api.access;

import static io.briefaudio.api.access.TestKeys.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may manage keys (docs/api.md, "Who may manage keys"): a key hands out no more than it holds, and only
 * operators touch operator keys and other tenants.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class KeyManagementTests {

    private static final String FORBIDDEN = "urn:briefaudio:problem:forbidden";

    /** Creates a key with the bootstrap operator key; {@code extra} adds fields such as expires_at or operator. */
    private static String key(String tenant, List<String> scopes, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "matrix", "scopes", scopes, "tenant", tenant));
        body.putAll(extra);
        return as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON).body(body).post("/api/keys")
                .then().statusCode(201).extract().jsonPath().getString("key");
    }

    private static ValidatableResponse mint(String by, Map<String, Object> body) {
        return as(by).contentType(ContentType.JSON).body(body).post("/api/keys").then();
    }

    private static String in(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void shouldNotLetATenantAdminRevokeAnOperatorKeyOfItsTenant() {
        String operator = key("default", List.of("read", "admin"), Map.of("operator", true));
        String admin = key("default", List.of("read", "admin"), Map.of());
        as(admin).delete("/api/keys/" + TestKeys.id(operator)).then().statusCode(403)
                .body("type", equalTo(FORBIDDEN)).body("detail", containsString("operator"));
        as(operator).get("/api/keys").then().statusCode(200);
        // An operator may revoke it, and any other tenant's key.
        String foreign = key("elsewhere", List.of("read"), Map.of());
        as(operator).delete("/api/keys/" + TestKeys.id(foreign)).then().statusCode(204);
        as(AuthOnProfile.OPERATOR_KEY).delete("/api/keys/" + TestKeys.id(operator)).then().statusCode(204);
        as(operator).get("/api/keys").then().statusCode(401);
    }

    @Test
    void shouldLetATenantAdminRevokeItsTenantsOtherKeysButNotFindAnotherTenants() {
        String admin = key("revokers", List.of("admin"), Map.of());
        String broader = key("revokers", List.of("read", "generate", "admin"), Map.of());
        String foreign = key("revokers-rival", List.of("read"), Map.of());
        as(admin).delete("/api/keys/" + TestKeys.id(foreign)).then().statusCode(404);
        as(foreign).get("/api/voices").then().statusCode(200);
        as(admin).delete("/api/keys/" + TestKeys.id(broader)).then().statusCode(204);
        as(broader).get("/api/voices").then().statusCode(401);
    }

    @Test
    void shouldMintOnlyKeysWithScopesTheMintingKeyHolds() {
        String adminOnly = key("default", List.of("admin"), Map.of());
        mint(adminOnly, Map.of("name", "wider", "scopes", List.of("read", "generate", "admin"))).statusCode(403)
                .body("type", equalTo(FORBIDDEN)).body("detail", containsString("lacks read, generate"));
        mint(adminOnly, Map.of("name", "reader", "scopes", List.of("read"))).statusCode(403);
        mint(adminOnly, Map.of("name", "same", "scopes", List.of("admin"))).statusCode(201);

        String readerAdmin = key("default", List.of("read", "admin"), Map.of());
        String reader = mint(readerAdmin, Map.of("name", "reader", "scopes", List.of("read"))).statusCode(201)
                .extract().jsonPath().getString("key");
        as(reader).get("/api/briefs").then().statusCode(200);
        mint(readerAdmin, Map.of("name", "writer", "scopes", List.of("generate"))).statusCode(403);
    }

    @Test
    void shouldHoldOperatorKeysToTheirOwnScopesToo() {
        String operatorAdmin = key("default", List.of("admin"), Map.of("operator", true));
        mint(operatorAdmin, Map.of("name", "writer", "scopes", List.of("generate"), "tenant", "ops-made")).statusCode(403)
                .body("detail", containsString("lacks generate"));
        mint(operatorAdmin, Map.of("name", "admin", "scopes", List.of("admin"), "tenant", "ops-made")).statusCode(201)
                .body("tenant", equalTo("ops-made"));
    }

    @Test
    void shouldMintOnlyKeysThatExpireNoLaterThanTheMintingKey() {
        String hourLong = key("default", List.of("read", "admin"), Map.of("expires_at", in(3600)));
        mint(hourLong, Map.of("name", "forever", "scopes", List.of("read"))).statusCode(403)
                .body("type", equalTo(FORBIDDEN)).body("detail", containsString("expires at"));
        mint(hourLong, Map.of("name", "longer", "scopes", List.of("read"), "expires_at", in(7200))).statusCode(403);
        String shorter = in(1800);
        mint(hourLong, Map.of("name", "shorter", "scopes", List.of("read"), "expires_at", shorter)).statusCode(201)
                .body("expires_at", equalTo(shorter));

        String operatorHour = key("default", List.of("read", "admin"), Map.of("operator", true, "expires_at", in(3600)));
        mint(operatorHour, Map.of("name", "forever", "scopes", List.of("read"), "tenant", "ops-made")).statusCode(403);
    }

    @Test
    void shouldLeaveNoKeyBehindWhenRefusingOne() {
        String adminOnly = key("refusals", List.of("admin"), Map.of());
        mint(adminOnly, Map.of("name", "refused-wider", "scopes", List.of("read", "generate", "admin"))).statusCode(403);
        String listed = as(adminOnly).get("/api/keys").then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain("refused-wider");
    }
}
