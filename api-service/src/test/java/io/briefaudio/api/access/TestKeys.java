package io.briefaudio.api.access;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates keys through the API with the bootstrap operator key, and ages or revokes them in the database. */
public final class TestKeys {

    private TestKeys() {
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    public static String create(String tenant, List<String> scopes) {
        return create(tenant, scopes, null);
    }

    public static String create(String tenant, List<String> scopes, Map<String, Object> limits) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "test " + String.join("+", scopes), "scopes", scopes,
                "tenant", tenant));
        if (limits != null) {
            body.put("limits", limits);
        }
        return as(AuthOnProfile.OPERATOR_KEY).contentType(ContentType.JSON).body(body)
                .post("/api/keys").then().statusCode(201).extract().jsonPath().getString("key");
    }

    public static long id(String key) {
        return Long.parseLong(key.split("_")[1]);
    }

    public static void sql(AgroalDataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
