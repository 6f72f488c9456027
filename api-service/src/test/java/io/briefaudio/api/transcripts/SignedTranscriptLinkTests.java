package io.briefaudio.api.transcripts;

import static io.briefaudio.api.access.TestKeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AuthOnProfile;
import io.briefaudio.api.access.TestKeys;
import io.briefaudio.api.audio.AudioFixtures;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.SpeechTiming;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With auth on, marks and transcripts follow the rules of audio: a key of the owning tenant, or a signed link. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class SignedTranscriptLinkTests {

    private static final String TEXT = "Signed words are spoken.";

    @Inject
    AudioFixtures audio;
    @Inject
    AudioStorage storage;
    @Inject
    AgroalDataSource dataSource;

    /** A completed job of the key's tenant with one item's audio and timing, and an episode with captions. */
    private JsonPath completedJob(String key) {
        long brief = as(key).contentType(ContentType.JSON)
                .body(Map.of("title", "Signed", "items", List.of(Map.of("text", TEXT))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        long job = as(key).post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
        String item = audio.store(3_000).name();
        storage.put(SpeechTiming.keyFor(item), new SpeechTiming(SpeechTiming.VERSION, TEXT, 1_000,
                List.of(new SpeechTiming.Span(50, 950, 0, TEXT.length())), List.of(), List.of()).toJson(),
                SpeechTiming.CONTENT_TYPE);
        String episode = audio.store(3_001).name();
        TestKeys.sql(dataSource, """
                UPDATE audio_job_item SET asset_id = (SELECT id FROM audio_asset WHERE storage_key = ?),
                    state = 'completed', finished_at = now() WHERE job_id = ?""", item, job);
        TestKeys.sql(dataSource, """
                INSERT INTO audio_episode (job_id, format, state, attempt, asset_id, duration_ms, chapters, transcript,
                                           finished_at)
                SELECT ?, 'mp3', 'completed', 1, id, 1000, '[]'::jsonb, '%s'::jsonb, now()
                FROM audio_asset WHERE storage_key = '%s'""".formatted(
                Cue.toJson(List.of(new Cue(50, 950, TEXT))), episode), job);
        return as(key).get("/api/brief/audio/job/" + job + "/status").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldServeSignedMarksAndTranscriptLinksWithoutAKey() {
        String key = TestKeys.create("captioned", List.of("read", "generate"));
        JsonPath status = completedJob(key);

        String marks = status.getString("items[0].marks_url");
        assertThat(marks).matches("/api/brief/audio/job/[0-9]+/items/1/marks\\.jsonl\\?exp=[0-9]+&sig=[A-Za-z0-9_-]{43}");
        assertThat(given().get(marks).then().statusCode(200).extract().asString())
                .isEqualTo("{\"time\":50,\"type\":\"sentence\",\"start\":0,\"end\":24,\"value\":\"" + TEXT + "\"}\n");
        String transcript = status.getString("episode.transcript_url");
        assertThat(transcript).matches("/api/brief/audio/job/[0-9]+/transcript\\.vtt\\?exp=[0-9]+&sig=.{43}");
        assertThat(given().get(transcript).then().statusCode(200).extract().asString()).contains(TEXT);
        // One signature for the three formats of the transcript.
        given().get(transcript.replace(".vtt?", ".json?")).then().statusCode(200).body("segments[0].body",
                org.hamcrest.Matchers.equalTo(TEXT));
        given().get(transcript.replace(".vtt?", ".srt?")).then().statusCode(200);
    }

    @Test
    void shouldRefuseTamperedLinksStrangersAndCallsWithoutEither() {
        String key = TestKeys.create("captioned", List.of("read", "generate"));
        JsonPath status = completedJob(key);
        String marks = status.getString("items[0].marks_url");
        String transcript = status.getString("episode.transcript_url");
        String plainMarks = marks.substring(0, marks.indexOf('?'));

        String sig = marks.replaceAll(".*sig=", "");
        given().get(marks.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1)))
                .then().statusCode(403).body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:forbidden"));
        given().get(marks.replace("/items/1/", "/items/2/")).then().statusCode(403);
        given().get(marks.replaceAll("exp=([0-9]+)", "exp=9$1")).then().statusCode(403);
        given().get(transcript.replace(transcript.substring(0, transcript.indexOf('?')), plainMarks)).then().statusCode(403);
        given().get(plainMarks).then().statusCode(401);
        as(key).get(plainMarks).then().statusCode(200);
        String stranger = TestKeys.create("strangers", List.of("read"));
        as(stranger).get(plainMarks).then().statusCode(404);
        as(stranger).get(transcript.substring(0, transcript.indexOf('?'))).then().statusCode(404);
    }
}
