package io.briefaudio.api.audio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.briefaudio.api.audio.AudioFixtures.Stored;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AudioResourceTests {

    @Inject
    AudioFixtures fixtures;

    @Test
    void shouldServeTheWholeFileWithCachingHeaders() {
        Stored audio = fixtures.store(10_000);

        Response response = given().when().get(audio.url()).then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Content-Length", "10000")
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", notNullValue())
                .header("Last-Modified", notNullValue())
                .extract().response();
        assertArrayEquals(audio.content(), response.asByteArray());
    }

    @Test
    void shouldAnswerRangeWith206() {
        Stored audio = fixtures.store(10_000);

        Response response = given().header("Range", "bytes=100-199").when().get(audio.url()).then()
                .statusCode(206)
                .header("Content-Range", "bytes 100-199/10000")
                .header("Content-Length", "100")
                .extract().response();
        assertArrayEquals(Arrays.copyOfRange(audio.content(), 100, 200), response.asByteArray());
    }

    @Test
    void shouldAnswerOpenEndedAndSuffixRanges() {
        Stored audio = fixtures.store(1_000);

        given().header("Range", "bytes=900-").when().get(audio.url()).then()
                .statusCode(206).header("Content-Range", "bytes 900-999/1000");
        given().header("Range", "bytes=-10").when().get(audio.url()).then()
                .statusCode(206).header("Content-Range", "bytes 990-999/1000").header("Content-Length", "10");
        given().header("Range", "bytes=990-5000").when().get(audio.url()).then()
                .statusCode(206).header("Content-Range", "bytes 990-999/1000");
    }

    @Test
    void shouldAnswerUnsatisfiableRangeWith416AndTheSize() {
        Stored audio = fixtures.store(1_000);

        given().header("Range", "bytes=1000-1100").when().get(audio.url()).then()
                .statusCode(416)
                .contentType("application/problem+json")
                .header("Content-Range", "bytes */1000")
                .body("type", equalTo("urn:briefaudio:problem:range-not-satisfiable"));
    }

    @Test
    void shouldAnswerOpenRangeFromTheEndWith416() {
        Stored audio = fixtures.store(1_000);

        for (String range : new String[] {"bytes=1000-", "bytes=1001-"}) {
            given().header("Range", range).when().get(audio.url()).then()
                    .statusCode(416)
                    .header("Content-Range", "bytes */1000");
        }
    }

    @Test
    void shouldAnswerSeveralRangesWithTheWholeFile() {
        Stored audio = fixtures.store(1_000);

        given().header("Range", "bytes=0-9,20-29").when().get(audio.url()).then()
                .statusCode(200).header("Content-Length", "1000");
        given().header("Range", "pages=1-2").when().get(audio.url()).then()
                .statusCode(200).header("Content-Length", "1000");
    }

    @Test
    void shouldIgnoreRangeWhenIfRangeNamesAnotherVersion() {
        Stored audio = fixtures.store(1_000);

        given().header("Range", "bytes=0-9").header("If-Range", "\"stale\"").when().get(audio.url()).then()
                .statusCode(200).header("Content-Length", "1000");
    }

    @Test
    void shouldAnswerIfNoneMatchWith304() {
        Stored audio = fixtures.store(1_000);
        String etag = given().when().head(audio.url()).then().extract().header("ETag");

        given().header("If-None-Match", etag).when().get(audio.url()).then()
                .statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .body(emptyString());
        given().header("If-None-Match", "\"other\", W/" + etag).when().get(audio.url()).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get(audio.url()).then().statusCode(200);
    }

    @Test
    void shouldAnswerIfModifiedSinceWith304() {
        Stored audio = fixtures.store(1_000);
        String lastModified = given().when().head(audio.url()).then().extract().header("Last-Modified");

        given().header("If-Modified-Since", lastModified).when().get(audio.url()).then().statusCode(304);
        given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").when().get(audio.url()).then().statusCode(200);
    }

    @Test
    void shouldAnswerHeadWithHeadersOnly() {
        Stored audio = fixtures.store(2_345);

        given().when().head(audio.url()).then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Content-Length", "2345")
                .header("ETag", notNullValue())
                .body(emptyString());
    }

    @Test
    void shouldOfferADownloadUnderAReadableName() {
        Stored audio = fixtures.store(1_000);
        String item = audio.name().split("_")[3];

        given().queryParam("download", "1").when().get(audio.url()).then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"brief-7-item-" + item + "-2024-05-01.wav\"");
        given().when().get(audio.url()).then().statusCode(200).header("Content-Disposition", (String) null);
    }

    @Test
    void shouldAnswerMissingAudioWith404Problem() {
        given().when().get("/audio/brief_1_item_1_20240501_093000_00000000.wav").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:not-found"));
    }

    @Test
    void shouldServeAFileThatHasNoAssetRowWithoutFailing() {
        // Objects outlive rows for a moment during retention; serving must not depend on the row.
        Stored audio = fixtures.store(100);
        fixtures.execute("DELETE FROM audio_asset WHERE storage_key = '" + audio.name() + "'");

        given().when().get(audio.url()).then().statusCode(200).header("Content-Length", "100");
    }

    @Test
    void shouldStreamALargeFileCompletely() throws Exception {
        Stored audio = fixtures.store(24 * 1024 * 1024);

        byte[] body = given().when().get(audio.url()).then().statusCode(200)
                .header("Content-Length", String.valueOf(audio.content().length)).extract().asByteArray();
        assertEquals(AudioFixtures.sha256Bytes(audio.content()), AudioFixtures.sha256Bytes(body));
    }
}
