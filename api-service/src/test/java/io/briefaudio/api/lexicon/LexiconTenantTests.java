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
    void shouldAnswer413PastTheEntryLimit() {
        String key = TestKeys.create("lexicon-full", List.of("read", "generate"));
        for (String word : List.of("one", "two", "three")) {
            as(key).contentType(ContentType.JSON).body(Map.of("grapheme", word, "alias", word + "!"))
                    .post("/api/lexicon").then().statusCode(201);
        }
        as(key).contentType(ContentType.JSON).body(Map.of("grapheme", "four", "alias", "for"))
                .post("/api/lexicon").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:payload-too-large"));
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
