package io.briefaudio.api.audio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.briefaudio.api.Briefs;
import io.briefaudio.shared.audio.AudioFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AudioFormatsTests {

    @Inject
    AudioFixtures audio;

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"WAV", "MP3", "OPUS", "M4A"})
    void shouldServeRangesEtagsAndHeadForEveryFormat(AudioFormat format) {
        var stored = audio.store(10_000, format);
        String url = "/audio/" + stored.name();

        String etag = given().get(url).then().statusCode(200).contentType(format.contentType())
                .header("Content-Length", "10000").header("Accept-Ranges", "bytes").extract().header("ETag");
        given().header("Range", "bytes=100-199").get(url).then().statusCode(206)
                .contentType(format.contentType())
                .header("Content-Range", "bytes 100-199/10000").header("Content-Length", "100");
        given().header("If-None-Match", etag).get(url).then().statusCode(304);
        given().head(url).then().statusCode(200).contentType(format.contentType()).header("Content-Length", "10000");
        given().queryParam("download", "1").get(url).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"brief-7-item-"
                        + stored.name().split("_")[3] + "-2024-05-01." + format.extension() + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flac", "MP3", "ogg", ""})
    void shouldRefuseAFormatAJobCannotHave(String format) {
        long briefId = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"warm\", \"format\": \"" + format + "\"}")
                .post("/api/brief/{id}/audio/generate", briefId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:briefaudio:problem:unknown-format"))
                .body("valid_formats", org.hamcrest.Matchers.contains("wav", "mp3", "opus", "m4a"));
    }
}
