package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI SDKs for Node (npm {@code openai} 6.x) and Python, as their users run them, against the
 * packaged api-service with auth on and an eSpeak NG worker. Both send {@code Accept: application/octet-stream}
 * for speech (the Java SDK of {@link OpenAiSpeechIT} does not). Each SDK runs a script of src/test/sdk that
 * prints what every call returned or how it failed, as the SDK saw it; this test judges that.
 *
 * <p>The SDKs are installed by {@code tools/ensure-services.sh openai-sdks} (tools/test.sh asks for it) into
 * {@code BRIEFAUDIO_OPENAI_SDKS}, by default {@code ~/.cache/briefaudio/openai-sdks}.
 */
class OfficialSdksIT {

    private static final String OPERATOR = "ba-e2e-sdk-operator-bootstrap-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SDKS = Path.of(System.getenv().getOrDefault("BRIEFAUDIO_OPENAI_SDKS",
            System.getProperty("user.home") + "/.cache/briefaudio/openai-sdks"));

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e_sdks", 1, true,
                Map.of("BRIEFAUDIO_AUTH_ENABLED", "true", "BRIEFAUDIO_AUTH_BOOTSTRAP_KEY", OPERATOR));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldServeTheOfficialNodeSdk() throws Exception {
        Path modules = SDKS.resolve("node/node_modules");
        assertThat(modules.resolve("openai/package.json")).as("the Node SDK; run tools/ensure-services.sh openai-sdks")
                .exists();
        JsonNode result = run("node", List.of("node", Path.of("src/test/sdk/openai-speech.cjs").toAbsolutePath().toString()),
                Map.of("NODE_PATH", modules.toString()));
        assertThat(result.path("version").asText()).startsWith("6.");
        judge(result);
    }

    @Test
    void shouldServeTheOfficialPythonSdk() throws Exception {
        Path python = SDKS.resolve("python/bin/python");
        assertThat(python).as("the Python SDK's venv; run tools/ensure-services.sh openai-sdks").exists();
        JsonNode result = run("python", List.of(python.toString(),
                Path.of("src/test/sdk/openai_speech.py").toAbsolutePath().toString()), Map.of());
        judge(result);
    }

    private static void judge(JsonNode result) {
        JsonNode mp3 = result.path("mp3");
        assertThat(mp3.path("status").asInt()).as("mp3 " + mp3).isEqualTo(200);
        assertThat(mp3.path("content_type").asText()).isEqualTo("audio/mpeg");
        String head = mp3.path("head").asText();
        assertThat(head.startsWith("494433") || head.startsWith("fff")).as("an MP3 stream: " + head).isTrue();
        assertThat(mp3.path("size").asInt()).isGreaterThan(2000);

        JsonNode wav = result.path("wav");
        assertThat(wav.path("content_type").asText()).as("wav " + wav).isEqualTo("audio/wav");
        assertThat(wav.path("head").asText()).isEqualTo("52494646"); // RIFF
        assertThat(wav.path("size").asInt()).isGreaterThan(10_000);

        assertFailure(result.path("unknown_voice"), "BadRequestError", 400, "invalid_request_error", "voice", "invalid_value");
        assertFailure(result.path("too_long"), "BadRequestError", 400, "invalid_request_error", "input",
                "string_above_max_length");
        assertFailure(result.path("unknown_model"), "NotFoundError", 404, "invalid_request_error", "model", "model_not_found");
        assertFailure(result.path("unknown_path"), "NotFoundError", 404, "invalid_request_error", null, "not-found");
        assertFailure(result.path("bad_key"), "AuthenticationError", 401, "authentication_error", null, "unauthorized");
        assertThat(result.path("unknown_voice").path("message").asText()).contains("Unknown voice 'robot'");

        List<String> models = new ArrayList<>();
        result.path("models").forEach(m -> models.add(m.asText()));
        // Only models whose engine has a live worker are listed: this system runs an eSpeak NG worker, no XTTS one.
        assertThat(models).contains("tts-1", "gpt-4o-mini-tts", "espeak").doesNotContain("tts-1-hd", "xtts");
    }

    /** The SDK raised its typed error for the status, and read every member of OpenAI's error body. */
    private static void assertFailure(JsonNode failure, String errorClass, int status, String type, String param,
                                      String code) {
        assertThat(failure.path("failed").asBoolean()).as("failed: " + failure).isTrue();
        assertThat(failure.path("class").asText()).as(failure.toString()).isEqualTo(errorClass);
        assertThat(failure.path("status").asInt()).as(failure.toString()).isEqualTo(status);
        assertThat(failure.path("type").asText()).as(failure.toString()).isEqualTo(type);
        assertThat(failure.path("param").isNull() ? null : failure.path("param").asText()).as(failure.toString())
                .isEqualTo(param);
        assertThat(failure.path("code").asText()).as(failure.toString()).isEqualTo(code);
        assertThat(failure.path("message").asText()).as(failure.toString()).isNotBlank();
    }

    private static JsonNode run(String name, List<String> command, Map<String, String> env) throws Exception {
        Path out = system.dir.resolve("sdk-" + name + ".out");
        Path err = system.dir.resolve("sdk-" + name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        builder.environment().put("OPENAI_BASE_URL", system.baseUrl + "/v1");
        builder.environment().put("OPENAI_API_KEY", OPERATOR);
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " SDK script did not finish in 6 minutes; " + read(err));
        }
        assertThat(process.exitValue()).as(name + " SDK script failed: " + read(err)).isZero();
        return JSON.readTree(read(out));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
