package io.briefaudio.api.audio;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that try to leave the audio directory, or are not audio names at all, are refused before storage. */
@QuarkusTest
class AudioTraversalTests {

    /** A valid-looking name beside (not inside) the audio root, which a traversal would reach. */
    private static final String BAIT = "brief_1_item_1_20240501_093000_deadbeef.wav";
    private static final String SECRET = "TOP-SECRET";

    @BeforeAll
    static void plantSecretsOutsideTheAudioRoot() throws Exception {
        Files.createDirectories(Path.of("target/audio"));
        Files.writeString(Path.of("target", BAIT), SECRET);
        Files.writeString(Path.of("target/secret.txt"), SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "../" + BAIT,
            "..%2f" + BAIT,
            "..%2F" + BAIT,
            "%2e%2e%2f" + BAIT,
            "%2E%2E/" + BAIT,
            ".%2e/" + BAIT,
            "..%252f" + BAIT,
            "%252e%252e%252f" + BAIT,
            "..%5c" + BAIT,
            "%c0%ae%c0%ae%c0%af" + BAIT,
            "..//" + BAIT,
            "..%2f..%2f..%2f..%2fetc%2fpasswd",
            "../../../../etc/passwd",
            "%2fetc%2fpasswd",
            "/etc/passwd",
            "%2ftmp%2f" + BAIT,
            "..%2fsecret.txt",
            BAIT + "%00.txt",
            BAIT + "%2f..%2f..%2f" + BAIT,
            BAIT + "/",
            "brief_1_item_1_20240501_093000_DEADBEEF.wav",
            "brief_01_item_1_20240501_093000_deadbeef.wav",
            "brief_1_item_1_20240501_093000_deadbeef.mp3",
            "brief_1_item_1_20240501_093000_deadbeef.wav.wav",
            "brief_1_item_1_20240501_093000_deadbeefaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.wav",
            "brief_1_item_1_20240501_093000_deadbeef.wav%20",
            "%20brief_1_item_1_20240501_093000_deadbeef.wav",
            ".wav",
            "%2e",
    })
    void shouldRefuseNamesOutsideThePattern(String attempt) {
        for (String method : new String[] {"GET", "HEAD"}) {
            Response response = given().urlEncodingEnabled(false).redirects().follow(false)
                    .request(method, "/audio/" + attempt);
            assertTrue(Set.of(400, 404).contains(response.statusCode()),
                    method + " " + attempt + " answered " + response.statusCode());
            assertFalse(response.asString().contains(SECRET), attempt + " leaked the secret");
            assertFalse(String.valueOf(response.contentType()).startsWith("audio/"), attempt + " served audio");
        }
    }

    @Test
    void shouldResolveDotSegmentToTheHomePageNotStorage() {
        // "/audio/.." is "/" once the dot segment is removed: the web page, never a file from storage
        Response response = given().urlEncodingEnabled(false).redirects().follow(false).get("/audio/..");
        assertTrue(Set.of(200, 400, 404).contains(response.statusCode()), "answered " + response.statusCode());
        assertFalse(response.asString().contains(SECRET), "leaked the secret");
        assertFalse(String.valueOf(response.contentType()).startsWith("audio/"), "served audio");
    }
}
