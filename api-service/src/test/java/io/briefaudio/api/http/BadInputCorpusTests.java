package io.briefaudio.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.briefaudio.api.Briefs;
import io.briefaudio.api.audio.AudioFixtures;
import io.briefaudio.api.http.BadInputCorpus.Case;
import io.briefaudio.api.http.BadInputCorpus.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every endpoint under hostile input, sent as raw bytes: each answer is below 500, an error is problem+json,
 * nothing names our code or its libraries, nothing is logged at ERROR, and the server is healthy afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTests {

    /** Text that would reveal a stack trace or the names of classes and packages. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "io.briefaudio", "io.quarkus", "io.vertx",
            "io.netty", "com.fasterxml", "org.jboss", "java.lang", ".java:", "org.postgresql", "org.hibernate", "jakarta.");

    private static final List<LogRecord> ERRORS = Collections.synchronizedList(new ArrayList<>());
    private static final Handler ERROR_COLLECTOR = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                ERRORS.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    AudioFixtures audio;

    @BeforeAll
    static void collectErrorLogs() throws InterruptedException {
        Logger.getLogger("").addHandler(ERROR_COLLECTOR);
        // The malformed-request handler is installed on an asynchronous server-start event.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!InvalidRequests.isInstalled() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopCollecting() {
        Logger.getLogger("").removeHandler(ERROR_COLLECTOR);
    }

    @Test
    @Order(1)
    void shouldHoldAtLeastThreeHundredCases() {
        assertThat(BadInputCorpus.all()).hasSizeGreaterThanOrEqualTo(300);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> shouldAnswerEveryBadRequestWithAProblemAndNoLeak() {
        long brief = Briefs.create(2);
        long job = given().contentType(ContentType.JSON).body("{\"voice_id\":\"calm\"}")
                .post("/api/brief/" + brief + "/audio/generate").then().statusCode(202).extract().jsonPath().getLong("job_id");
        Ids ids = new Ids(brief, job, audio.store(BadInputCorpus.AUDIO_SIZE).name());
        int port = RestAssured.port;
        return BadInputCorpus.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            byte[] request = c.request().apply(ids);
            judge(c, request, RawHttp.send(port, request));
        }));
    }

    @Test
    @Order(3)
    void shouldStayHealthyAndQuietAfterTheCorpus() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/voices").then().statusCode(200);
        assertThat(ERRORS).as("ERROR log records while answering bad input")
                .extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    private static void judge(Case c, byte[] request, RawHttp.Answer answer) {
        if (c.mayClose() && answer.status() == -1) {
            return;
        }
        assertThat(answer.status()).as(c + " was answered at all: " + answer.raw()).isPositive();
        assertThat(answer.status()).as(c + " answered " + answer.raw()).isLessThan(500);
        for (String leak : LEAKS) {
            assertThat(answer.raw()).as(c + " leaks '" + leak + "'").doesNotContain(leak);
        }
        if (answer.status() < 400) {
            return;
        }
        if (OpenAiCorpus.isOpenAiRequest(request)) {
            // Under /v1 every error is OpenAI's body, which OpenAI's SDKs read; never problem+json.
            assertThat(answer.header("content-type")).as(c + " content type of " + answer.raw()).startsWith("application/json");
            JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
            assertThat(error).as(c + " error object in " + answer.body()).isNotNull();
            assertThat(error.fieldNames()).as(c + " error members").containsExactlyInAnyOrder("message", "type", "param", "code");
            assertThat(error.getString("message")).as(c + " message").isNotBlank();
            assertThat(error.getString("type")).as(c + " type").isIn("invalid_request_error", "authentication_error",
                    "permission_error", "rate_limit_error");
            return;
        }
        assertThat(answer.header("content-type")).as(c + " content type of " + answer.raw())
                .startsWith("application/problem+json");
        if (c.name().startsWith("HEAD")) {
            return;
        }
        JsonObject problem = new JsonObject(answer.body());
        assertThat(problem.getString("type")).as(c + " type").startsWith("urn:briefaudio:problem:");
        assertThat(problem.getString("title")).as(c + " title").isNotBlank();
        assertThat(problem.getInteger("status")).as(c + " status member").isEqualTo(answer.status());
    }
}
