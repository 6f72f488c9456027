package io.briefaudio.api.lexicon;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.briefaudio.shared.pronunciation.HostileXml;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LexiconPlsTests {

    static final String PLS = "application/pls+xml";
    private static final String PROBLEM = "application/problem+json";
    static final String OPEN = "<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\" "
            + "alphabet=\"ipa\" xml:lang=\"en-US\">";

    private static io.restassured.response.ValidatableResponse post(String document) {
        return given().contentType(PLS).body(document.getBytes(StandardCharsets.UTF_8)).post("/api/lexicon").then();
    }

    @Test
    void shouldImportEveryLexemeAndSayHowManyWereAdded() {
        post(OPEN + "<lexeme><grapheme>Plsone</grapheme><alias>pee one</alias></lexeme>"
                + "<lexeme><grapheme>Plstwo</grapheme><grapheme>Pls-two</grapheme><phoneme>plɛs tuː</phoneme></lexeme>"
                + "</lexicon>").statusCode(200).body("added", equalTo(3)).body("replaced", equalTo(0));
        post(OPEN + "<lexeme><grapheme>plsone</grapheme><alias>pee won</alias></lexeme></lexicon>")
                .statusCode(200).body("added", equalTo(0)).body("replaced", equalTo(1));
        List<String> aliases = given().get("/api/lexicon?size=500").then().statusCode(200).extract().jsonPath()
                .getList("entries.findAll { it.grapheme == 'Plsone' }.alias", String.class);
        assertThat(aliases).containsExactly("pee won");
    }

    @Test
    void shouldExportThePlsDocumentWhenAskedForIt() {
        given().contentType(ContentType.JSON).body("{\"grapheme\":\"Exported & co\",\"alias\":\"ex\"}")
                .post("/api/lexicon").then().statusCode(201);
        String document = given().accept(PLS).get("/api/lexicon").then().statusCode(200)
                .contentType(containsString(PLS)).extract().asString();
        assertThat(document).startsWith("<?xml").contains("<grapheme>Exported &amp; co</grapheme>")
                .contains("http://www.w3.org/2005/01/pronunciation-lexicon");
        given().accept("application/json").get("/api/lexicon").then().statusCode(200).contentType(ContentType.JSON);
        given().get("/api/lexicon").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void shouldRefuseHostileDocumentsWithAProblemAndReadNothingFromDisk() {
        String laughs = HostileXml.billionLaughs("lexicon") + OPEN
                + "<lexeme><grapheme>&lol9;</grapheme><alias>x</alias></lexeme></lexicon>";
        invalidPls(laughs).body("detail", containsString("DOCTYPE"));
        String xxe = HostileXml.externalEntityDoctype("lexicon", "file:///etc/passwd") + OPEN
                + "<lexeme><grapheme>&xxe;</grapheme><alias>x</alias></lexeme></lexicon>";
        invalidPls(xxe).body(not(containsString("root:")));
        invalidPls(HostileXml.externalDtd("lexicon", "http://127.0.0.1:9/evil.dtd") + OPEN + "</lexicon>");
        invalidPls(OPEN + HostileXml.nested("lexeme", 50_000) + "</lexicon>").body("detail", containsString("nested"));
        invalidPls(OPEN + "<lexeme><grapheme>x</grapheme>").body("line", greaterThan(0));
        invalidPls("<lexicon/>");
        invalidPls(OPEN + "</lexicon>");
        invalidPls(OPEN + "<lexeme><grapheme>x</grapheme><speak/></lexeme></lexicon>").body("element", equalTo("speak"));
    }

    @Test
    void shouldAnswer413ForATenMegabyteDocument() {
        String huge = OPEN + ("<lexeme><grapheme>w</grapheme><alias>" + "a".repeat(1000) + "</alias></lexeme>")
                .repeat(10_000) + "</lexicon>";
        post(huge).statusCode(413).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:payload-too-large"));
    }

    @Test
    void shouldRefuseInvalidEntriesNamingTheLexeme() {
        post(OPEN + "<lexeme><grapheme>ok</grapheme><alias>fine</alias></lexeme>"
                + "<lexeme><grapheme>sampa</grapheme><phoneme alphabet=\"x-sampa\">s{mp@</phoneme></lexeme></lexicon>")
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("errors[0].field", equalTo("lexeme[1] (line 1).phoneme.alphabet"));
        given().get("/api/lexicon?size=500").then().body("entries.grapheme", not(org.hamcrest.Matchers.hasItem("ok")));
        given().contentType("text/plain").body("x").post("/api/lexicon").then().statusCode(415).contentType(PROBLEM);
    }

    private static io.restassured.response.ValidatableResponse invalidPls(String document) {
        return post(document).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:invalid-pls"));
    }
}
