package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.testing.TestClips;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mixed fleet with the packaged services on one database: an eSpeak NG worker from the start, an XTTS worker (the
 * tiny random model) started later. Each job is spoken entirely by the engine it names, by that engine's worker; a
 * job for the engine nobody runs yet waits (waiting_for_engine) and completes once its worker starts.
 */
class MixedFleetIT {

    private static final String ESPEAK_WORKER = "fleet-espeak";
    private static final String XTTS_WORKER = "fleet-xtts";
    private static RunningSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e_fleet", 1, false, Map.of(), Map.of());
        system.startWorker(ESPEAK_WORKER, Map.of("BRIEFAUDIO_TTS_ENGINE", "espeak"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldSpeakEachJobWithItsOwnEngineAndWaitForAnEngineNobodyRunsYet() throws Exception {
        long brief = api().json("POST", "/api/briefs", "{\"title\": \"Fleet\", \"items\": [{\"text\": \"Good morning.\"}, "
                + "{\"text\": \"Rain later today.\"}, {\"text\": \"That is all.\"}]}").get("id").asLong();

        JsonNode xttsJob = api().json("POST", "/api/brief/" + brief + "/audio/generate",
                "{\"voice_id\": \"calm\", \"engine\": \"xtts\"}");
        assertThat(xttsJob.get("engine").asText()).isEqualTo("xtts");
        assertThat(xttsJob.get("warnings").get(0).asText()).contains("No live worker runs the xtts engine");
        long espeakJob = api().json("POST", "/api/brief/" + brief + "/audio/generate",
                "{\"voice_id\": \"calm\", \"engine\": \"espeak\"}").get("job_id").asLong();

        JsonNode espeakDone = awaitStatus(espeakJob, s -> "completed".equals(s.get("status").asText()), Duration.ofSeconds(120));
        assertSpokenBy(espeakDone, "espeak", ESPEAK_WORKER);
        JsonNode waiting = status(xttsJob.get("job_id").asLong());
        assertThat(waiting.get("status").asText()).isEqualTo("queued");
        assertThat(waiting.get("waiting_for_engine").asText()).isEqualTo("xtts");
        for (JsonNode item : waiting.get("items")) {
            assertThat(item.get("attempt").asInt()).as("never claimed by the eSpeak NG worker").isZero();
        }

        String model = Path.of(System.getProperty("xtts.tiny.dir")).toAbsolutePath().toString();
        system.startWorker(XTTS_WORKER, Map.of("BRIEFAUDIO_TTS_ENGINE", "xtts", "BRIEFAUDIO_TTS_XTTS_MODEL_DIR", model,
                "BRIEFAUDIO_TTS_XTTS_INTRA_OP_THREADS", "1"));
        JsonNode xttsDone = awaitStatus(xttsJob.get("job_id").asLong(), s -> "completed".equals(s.get("status").asText()),
                Duration.ofSeconds(240));
        assertSpokenBy(xttsDone, "xtts", XTTS_WORKER);
        assertThat(xttsDone.get("waiting_for_engine").isNull()).isTrue();

        JsonNode voices = api().json("GET", "/api/voices", null);
        assertThat(voices).anySatisfy(v -> {
            assertThat(v.get("id").asText()).isEqualTo("calm");
            assertThat(v.get("engines").toString()).contains("espeak", "xtts");
        });

        // A custom voice: its job names xtts by itself, and the eSpeak NG worker, idle beside it, never claims it.
        String voice = api().upload("Fleet voice", TestClips.wav(4, 0.5, 44100, 1)).get("id").asText();
        api().awaitReady(voice, Duration.ofSeconds(120), system.dir);
        JsonNode customJob = api().json("POST", "/api/brief/" + brief + "/audio/generate", "{\"voice_id\": \"" + voice + "\"}");
        assertThat(customJob.get("engine").asText()).isEqualTo("xtts");
        JsonNode customDone = awaitStatus(customJob.get("job_id").asLong(),
                s -> "completed".equals(s.get("status").asText()), Duration.ofSeconds(240));
        assertSpokenBy(customDone, "xtts", XTTS_WORKER);
        for (JsonNode item : customDone.get("items")) {
            assertThat(item.get("errors")).as("no attempt by another worker").isEmpty();
        }
    }

    /** Every item completed, by the engine and the worker expected, in one attempt. */
    private static void assertSpokenBy(JsonNode status, String engine, String worker) {
        assertThat(status.get("engine").asText()).isEqualTo(engine);
        assertThat(status.get("items")).hasSize(3).allSatisfy(item -> {
            assertThat(item.get("status").asText()).isEqualTo("completed");
            assertThat(item.get("engine").asText()).as(item.toString()).isEqualTo(engine);
            assertThat(item.get("spoken_by").asText()).as(item.toString()).isEqualTo(worker);
            assertThat(item.get("attempt").asInt()).isEqualTo(1);
        });
    }

    private JsonNode awaitStatus(long job, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = status(job);
            assertThat(status.get("status").asText()).as(status.toString()).isNotIn("failed", "cancelled");
            if (done.test(status)) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + job + " not done in " + timeout + ": " + status + "; see " + system.dir);
    }

    private JsonNode status(long job) throws Exception {
        return api().json("GET", "/api/brief/audio/job/" + job + "/status", null);
    }

    private SystemApi api() {
        return new SystemApi(http, system.baseUrl);
    }
}
