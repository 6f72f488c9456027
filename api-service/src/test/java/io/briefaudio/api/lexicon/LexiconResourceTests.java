package io.briefaudio.api.lexicon;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LexiconResourceTests {

    private static final String PROBLEM = "application/problem+json";

    private static long add(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/lexicon")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void shouldAddAnAliasAndAnswer201WithItsId() {
        var created = given().contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "nay-toe"))
                .post("/api/lexicon").then().statusCode(201).extract();
        JsonPath body = created.jsonPath();
        long id = body.getLong("id");
        assertThat(created.header("Location")).endsWith("/api/lexicon/" + id);
        assertThat(body.getString("grapheme")).isEqualTo("NATO");
        assertThat(body.getString("alias")).isEqualTo("nay-toe");
        assertThat(body.getBoolean("case_sensitive")).isFalse();
        assertThat(body.getString("language")).isEqualTo("any");
        assertThat((Object) body.get("phoneme")).isNull();
    }

    @Test
    void shouldAddAPhonemeWithAnAliasInOneLanguage() {
        given().contentType(ContentType.JSON).body(Map.of("grapheme", "Nguyen",
                        "phoneme", Map.of("alphabet", "ipa", "ph", "ŋwiən"), "alias", "win", "language", "en",
                        "case_sensitive", true))
                .post("/api/lexicon").then().statusCode(201)
                .body("phoneme.alphabet", equalTo("ipa")).body("phoneme.ph", equalTo("ŋwiən"))
                .body("alias", equalTo("win")).body("language", equalTo("en")).body("case_sensitive", equalTo(true));
    }

    @Test
    void shouldListEntriesPagedOldestFirst() {
        long first = add(Map.of("grapheme", "Paged-one", "alias", "one"));
        long second = add(Map.of("grapheme", "Paged-two", "alias", "two"));
        JsonPath all = given().get("/api/lexicon?size=500").then().statusCode(200).extract().jsonPath();
        List<Long> ids = all.getList("entries.id", Long.class);
        assertThat(ids).containsSubsequence(first, second);
        assertThat(all.getLong("total")).isEqualTo(ids.size());
        given().get("/api/lexicon?page=0&size=1").then().statusCode(200)
                .body("entries.size()", equalTo(1)).body("size", equalTo(1)).body("page", equalTo(0));
        given().get("/api/lexicon?size=0").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/lexicon?size=501").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/lexicon?page=x").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldDeleteAnEntry() {
        long id = add(Map.of("grapheme", "Reading", "alias", "Redding", "case_sensitive", true));
        given().delete("/api/lexicon/" + id).then().statusCode(204);
        given().delete("/api/lexicon/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:not-found"));
        assertThat(given().get("/api/lexicon?size=500").then().extract().jsonPath().getList("entries.id", Long.class))
                .doesNotContain(id);
    }

    @Test
    void shouldRefuseASecondEntryForTheSameWordUnlessCaseOrLanguageDiffers() {
        add(Map.of("grapheme", "Xi", "alias", "shee"));
        given().contentType(ContentType.JSON).body(Map.of("grapheme", "xi", "alias", "zai")).post("/api/lexicon")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:conflict"));
        add(Map.of("grapheme", "xi", "alias", "ksee", "case_sensitive", true));
        add(Map.of("grapheme", "Xi", "alias", "ksi", "language", "de"));
    }

    @Test
    void shouldAnswer400NamingEachInvalidField() {
        invalid(Map.of("alias", "x"), "grapheme");
        invalid(Map.of("grapheme", "  ", "alias", "x"), "grapheme");
        invalid(Map.of("grapheme", "g".repeat(101), "alias", "x"), "grapheme");
        invalid(Map.of("grapheme", "NATO"), "alias");
        invalid(Map.of("grapheme", "NATO", "alias", ""), "alias");
        invalid(Map.of("grapheme", "NATO", "alias", "<b>x</b>"), "alias");
        invalid(Map.of("grapheme", "a\u0001b", "alias", "x"), "grapheme");
        invalid(Map.of("grapheme", "!!!", "alias", "x"), "grapheme");
        invalid(Map.of("grapheme", "NATO", "phoneme", Map.of("alphabet", "x-sampa", "ph", "neItoU")), "phoneme.alphabet");
        invalid(Map.of("grapheme", "NATO", "phoneme", Map.of("alphabet", "ipa", "ph", "")), "phoneme.ph");
        invalid(Map.of("grapheme", "NATO", "phoneme", Map.of("alphabet", "ipa", "ph", "[[n'eItoU]]")), "phoneme.ph");
        invalid(Map.of("grapheme", "NATO", "alias", "x", "language", "xx"), "language");
        given().contentType(ContentType.JSON).body("{\"grapheme\":\"NATO\",\"alias\":\"x\",\"extra\":1}")
                .post("/api/lexicon").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:unknown-field"));
        given().contentType(ContentType.JSON).body("{\"grapheme\":").post("/api/lexicon").then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void shouldAnswer404ForAnUnknownEntry() {
        given().delete("/api/lexicon/987654321").then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Lexicon entry 987654321 does not exist"));
    }

    private static void invalid(Object body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/lexicon").then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }
}
