package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.testing.TestClips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Custom voices end to end with the packaged services and a worker running the tiny random XTTS model: upload a
 * clip, wait until a worker prepared it, generate with it, and get audio that differs from a preset's; then the
 * same through the web page.
 */
class VoiceCloningIT {

    private static RunningSystem system;
    private static ChromeDriver browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String model = Path.of(System.getProperty("xtts.tiny.dir")).toAbsolutePath().toString();
        // The only worker runs XTTS, so preset jobs name it too (they would wait for an eSpeak NG worker otherwise).
        system = new RunningSystem("briefaudio_e2e_voices", 1, true, Map.of("BRIEFAUDIO_TTS_DEFAULT_ENGINE", "xtts"),
                Map.of("BRIEFAUDIO_TTS_XTTS_MODEL_DIR", model, "BRIEFAUDIO_TTS_XTTS_INTRA_OP_THREADS", "1"));
        browser = Browsers.headlessChromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldCloneAVoiceAndSpeakDifferentlyFromAPreset() throws Exception {
        JsonNode created = api().upload("E2E voice", TestClips.wav(4, 0.5, 44100, 2));
        String voice = created.get("id").asText();
        assertThat(created.get("kind").asText()).isEqualTo("custom");
        assertThat(created.get("status").asText()).isEqualTo("preparing");
        api().awaitReady(voice, Duration.ofSeconds(90), system.dir.resolve("worker.log"));

        long brief = api().json("POST", "/api/briefs", "{\"title\": \"Cloned\", \"items\": [{\"text\": \"Good morning.\"}]}")
                .get("id").asLong();
        byte[] cloned = generatedAudio(brief, voice);
        byte[] preset = generatedAudio(brief, "professional");
        assertThat(new String(cloned, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(Arrays.equals(cloned, preset)).as("a cloned voice sounds different from a preset").isFalse();

        JsonNode voices = api().json("GET", "/api/voices", null);
        assertThat(voices).anySatisfy(v -> {
            assertThat(v.get("id").asText()).isEqualTo(voice);
            assertThat(v.get("speakable").asBoolean()).isTrue();
        });
    }

    @Test
    void shouldAddAVoiceInTheBrowserAndGenerateWithIt() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        Path clip = Files.write(system.dir.resolve("browser-clip.wav"), TestClips.wav(5, 0.2, 48000, 1));
        browser.get(system.baseUrl + "/voices.html");
        browser.findElement(By.id("voice-name")).sendKeys("Browser voice");
        browser.findElement(By.id("voice-clip")).sendKeys(clip.toAbsolutePath().toString());
        browser.findElement(By.id("voice-consent")).click();
        browser.findElement(By.cssSelector("#add-voice button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("custom-voices"), "Browser voice"));
        wait.until(d -> d.findElements(By.cssSelector("#custom-voices li[data-status=ready]")).size() >= 1 ? true : null);
        String voice = browser.findElement(By.cssSelector("#custom-voices li[data-status=ready]")).getAttribute("id")
                .substring("voice-".length());

        long brief = api().json("POST", "/api/briefs", "{\"title\": \"Browser clone\", \"items\": [{\"text\": \"Hello.\"}]}")
                .get("id").asLong();
        browser.get(system.baseUrl + "/brief.html?id=" + brief);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#voices input[value='" + voice + "']")))
                .click();
        browser.findElement(By.cssSelector("#voice-form button[value=generate]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: 1 of 1 items"));
        assertThat(browser.findElement(By.id("progress-voice")).getText()).isEqualTo(voice);
        assertThat(browser.findElements(By.cssSelector("#items audio"))).hasSize(1);
    }

    private byte[] generatedAudio(long brief, String voice) throws Exception {
        long job = api().json("POST", "/api/brief/" + brief + "/audio/generate", "{\"voice_id\": \"" + voice + "\"}")
                .get("job_id").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = api().json("GET", "/api/brief/audio/job/" + job + "/status", null);
            String state = status.get("status").asText();
            assertThat(state).as(status.toString()).isNotIn("failed", "cancelled");
            if (state.equals("completed")) {
                String url = status.get("items").get(0).get("audio_url").asText();
                return http.send(HttpRequest.newBuilder(URI.create(system.baseUrl + url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + job + " did not finish; see " + system.dir.resolve("worker.log"));
    }

    private SystemApi api() {
        return new SystemApi(http, system.baseUrl);
    }
}
