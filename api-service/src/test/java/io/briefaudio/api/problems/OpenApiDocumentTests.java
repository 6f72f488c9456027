package io.briefaudio.api.problems;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what the API does (issue 31): the real status codes, the error answers, and the two
 * ways to present a key with each operation's scope, so that Swagger UI can authorize.
 */
@QuarkusTest
class OpenApiDocumentTests {

    private static JsonPath document() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldDeclareBearerAndApiKeySchemes() {
        JsonPath doc = document();
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.apiKey.type")).isEqualTo("apiKey");
        assertThat(doc.getString("components.securitySchemes.apiKey.in")).isEqualTo("header");
        assertThat(doc.getString("components.securitySchemes.apiKey.name")).isEqualTo("X-API-Key");
    }

    @Test
    void shouldGiveEachOperationItsScope() {
        JsonPath doc = document();
        assertThat(doc.getList("paths.'/api/briefs'.post.security")).containsExactly(
                Map.of("bearer", List.of("generate")), Map.of("apiKey", List.of("generate")));
        assertThat(doc.getList("paths.'/api/briefs'.get.security")).containsExactly(
                Map.of("bearer", List.of("read")), Map.of("apiKey", List.of("read")));
        assertThat(doc.getList("paths.'/api/keys'.post.security")).contains(Map.of("bearer", List.of("admin")));
        assertThat(doc.getList("paths.'/v1/audio/speech'.post.security")).contains(Map.of("apiKey", List.of("generate")));
        assertThat(doc.getMap("paths.'/audio/{filename}'.get")).doesNotContainKey("security");
        assertThat(doc.getString("paths.'/api/briefs'.post.operationId")).isEqualTo("BriefResource_create");
    }

    @Test
    void shouldDocumentTheStatusCodesAnswered() {
        JsonPath doc = document();
        // POST /api/briefs was documented as 200; it answers 201.
        assertThat(doc.getMap("paths.'/api/briefs'.post.responses")).containsKeys("201", "400", "401", "403", "413", "429")
                .doesNotContainKey("200");
        assertThat(doc.getMap("paths.'/api/brief/{brief_id}/audio/generate'.post.responses"))
                .containsKeys("202", "200", "404", "409", "429");
        assertThat(doc.getMap("paths.'/api/keys'.post.responses")).containsKey("201");
        assertThat(doc.getMap("paths.'/api/webhooks'.post.responses")).containsKey("201");
        assertThat(doc.getMap("paths.'/api/voices'.post.responses")).containsKey("201");
        assertThat(doc.getMap("paths.'/api/briefs/{id}'.get.responses")).containsKeys("200", "404");
        assertThat(doc.getString("paths.'/api/briefs'.post.responses.'400'.content.'application/problem+json'.schema.$ref"))
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.getString("paths.'/v1/audio/speech'.post.responses.'400'.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/OpenAIError");
    }
}
