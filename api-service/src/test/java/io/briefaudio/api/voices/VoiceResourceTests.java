package io.briefaudio.api.voices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.testing.TestClips;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VoiceResourceTests {

    private static final String PROBLEM = "application/problem+json";
    private static final byte[] GOOD = TestClips.wav(4, 0.5, 22050, 2);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AudioStorage storage;

    private static RequestSpecification upload(byte[] clip, String consent) {
        RequestSpecification r = given().multiPart("name", "Ada").multiPart("description", "my narrator")
                .multiPart("language", "en");
        if (consent != null) {
            r = r.multiPart("consent", consent);
        }
        return clip == null ? r : r.multiPart("clip", "ada.wav", clip, "audio/wav");
    }

    private static ExtractableResponse<Response> create(byte[] clip) {
        return upload(clip, "true").post("/api/voices").then().extract();
    }

    @Test
    void shouldCreateACustomVoiceThatIsPreparingAndKeepTheClipInStorage() throws Exception {
        var created = create(GOOD);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        assertThat(id).startsWith("custom-");
        assertThat(created.jsonPath().getString("kind")).isEqualTo("custom");
        assertThat(created.jsonPath().getString("name")).isEqualTo("Ada");
        assertThat(created.jsonPath().getString("status")).isEqualTo("preparing");
        assertThat(created.jsonPath().getString("base_preset")).isEqualTo("professional");
        // A path, not built from the Host header (issue 31.6), and fetchable (it answered 405).
        assertThat(created.header("Location")).isEqualTo("/api/voices/" + id);
        given().get(created.header("Location")).then().statusCode(200).body("id", equalTo(id))
                .body("status", equalTo("preparing"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT v.clip_key, p.state FROM custom_voice v JOIN voice_preparation p ON p.voice_id = v.id WHERE v.id = ?")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("state")).isEqualTo("queued");
            assertThat(storage.stat(rs.getString("clip_key")).orElseThrow().sizeBytes()).isEqualTo(GOOD.length);
        }
    }

    @Test
    void shouldListFivePresetsAndTheCustomVoices() {
        String id = create(GOOD).jsonPath().getString("id");
        List<Map<String, Object>> voices = given().get("/api/voices").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(voices.stream().filter(v -> "preset".equals(v.get("kind"))).map(v -> v.get("id")))
                .containsExactly("professional", "warm", "authoritative", "calm", "friendly");
        assertThat(voices).anySatisfy(v -> {
            assertThat(v.get("id")).isEqualTo(id);
            assertThat(v.get("kind")).isEqualTo("custom");
            assertThat(v.get("status")).isEqualTo("preparing");
        });
    }

    @Test
    void shouldDeleteACustomVoiceAndItsClip() throws Exception {
        String id = create(GOOD).jsonPath().getString("id");
        String key;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT clip_key FROM custom_voice WHERE id = ?")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            rs.next();
            key = rs.getString(1);
        }
        given().delete("/api/voices/" + id).then().statusCode(204);
        assertThat(storage.stat(key)).isEmpty();
        given().delete("/api/voices/" + id).then().statusCode(404).contentType(PROBLEM);
        given().delete("/api/voices/professional").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseToGenerateWithAVoiceThatIsNotReady() {
        String id = create(GOOD).jsonPath().getString("id");
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"" + id + "\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:voice-not-ready"))
                // the problem's own status member stays the HTTP status (it said "preparing": issue 31.5)
                .body("status", equalTo(409)).body("voice_status", equalTo("preparing"));
    }

    @Test
    void shouldGenerateWithAReadyCustomVoice() throws Exception {
        String id = create(GOOD).jsonPath().getString("id");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE custom_voice SET status = 'ready' WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        long brief = Briefs.create(2);
        var job = given().contentType(ContentType.JSON).body("{\"voice_id\": \"" + id + "\"}")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(202).extract().jsonPath().getLong("job_id");
        given().get("/api/brief/audio/job/" + job + "/status").then().statusCode(200).body("voice_id", equalTo(id));
    }

    @Test
    void shouldRejectAnUnknownCustomVoice() {
        long brief = Briefs.create(1);
        given().contentType(ContentType.JSON).body("{\"voice_id\": \"custom-000000000000\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(400).body("type", equalTo("urn:briefaudio:problem:unknown-voice"));
    }

    @Test
    void shouldRequireConsent() {
        upload(GOOD, null).post("/api/voices").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:consent-required"));
        upload(GOOD, "false").post("/api/voices").then().statusCode(422)
                .body("type", equalTo("urn:briefaudio:problem:consent-required"));
    }

    @Test
    void shouldRequireANameAndAClip() {
        given().multiPart("consent", "true").multiPart("clip", "a.wav", GOOD, "audio/wav").post("/api/voices")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        upload(null, "true").post("/api/voices").then().statusCode(400).body("errors[0].field", equalTo("clip"));
    }

    @Test
    void shouldSayAClipIsTooShort() {
        assertProblem(TestClips.wav(2, 3, 16000, 1), 422, "clip-too-short", "2.0 s of sound");
    }

    @Test
    void shouldSayAClipIsTooLong() {
        assertProblem(TestClips.wav(31, 0, 8000, 1), 422, "clip-too-long", "at most 30 s");
    }

    @Test
    void shouldSayAClipIsSilent() {
        assertProblem(TestClips.wav16(new short[16000 * 5], 16000, 1), 422, "clip-silent", "silent");
    }

    @Test
    void shouldRefuseAFloatClipOfNanOrInfiniteSamplesAsSilenceIsRefused() {
        for (float odd : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertProblem(TestClips.floatWav(odd, 16000, 5), 422, "clip-silent", "not numbers");
        }
    }

    @Test
    void shouldSayAClipIsNotAudio() {
        assertProblem("just some text, not a recording".getBytes(), 415, "clip-not-audio", "not audio");
        assertProblem(TestClips.riff(2, 4, 8000, 1, new byte[4000]), 415, "clip-not-audio", "unsupported WAV encoding");
    }

    @Test
    void shouldSayAClipIsTooLarge() {
        assertProblem(new byte[10 * 1024 * 1024 + 1], 413, "clip-too-large", "10 MB");
    }

    @Test
    void shouldAcceptACompressedClipForTheWorkerToDecode() {
        byte[] ogg = new byte[2000];
        System.arraycopy("OggS".getBytes(), 0, ogg, 0, 4);
        var created = upload(ogg, "true").post("/api/voices").then().statusCode(201).extract();
        assertThat(created.jsonPath().getString("status")).isEqualTo("preparing");
    }

    private static void assertProblem(byte[] clip, int status, String type, String detail) {
        create(clip);
        upload(clip, "true").post("/api/voices").then().statusCode(status).contentType(PROBLEM)
                .body("type", equalTo("urn:briefaudio:problem:" + type))
                .body("detail", containsString(detail));
    }
}
