package io.briefaudio.api.briefs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.briefaudio.shared.pronunciation.HostileXml;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items in SSML: the supported subset is stored as written, anything else is 400 invalid-ssml saying where. */
@QuarkusTest
class BriefSsmlTests {

    private static ValidatableResponse create(Map<String, Object> item) {
        return given().contentType(ContentType.JSON).body(Map.of("title", "SSML", "items", List.of(item)))
                .post("/api/briefs").then();
    }

    private static ValidatableResponse invalidSsml(String text) {
        return create(Map.of("text", text)).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:invalid-ssml")).body("field", equalTo("items[0].text"));
    }

    @Test
    void shouldStoreAnItemInTheSupportedSubset() {
        String ssml = "<speak><p><s>Markets <break time=\"2s\"/> rose <say-as interpret-as=\"cardinal\">3</say-as>%."
                + "</s></p><sub alias=\"North Atlantic Treaty Organization\">NATO</sub>"
                + "<phoneme alphabet=\"ipa\" ph=\"ŋwiən\">Nguyen</phoneme><emphasis>now</emphasis>"
                + "<lang xml:lang=\"fr\">la vie</lang><mark name=\"end\"/></speak>";
        create(Map.of("text", ssml)).statusCode(201).body("items[0].text", equalTo(ssml));
    }

    @Test
    void shouldWrapAnItemMarkedSsmlInSpeak() {
        create(Map.of("text", "Hello <break time=\"1s\"/> world", "text_format", "ssml")).statusCode(201)
                .body("items[0].text", equalTo("<speak>Hello <break time=\"1s\"/> world</speak>"));
        create(Map.of("text", "Fish & chips <b>", "text_format", "ssml")).statusCode(400)
                .body("type", equalTo("urn:briefaudio:problem:invalid-ssml"));
        create(Map.of("text", "Fish & chips <b>", "text_format", "text")).statusCode(201);
        create(Map.of("text", "x", "text_format", "html")).statusCode(400)
                .body("type", equalTo("urn:briefaudio:problem:validation"))
                .body("errors[0].field", equalTo("items[0].text_format"));
    }

    @Test
    void shouldNameAnUnsupportedElementAndItsLineAndColumn() {
        invalidSsml("<speak>\nHello <prosody rate=\"slow\">world</prosody></speak>")
                .body("element", equalTo("prosody")).body("line", equalTo(2)).body("column", equalTo(7))
                .body("detail", containsString("<prosody> is not supported"));
        invalidSsml("<speak><audio src=\"https://example.com/x.mp3\"/></speak>").body("element", equalTo("audio"));
        invalidSsml("<speak><break time=\"30s\"/></speak>").body("element", equalTo("break"));
        invalidSsml("<speak><lang xml:lang=\"sv\">hej</lang></speak>").body("detail", containsString("espeak-ng"));
        invalidSsml("<speak>unclosed").body("detail", containsString("malformed XML"));
    }

    @Test
    void shouldRefuseHostileXmlWithoutReadingAnything() {
        invalidSsml("<speak>" + HostileXml.nested("s", 100) + "</speak>").body("detail", containsString("nested"));
        create(Map.of("text", HostileXml.billionLaughs("speak") + "<speak>&lol9;</speak>", "text_format", "ssml"))
                .statusCode(400).body("type", equalTo("urn:briefaudio:problem:invalid-ssml"))
                .body("detail", containsString("DOCTYPE"));
        create(Map.of("text", HostileXml.externalEntityDoctype("speak", "file:///etc/passwd") + "<speak>&xxe;</speak>",
                "text_format", "ssml")).statusCode(400).body("type", equalTo("urn:briefaudio:problem:invalid-ssml"))
                .body(not(containsString("root:")));
    }
}
