package io.briefaudio.api.audio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.api.audio.AudioFixtures.Stored;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.NoSuchObjectException;
import io.briefaudio.shared.storage.S3AudioStorage;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The S3 provider, chosen because a bucket is configured, against a real S3-compatible server. */
@QuarkusTest
@TestProfile(S3AudioStorageTests.S3WithRedirects.class)
class S3AudioStorageTests {

    public static class S3WithRedirects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("briefaudio.storage.s3.presigned-redirect", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyTestResource.class));
        }
    }

    @Inject
    AudioStorage storage;

    @Inject
    AudioFixtures fixtures;

    @Test
    void shouldChooseS3WhenABucketIsConfigured() {
        assertInstanceOf(S3AudioStorage.class, ClientProxy.unwrap(storage));
        assertEquals("s3", storage.provider());
    }

    @Test
    void shouldStoreStatReadSlicesAndDeleteObjects() throws Exception {
        Stored audio = fixtures.store(5_000);

        assertEquals(5_000, storage.stat(audio.name()).orElseThrow().sizeBytes());
        try (InputStream in = storage.open(audio.name(), 1_000, 10)) {
            assertArrayEquals(Arrays.copyOfRange(audio.content(), 1_000, 1_010), in.readAllBytes());
        }
        storage.delete(audio.name());
        storage.delete(audio.name());
        assertTrue(storage.stat(audio.name()).isEmpty());
        assertThrows(NoSuchObjectException.class, () -> storage.open(audio.name(), 0, 10));
    }

    @Test
    void shouldStoreAFileStreamedFromDisk() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("episode-", ".mp3");
        try {
            java.nio.file.Files.write(file, content);
            storage.put("brief_9_episode_9_20240501_093000_0123abcd.mp3", file, "audio/mpeg");
        } finally {
            java.nio.file.Files.delete(file);
        }

        try (InputStream in = storage.open("brief_9_episode_9_20240501_093000_0123abcd.mp3", 0, Long.MAX_VALUE)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        storage.delete("brief_9_episode_9_20240501_093000_0123abcd.mp3");
    }

    @Test
    void shouldRedirectToAPresignedUrlThatServesTheBytes() throws Exception {
        Stored audio = fixtures.store(3_000);

        String location = given().redirects().follow(false).when().get(audio.url()).then()
                .statusCode(302)
                .header("Cache-Control", "no-store")
                .header("Location", startsWith("http://127.0.0.1:"))
                .extract().header("Location");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> ranged = http.send(HttpRequest.newBuilder(URI.create(location))
                .header("Range", "bytes=10-19").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, ranged.statusCode());
        assertArrayEquals(Arrays.copyOfRange(audio.content(), 10, 20), ranged.body());
        assertEquals(Optional.of("audio/wav"), ranged.headers().firstValue("Content-Type"));

        HttpResponse<byte[]> tampered = http.send(HttpRequest.newBuilder(URI.create(location.replace(audio.name(),
                audio.name().replace(".wav", "0.wav")))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, tampered.statusCode());
    }

    @Test
    void shouldStillAnswerConditionalAndMissingRequestsItself() {
        Stored audio = fixtures.store(1_000);
        String etag = given().when().head(audio.url()).then().statusCode(200)
                .header("Content-Length", "1000").extract().header("ETag");

        given().header("If-None-Match", etag).when().get(audio.url()).then().statusCode(304);
        given().when().get("/audio/brief_1_item_1_20240501_093000_00000000.wav").then()
                .statusCode(404).body("status", equalTo(404));
    }

    @Test
    void shouldPutTheDownloadNameIntoThePresignedUrl() {
        Stored audio = fixtures.store(100);

        given().redirects().follow(false).queryParam("download", "1").when().get(audio.url()).then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("response-content-disposition=attachment"));
    }
}
