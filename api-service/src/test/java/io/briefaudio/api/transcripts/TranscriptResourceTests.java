package io.briefaudio.api.transcripts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.api.episodes.EpisodeFixtures;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.SpeechTiming;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Speech marks and transcripts of a finished job, as the status links them and players and parsers read them. */
@QuarkusTest
class TranscriptResourceTests {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EpisodeFixtures fixtures;
    @Inject
    AudioStorage storage;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldServeEachItemsSpeechMarksAsPollyJsonLinesFromTheStatus() throws Exception {
        var job = fixtures.completedJob("Marks " + UUID.randomUUID(), AudioFormat.MP3);
        JsonPath status = given().get("/api/brief/audio/job/" + job.jobId() + "/status").then().statusCode(200)
                .extract().jsonPath();

        for (int i = 0; i < 2; i++) {
            String url = status.getString("items[" + i + "].marks_url");
            assertThat(url).isEqualTo("/api/brief/audio/job/" + job.jobId() + "/items/" + (i + 1) + "/marks.jsonl");
            String body = given().get(url).then().statusCode(200).contentType("application/x-json-stream")
                    .extract().asString();
            String[] lines = body.split("\n");
            assertThat(lines).hasSize(1);
            JsonNode mark = json.readTree(lines[0]);
            List<String> fields = new ArrayList<>();
            mark.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("time", "type", "start", "end", "value");
            String text = EpisodeFixtures.ITEM_TEXTS.get(i);
            assertThat(mark.get("time").asLong()).isEqualTo(100);
            assertThat(mark.get("type").asText()).isEqualTo("sentence");
            assertThat(mark.get("start").asInt()).isZero();
            assertThat(mark.get("end").asInt()).isEqualTo(text.length());
            assertThat(mark.get("value").asText()).isEqualTo(text);
        }
        assertThat(status.getString("episode.transcript_url"))
                .isEqualTo("/api/brief/audio/job/" + job.jobId() + "/transcript.vtt");
    }

    @Test
    void shouldWriteCaptionsThatFfmpegReadsBackAsTheSameCues() throws Exception {
        String title = "Captions " + UUID.randomUUID();
        var job = fixtures.completedJob(title, AudioFormat.MP3);
        String base = "/api/brief/audio/job/" + job.jobId() + "/transcript.";

        String vtt = given().get(base + "vtt").then().statusCode(200).contentType("text/vtt").extract().asString();
        String srt = given().get(base + "srt").then().statusCode(200).contentType("application/x-subrip")
                .extract().asString();
        JsonPath document = given().get(base + "json").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();

        List<Cue> expected = EpisodeFixtures.transcript(title);
        assertThat(vtt).startsWith("WEBVTT\n");
        assertThat(cues(srt)).as("our SubRip").containsExactlyElementsOf(expected);
        assertThat(cues(ffmpegSrt(vtt))).as("FFmpeg's SubRip made from our WebVTT").containsExactlyElementsOf(expected);
        assertThat(document.getString("version")).isEqualTo("1.0.0");
        List<Map<String, Object>> segments = document.getList("segments");
        assertThat(segments).hasSize(expected.size());
        for (int i = 0; i < segments.size(); i++) {
            assertThat(((Number) segments.get(i).get("startTime")).doubleValue())
                    .isCloseTo(expected.get(i).startMillis() / 1000.0, org.assertj.core.data.Offset.offset(0.0005));
            assertThat(((Number) segments.get(i).get("endTime")).doubleValue())
                    .isCloseTo(expected.get(i).endMillis() / 1000.0, org.assertj.core.data.Offset.offset(0.0005));
            assertThat(segments.get(i).get("body")).isEqualTo(expected.get(i).text());
        }
    }

    @Test
    void shouldAnswerNotFoundForAPositionOrJobThatDoesNotExist() throws Exception {
        var job = fixtures.completedJob("Positions " + UUID.randomUUID(), AudioFormat.WAV);

        given().get("/api/brief/audio/job/" + job.jobId() + "/items/3/marks.jsonl").then().statusCode(404)
                .contentType(PROBLEM).body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:not-found"));
        given().get("/api/brief/audio/job/999999999/items/1/marks.jsonl").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/brief/audio/job/999999999/transcript.vtt").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldAnswerNotReadyWhileTheAudioIsBeingMade() {
        long brief = given().contentType(ContentType.JSON)
                .body(Map.of("title", "Pending", "items", List.of(Map.of("text", "Not spoken yet."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        long job = given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");

        JsonPath status = given().get("/api/brief/audio/job/" + job + "/status").then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("items[0].marks_url")).isNull();
        for (String path : List.of("/items/1/marks.jsonl", "/transcript.vtt", "/transcript.json", "/transcript.srt")) {
            given().get("/api/brief/audio/job/" + job + path).then().statusCode(409).contentType(PROBLEM)
                    .body("type", org.hamcrest.Matchers.equalTo("urn:briefaudio:problem:not-ready"));
        }
    }

    @Test
    void shouldDeleteTheSpeechTimingsWithTheBrief() throws Exception {
        var job = fixtures.completedJob("Deleted " + UUID.randomUUID(), AudioFormat.WAV);
        String audioUrl = given().get("/api/brief/audio/job/" + job.jobId() + "/status").then().statusCode(200)
                .extract().jsonPath().getString("items[0].audio_url");
        String key = audioUrl.substring("/audio/".length(), audioUrl.indexOf('?'));
        assertThat(storage.stat(SpeechTiming.keyFor(key))).isPresent();

        given().delete("/api/briefs/" + job.briefId()).then().statusCode(204);

        assertThat(storage.stat(key)).isEmpty();
        assertThat(storage.stat(SpeechTiming.keyFor(key))).isEmpty();
        given().get("/api/brief/audio/job/" + job.jobId() + "/items/1/marks.jsonl").then().statusCode(404);
    }

    /** FFmpeg's subtitle converter, a WebVTT reader we did not write, turns our captions into SubRip. */
    private static String ffmpegSrt(String vtt) throws Exception {
        Path dir = Files.createTempDirectory("captions");
        try {
            Path in = Files.writeString(dir.resolve("episode.vtt"), vtt, StandardCharsets.UTF_8);
            Path out = dir.resolve("episode.srt");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", in.toString(), out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ffmpeg.exitValue()).as(log).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** SubRip cues: number, "hh:mm:ss,mmm --> hh:mm:ss,mmm", text lines, a blank line. */
    private static List<Cue> cues(String srt) {
        List<Cue> cues = new ArrayList<>();
        Iterator<String> blocks = List.of(srt.replace("\r\n", "\n").strip().split("\n\n+")).iterator();
        while (blocks.hasNext()) {
            String[] lines = blocks.next().split("\n");
            String[] times = lines[1].split(" --> ");
            cues.add(new Cue(millis(times[0]), millis(times[1]),
                    String.join(" ", List.of(lines).subList(2, lines.length))));
        }
        return cues;
    }

    private static long millis(String time) {
        String[] parts = time.strip().split("[:,]");
        return ((Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1])) * 60 + Long.parseLong(parts[2])) * 1000
                + Long.parseLong(parts[3]);
    }
}
