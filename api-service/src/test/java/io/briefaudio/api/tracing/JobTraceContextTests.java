package io.briefaudio.api.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.shared.testing.RecordedSpans;
import io.briefaudio.shared.testing.TracingOnProfile;
import io.briefaudio.shared.tracing.JobTraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, a generate call's trace context is stored on its job (docs/operations.md#traces), so that the
 * worker's spans for the job continue the call's trace: the job row names the call's server span as the parent.
 */
@QuarkusTest
@TestProfile(TracingOnProfile.class)
class JobTraceContextTests {

    private static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("briefaudio.job.id");
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void forgetSpans() {
        RecordedSpans.reset();
    }

    @Test
    void shouldStoreTheGenerateCallsServerSpanAsTheJobsTraceParent() throws Exception {
        long job = generate(given(), Briefs.create(2));

        SpanData server = serverSpanOf(job, "/audio/generate");
        JobTraceContext stored = storedOn(job).orElseThrow();
        assertThat(stored.traceParent()).isEqualTo("00-" + server.getTraceId() + "-" + server.getSpanId() + "-01");
        assertThat(stored.traceState()).isNull();
        assertThat(server.getName()).as("the route, not the URL").startsWith("POST /api/brief/{brief_id")
                .endsWith("}/audio/generate");
    }

    @Test
    void shouldContinueTheCallersTraceAndKeepItsTraceState() throws Exception {
        long job = generate(given().header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .header("tracestate", "vendor=opaque"), Briefs.create(1));

        SpanData server = serverSpanOf(job, "/audio/generate");
        assertThat(server.getTraceId()).isEqualTo(CALLER_TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
        JobTraceContext stored = storedOn(job).orElseThrow();
        assertThat(stored.traceParent()).isEqualTo("00-" + CALLER_TRACE + "-" + server.getSpanId() + "-01");
        assertThat(stored.traceState()).isEqualTo("vendor=opaque");
    }

    @Test
    void shouldMoveARetriedJobToTheRetryCallsTrace() throws Exception {
        long job = generate(given(), Briefs.create(1));
        String generateTrace = storedOn(job).orElseThrow().traceId();
        sql("UPDATE audio_job_item SET state = 'failed', attempt = max_attempts, last_error = 'scripted' WHERE job_id = "
                + job);
        sql("UPDATE audio_job SET status = 'failed', failed_items = total_items, completed_at = now() WHERE id = " + job);

        given().header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .post("/api/brief/audio/job/" + job + "/retry").then().statusCode(202);

        JobTraceContext stored = storedOn(job).orElseThrow();
        assertThat(stored.traceId()).isEqualTo(CALLER_TRACE).isNotEqualTo(generateTrace);
        SpanData retry = RecordedSpans.await(spans -> spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER
                && span.getTraceId().equals(CALLER_TRACE)), Duration.ofSeconds(10)).stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(CALLER_TRACE))
                .findFirst().orElseThrow();
        assertThat(stored.traceParent()).isEqualTo("00-" + CALLER_TRACE + "-" + retry.getSpanId() + "-01");
    }

    private static long generate(RequestSpecification request, long brief) {
        return request.contentType(ContentType.JSON).body("{\"voice_id\": \"calm\"}")
                .post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
    }

    /** The server span of the call that created the job (it carries the job's id); it ends after the response. */
    private static SpanData serverSpanOf(long job, String path) throws InterruptedException {
        List<SpanData> spans = RecordedSpans.await(all -> all.stream().anyMatch(span -> isServerSpanOf(span, job)),
                Duration.ofSeconds(10));
        SpanData server = spans.stream().filter(span -> isServerSpanOf(span, job)).findFirst().orElseThrow();
        assertThat(server.getName()).contains(path);
        return server;
    }

    private static boolean isServerSpanOf(SpanData span, long job) {
        return span.getKind() == SpanKind.SERVER && Long.valueOf(job).equals(span.getAttributes().get(JOB_ID));
    }

    private Optional<JobTraceContext> storedOn(long job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT trace_parent, trace_state FROM audio_job WHERE id = ?")) {
            s.setLong(1, job);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("job %d exists", job).isTrue();
                return rs.getString(1) == null ? Optional.empty()
                        : Optional.of(new JobTraceContext(rs.getString(1), rs.getString(2)));
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
