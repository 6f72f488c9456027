package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * With auth on, the page asks for an API key, keeps it in sessionStorage (never in a URL), plays audio
 * through the signed links of the status responses, and forgets the key on sign-out.
 */
class SignInFlowIT {

    private static final String KEY = "ba-e2e-browser-operator-key";

    private static RunningSystem system;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e_signin", 1, true,
                Map.of("BRIEFAUDIO_AUTH_ENABLED", "true", "BRIEFAUDIO_AUTH_BOOTSTRAP_KEY", KEY));
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

    private void signIn(WebDriverWait wait, String key) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    @Test
    void shouldSignInPlaySignedAudioAndSignOut() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(system.baseUrl + "/");
        signIn(wait, "ba_1_wrong");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "not valid"));

        signIn(wait, KEY);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-brief")));
        assertThat(browser.findElements(By.id("sign-in"))).isEmpty();
        assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
        assertThat(script("return sessionStorage.getItem('briefaudio.apiKey')")).isEqualTo(KEY);

        browser.findElement(By.id("title")).sendKeys("Signed-in brief");
        browser.findElement(By.id("items")).sendKeys("Rain is expected later today.");
        browser.findElement(By.cssSelector("#new-brief button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("brief-title"), "Signed-in brief"));
        assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("generate"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#voices input[value=calm]"))).click();
        browser.findElement(By.cssSelector("#voice-form button[value=generate]")).click();

        // Players nobody started are drawn again on each status change: read the link inside the wait.
        String src = wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#items audio")).getAttribute("src"));
        assertThat(src).contains("?job=").contains("&exp=").contains("&sig=").doesNotContain(KEY);
        // Players preload nothing (opening a page is no download): playing fetches the signed audio.
        script("document.querySelector('#items audio').play()");
        wait.until(d -> ((Number) script("return document.querySelector('#items audio').readyState")).intValue() >= 1);
        script("document.querySelector('#items audio').pause()");
        assertThat(((Number) script("return document.querySelector('#items audio').duration")).doubleValue()).isGreaterThan(0.5);
        assertThat(browser.findElement(By.cssSelector("#items a.button")).getAttribute("href"))
                .contains("&sig=").endsWith("&download=1");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertThat(script("return sessionStorage.getItem('briefaudio.apiKey')")).isNull();
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }
}
