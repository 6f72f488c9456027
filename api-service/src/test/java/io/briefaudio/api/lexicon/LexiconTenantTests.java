package io.briefaudio.api.lexicon;

import static io.briefaudio.api.access.TestKeys.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.briefaudio.api.access.AuthOnProfile;
import io.briefaudio.api.access.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lexicons with auth on: each tenant has its own, within the entry limit (3 here). */
@QuarkusTest
@TestProfile(LexiconTenantTests.SmallLexicons.class)
class LexiconTenantTests {

    public static class SmallLexicons extends AuthOnProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("briefaudio.lexicon.max-entries", "3");
            return config;
        }
    }

    @Test
    void shouldKeepEachTenantsLexiconItsOwn() {
        String newsroom = TestKeys.create("lexicon-newsroom", List.of("read", "generate"));
        String rival = TestKeys.create("lexicon-rival", List.of("read", "generate"));
        long id = as(newsroom).contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "nay-toe"))
                .post("/api/lexicon").then().statusCode(201).extract().jsonPath().getLong("id");
        as(rival).get("/api/lexicon").then().statusCode(200).body("total", equalTo(0));
        as(rival).delete("/api/lexicon/" + id).then().statusCode(404);
        // The same word in another tenant is no conflict.
        as(rival).contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "N A T O"))
                .post("/api/lexicon").then().statusCode(201);
        assertThat(as(newsroom).get("/api/lexicon").then().statusCode(200).extract().jsonPath()
                .getList("entries.alias", String.class)).containsExactly("nay-toe");
    }

    @Test
    void shouldImportAnExportIntoAnotherTenantAsTheSameEntries() {
        String source = TestKeys.create("lexicon-export", List.of("read", "generate"));
        String target = TestKeys.create("lexicon-import", List.of("read", "generate"));
        as(source).contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "nay-toe"))
                .post("/api/lexicon").then().statusCode(201);
        as(source).contentType(ContentType.JSON).body(Map.of("grapheme", "Nguyen", "alias", "win", "case_sensitive", true,
                "language", "en", "phoneme", Map.of("alphabet", "ipa", "ph", "ŋwiən"))).post("/api/lexicon").then().statusCode(201);
        as(source).contentType(ContentType.JSON).body(Map.of("grapheme", "Reading", "alias", "Redding", "language", "de"))
                .post("/api/lexicon").then().statusCode(201);
        byte[] exported = as(source).accept(LexiconPlsTests.PLS).get("/api/lexicon").then().statusCode(200)
                .extract().asByteArray();
        as(target).contentType(LexiconPlsTests.PLS).body(exported).post("/api/lexicon").then().statusCode(200)
                .body("added", equalTo(3)).body("replaced", equalTo(0));
        assertThat(entries(target)).isEqualTo(entries(source));
    }

    private static List<Map<String, Object>> entries(String key) {
        List<Map<String, Object>> entries = as(key).get("/api/lexicon").then().statusCode(200).extract().jsonPath()
                .getList("entries");
        entries.forEach(e -> {
            e.remove("id");
            e.remove("created_at");
        });
        return entries;
    }

    @Test
    void shouldAnswer413PastTheEntryLimit() {
        String key = TestKeys.create("lexicon-full", List.of("read", "generate"));
        for (String word : List.of("one", "two", "three")) {
            as(key).contentType(ContentType.JSON).body(Map.of("grapheme", word, "alias", word + "!"))
                    .post("/api/lexicon").then().statusCode(201);
        }
        as(key).contentType(ContentType.JSON).body(Map.of("grapheme", "four", "alias", "for"))
                .post("/api/lexicon").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:payload-too-large"));
        as(key).contentType(LexiconPlsTests.PLS).body(LexiconPlsTests.OPEN
                        + "<lexeme><grapheme>five</grapheme><alias>5</alias></lexeme></lexicon>")
                .post("/api/lexicon").then().statusCode(413).contentType("application/problem+json");
        // A document in no particular language (und) names the same words as entries for any language.
        as(key).contentType(LexiconPlsTests.PLS).body(LexiconPlsTests.OPEN.replace("en-US", "und")
                        + "<lexeme><grapheme>one</grapheme><alias>won</alias></lexeme></lexicon>")
                .post("/api/lexicon").then().statusCode(200).body("replaced", equalTo(1));
    }

    @Test
    void shouldNeedReadToListAndGenerateToChange() {
        String reader = TestKeys.create("lexicon-scopes", List.of("read"));
        String writer = TestKeys.create("lexicon-scopes", List.of("generate"));
        as(reader).get("/api/lexicon").then().statusCode(200);
        as(reader).contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "x"))
                .post("/api/lexicon").then().statusCode(403);
        as(writer).get("/api/lexicon").then().statusCode(403);
        long id = as(writer).contentType(ContentType.JSON).body(Map.of("grapheme", "NATO", "alias", "x"))
                .post("/api/lexicon").then().statusCode(201).extract().jsonPath().getLong("id");
        as(reader).delete("/api/lexicon/" + id).then().statusCode(403);
        as(writer).delete("/api/lexicon/" + id).then().statusCode(204);
    }
}
