package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.PostgresDatabases;
import io.briefaudio.shared.testing.TestClips;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The original design's user flow in headless Chromium at phone width, against the packaged services:
 * create a brief, Generate All Audio, pick a voice, watch the progress bar, survive a reload, and end
 * with playable audio players.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserFlowIT {

    private static final int ITEMS = 8;

    private static RunningSystem system;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e");
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
    @Order(1) // first: it counts every download the system has recorded
    void shouldGenerateAllAudioAndPlayIt() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(system.baseUrl + "/");
        browser.findElement(By.id("title")).sendKeys("Browser brief");
        StringBuilder items = new StringBuilder();
        String story = "Markets moved in a narrow range while investors waited for the central bank. ".repeat(55);
        for (int i = 1; i <= ITEMS; i++) {
            items.append("Story ").append(i).append(":\n").append(story.strip()).append("\n\n");
        }
        setValue(browser.findElement(By.id("items")), items.toString());
        browser.findElement(By.cssSelector("#new-brief button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBe(By.id("brief-title"), "Browser brief"));
        assertThat(browser.findElements(By.cssSelector("#items .item"))).hasSize(ITEMS);

        WebElement generate = wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
        generate.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#voices input[value=warm]"))).click();
        assertThat(browser.findElement(By.id("voices")).getText()).contains("Friendly, warm tone");
        browser.findElement(By.cssSelector("#voice-form button[value=generate]")).click();

        TreeSet<Integer> seen = new TreeSet<>();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress-bar")));
        seen.add(progress());
        browser.navigate().refresh(); // a running job survives a reload: the page finds it again
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress-bar")));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (progress() < 100 && System.nanoTime() < deadline) {
            seen.add(progress());
            Thread.sleep(100);
        }
        seen.add(progress());
        assertThat(seen.last()).isEqualTo(100);
        assertThat(seen.headSet(100)).as("the bar advanced through intermediate values").isNotEmpty();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: 8 of 8 items"));
        assertThat(browser.findElement(By.id("progress-voice")).getText()).isEqualTo("warm");
        assertThat(browser.findElement(By.id("cancel")).isDisplayed()).as("no cancel once the job is done").isFalse();
        assertThat(browser.findElement(By.id("retry")).isDisplayed()).as("nothing failed to retry").isFalse();
        assertThat(browser.findElement(By.id("generate")).isEnabled()).isTrue();
        assertThat(browser.findElement(By.id("progress-text")).getAttribute("aria-live")).isEqualTo("polite");

        // Settled: the page has drawn the brief's stored audio and turned to the episode (players nobody started
        // are drawn again until then, which would leave the elements held here stale).
        wait.until(d -> !d.findElement(By.id("episode-state")).getText().isEmpty()
                || d.findElement(By.id("episode")).isDisplayed());
        List<WebElement> players = wait.until(d -> {
            List<WebElement> audio = d.findElements(By.cssSelector("#items audio"));
            return audio.size() == ITEMS ? audio : null;
        });
        // Opening the page fetches no audio (players preload nothing), so it counts as no download.
        assertThat(players).allSatisfy(player -> assertThat(player.getAttribute("preload")).isEqualTo("none"));
        assertThat(recorded("SELECT (SELECT count(*) FROM audio_delivery) + (SELECT count(*) FROM audio_download)"))
                .as("audio bytes served to a page nobody pressed play on").isZero();
        assertThat(browser.findElement(By.cssSelector("#items .downloads")).getText()).isEqualTo("0 downloads · 0 listeners");

        // Java's HTTP client is on the bot list: these checks count nothing either.
        HttpClient http = HttpClient.newHttpClient();
        for (WebElement player : players) {
            String src = player.getAttribute("src");
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(src)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
            assertThat(new String(response.body(), 0, 4)).isEqualTo("RIFF");
        }
        assertThat(recorded("SELECT count(*) FROM audio_download")).isZero();
        script("document.querySelector('#items audio').play()");
        wait.until(d -> ((Number) script("return document.querySelector('#items audio').currentTime")).doubleValue() > 0.5);
        assertThat(((Number) script("return document.querySelector('#items audio').duration")).doubleValue()).isGreaterThan(1);
        script("document.querySelector('#items audio').pause()");
        // Chromium buffers well past a minute of the item (WAV at 44 kB/s): one download of item 1, nothing else.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> recorded("SELECT count(*) FROM audio_download") > 0);
        assertThat(recorded("SELECT count(*) FROM audio_download WHERE position = 1")).isOne();
        assertThat(recorded("SELECT count(*) FROM audio_download WHERE position <> 1")).isZero();
        assertThat(browser.findElements(By.cssSelector("#items a.button")))
                .allSatisfy(link -> assertThat(link.getAttribute("href")).contains("?job=").endsWith("&download=1"));

        // The whole brief as one MP3 episode (a WAV job), with a chapter per item after the opening.
        WebElement episode = new WebDriverWait(browser, Duration.ofSeconds(240))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("episode-audio")));
        assertThat(episode.getAttribute("src")).contains("_episode_").contains(".mp3?job=");
        List<WebElement> chapters = browser.findElements(By.cssSelector("#chapters button"));
        assertThat(chapters).hasSize(ITEMS + 1);
        assertThat(chapters.get(1).getText()).endsWith("Story 1");
        HttpResponse<byte[]> mp3 = http.send(HttpRequest.newBuilder(URI.create(episode.getAttribute("src"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(browser.findElement(By.cssSelector("#episode a.button")).getAttribute("href")).endsWith("&download=1");
        WebElement third = chapters.get(3);
        double start = Long.parseLong(third.getAttribute("data-start-ms")) / 1000.0;
        third.click();
        wait.until(d -> (Boolean) script("const a = document.getElementById('episode-audio');"
                + " return !a.paused && a.currentTime > " + (start + 0.5)));
        double at = ((Number) script("return document.getElementById('episode-audio').currentTime")).doubleValue();
        assertThat(at).as("playing from the third chapter").isBetween(start, start + 30);

        script("document.querySelector('#items audio').scrollIntoView({block: 'center'})");
        Files.write(system.dir.resolve("brief-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    @Test
    @Order(2)
    void shouldFollowTheSentenceBeingHeardAndPlayFromAClickedOne() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        List<String> sentences = List.of("The markets opened higher on Monday morning.",
                "Technology shares led the gains after strong results.",
                "Oil prices slipped for a third day in a row.", "Rain is expected across the north by the evening.");
        browser.get(system.baseUrl + "/");
        browser.findElement(By.id("title")).sendKeys("Follow-along brief");
        setValue(browser.findElement(By.id("items")), "Markets:\n" + String.join(" ", sentences));
        browser.findElement(By.cssSelector("#new-brief button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("brief-title"), "Follow-along brief"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#voices input[value=calm]"))).click();
        browser.findElement(By.cssSelector("#voice-form button[value=generate]")).click();

        // Once the episode is there the page draws nothing again (a redraw would replace the elements held here).
        WebElement download = new WebDriverWait(browser, Duration.ofSeconds(240)).until(ExpectedConditions
                .visibilityOfElementLocated(By.cssSelector("#transcript-download a")));
        // The item's text becomes its sentences, each with the time of its speech mark.
        List<WebElement> spoken = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#items .sentence"));
            return found.size() == sentences.size() ? found : null;
        });
        assertThat(spoken).extracting(WebElement::getText).containsExactlyElementsOf(sentences);
        long[] times = spoken.stream().mapToLong(s -> Long.parseLong(s.getAttribute("data-time"))).toArray();
        assertThat(times).isSorted();
        assertThat(browser.findElements(By.cssSelector("#items .speaking"))).as("nothing plays yet").isEmpty();

        double at = ((Number) browser.executeScript("arguments[0].click();"
                + " return document.querySelector('#items audio').currentTime * 1000", spoken.get(2))).doubleValue();
        assertThat(at).as("the player moved to the third sentence's time").isBetween(times[2] - 100.0, times[2] + 100.0);
        wait.until(d -> (Boolean) script("const a = document.querySelector('#items audio');"
                + " return !a.paused && a.currentTime * 1000 > " + times[2]));
        wait.until(d -> spoken.get(2).getAttribute("class").contains("speaking"));
        assertThat(spoken.get(2).getAttribute("aria-current")).isEqualTo("true");
        // Playback goes on into the fourth sentence, and the highlight with it.
        wait.until(d -> spoken.get(3).getAttribute("class").contains("speaking"));
        double later = ((Number) script("return document.querySelector('#items audio').currentTime")).doubleValue() * 1000;
        assertThat(later).isGreaterThanOrEqualTo(times[3] - 100.0);
        assertThat(browser.findElements(By.cssSelector("#items .speaking"))).hasSize(1);
        script("document.querySelector('#items audio').pause()");
        script("document.querySelector('#items audio').currentTime = " + (times[1] + 50) / 1000.0);
        wait.until(d -> spoken.get(1).getAttribute("class").contains("speaking"));

        // The episode's transcript follows the episode the same way, and can be downloaded.
        assertThat(download.getText()).isEqualTo("Download transcript");
        assertThat(download.getAttribute("href")).contains("/transcript.vtt");
        HttpResponse<String> vtt = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(download.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(vtt.body()).startsWith("WEBVTT").contains(sentences.get(2));
        List<WebElement> episodeSentences = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#episode-transcript .sentence"));
            return found.size() > sentences.size() ? found : null;
        });
        WebElement third = episodeSentences.stream().filter(s -> s.getText().equals(sentences.get(2))).findFirst().orElseThrow();
        long thirdAt = Long.parseLong(third.getAttribute("data-time"));
        third.click();
        wait.until(d -> third.getAttribute("class").contains("speaking"));
        double episodeAt = ((Number) script("return document.getElementById('episode-audio').currentTime")).doubleValue() * 1000;
        assertThat(episodeAt).isBetween(thirdAt - 100.0, thirdAt + 1_000.0);
        script("document.getElementById('episode-audio').pause()");
    }

    @Test
    void shouldKeepPlayingAnItemWhileTheRestOfTheBriefIsNarrated() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String story = "Markets moved in a narrow range while investors waited for the central bank. ";
        StringBuilder items = new StringBuilder("First:\n" + story.repeat(40).strip());
        for (int i = 2; i <= 6; i++) { // enough left to narrate that the job cannot finish before play starts
            items.append("\n\nStory ").append(i).append(":\n").append(story.repeat(55).strip());
        }
        browser.get(system.baseUrl + "/");
        browser.findElement(By.id("title")).sendKeys("Listen-early brief");
        setValue(browser.findElement(By.id("items")), items.toString());
        browser.findElement(By.cssSelector("#new-brief button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("brief-title"), "Listen-early brief"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#voices input[value=calm]"))).click();
        browser.findElement(By.cssSelector("#voice-form button[value=generate]")).click();

        // Found and started in one script: a player nobody started yet is drawn again on the next status change.
        WebElement first = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(50))
                .until(d -> (WebElement) browser.executeScript(
                        "const a = document.querySelector('#items audio'); if (a) a.play(); return a;"));
        assertThat(progress()).as("the rest of the brief is still being narrated").isLessThan(100);

        new WebDriverWait(browser, Duration.ofSeconds(240)).until(ExpectedConditions
                .visibilityOfElementLocated(By.id("episode-audio")));
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("Done: 6 of 6 items");
        // Every redraw since (items finishing, the job completing, the brief's stored audio) kept the player.
        assertThat(browser.executeScript("const a = arguments[0];"
                + " return a.isConnected && !a.paused && a.currentTime > 0", first)).isEqualTo(true);
        browser.executeScript("arguments[0].pause()", first);
    }

    private long recorded(String sql) {
        try (Connection c = DriverManager.getConnection(system.jdbcUrl, PostgresDatabases.USER, PostgresDatabases.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldShowABadgeWithTheReasonOnAnItemTheQualityGateWarnedAbout() throws Exception {
        SystemApi api = new SystemApi(HttpClient.newHttpClient(), system.baseUrl);
        long brief = api.json("POST", "/api/briefs", """
                {"title": "Checked brief", "items": [{"title": "Markets", "text": "Stocks rose on Tuesday."},
                  {"title": "Weather", "text": "Rain is expected later today. It clears by the evening."}]}""")
                .get("id").asLong();
        long job = api.json("POST", "/api/brief/" + brief + "/audio/generate", "{\"voice_id\": \"calm\"}")
                .get("job_id").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.json("GET", "/api/brief/audio/job/" + job + "/status", null).get("status").asText().equals("completed")) {
            assertThat(System.nanoTime()).as("job %d completes", job).isLessThan(deadline);
            Thread.sleep(200);
        }
        // What the worker's gate records for an XTTS sentence that ran to its code cap (eSpeak NG never does).
        try (Connection c = DriverManager.getConnection(system.jdbcUrl, PostgresDatabases.USER, PostgresDatabases.PASSWORD);
             var s = c.prepareStatement("UPDATE audio_job_item SET quality = ?::jsonb WHERE job_id = ? AND position = 2")) {
            s.setString(1, """
                    {"status": "warn", "checks": [{"name": "code_cap", "value": 602, "limit": 602, "sentence": 2}],
                     "resynthesized": 2}""");
            s.setLong(2, job);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        browser.get(system.baseUrl + "/brief.html?id=" + brief);
        WebElement badge = new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#items .item:nth-child(2) .badge")));
        assertThat(badge.getText()).isEqualTo("Quality warning: sentence 2 ran to the code cap without stopping");
        assertThat(badge.getAttribute("class")).contains("quality-warn");
        assertThat(browser.findElements(By.cssSelector("#items .item:nth-child(1) .badge"))).as("item 1 passed").isEmpty();
    }

    @Test
    void shouldSayThatABriefDoesNotExist() {
        browser.get(system.baseUrl + "/brief.html?id=999");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.id("brief-title"), "Brief not found"));

        assertThat(browser.findElement(By.id("brief-meta")).getText()).isEqualTo("There is no brief 999, or it was deleted.");
        assertThat(browser.findElement(By.id("generate")).isDisplayed()).as("nothing to generate").isFalse();
        assertThat(browser.findElements(By.tagName("h2")).stream().filter(WebElement::isDisplayed).map(WebElement::getText))
                .as("no Items heading").doesNotContain("Items");
        browser.manage().logs().get(LogType.BROWSER); // the 404 is logged by the browser: not another test's error
    }

    @Test
    void shouldSayThatNoWorkerCanPrepareACustomVoice() throws Exception {
        // This system's worker speaks with eSpeak NG: nothing here can clone a voice.
        Path clip = Files.write(system.dir.resolve("unpreparable-clip.wav"), TestClips.wav(5, 0.2, 48000, 1));
        browser.get(system.baseUrl + "/voices.html");
        browser.findElement(By.id("voice-name")).sendKeys("Nobody clones me");
        browser.findElement(By.id("voice-clip")).sendKeys(clip.toAbsolutePath().toString());
        browser.findElement(By.id("voice-consent")).click();
        browser.findElement(By.cssSelector("#add-voice button[type=submit]")).click();

        // The list is redrawn while the voice waits: read the row inside the wait, where a redrawn row is read again.
        record Row(String text, int progressBars) { }
        Row row = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#custom-voices li[data-status=preparing]")).stream()
                        .findFirst().filter(WebElement::isDisplayed)
                        .map(r -> new Row(r.getText(), r.findElements(By.tagName("progress")).size())).orElse(null));
        assertThat(row.text()).contains("Nobody clones me")
                .contains("no worker that can clone voices is running").doesNotContain("Being prepared");
        assertThat(row.progressBars()).as("no progress bar for a wait without end").isZero();
        browser.manage().logs().get(LogType.BROWSER);
    }

    private int progress() {
        return Integer.parseInt(browser.findElement(By.id("progress-bar")).getAttribute("value"));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void setValue(WebElement element, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", element, value);
        element.sendKeys(" ");
    }

}
