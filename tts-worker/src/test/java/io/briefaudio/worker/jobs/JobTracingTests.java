package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.testing.RecordedSpans;
import io.briefaudio.shared.testing.TracingOnProfile;
import io.briefaudio.worker.tracing.JobSpans;
import io.briefaudio.worker.tts.Narrator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job's trace continues in the worker (docs/operations.md#traces): every item's claim and attempt, and the
 * episode's, are children of the trace context the API stored on the job (here written as the API writes it), with
 * synthesis and upload beneath them; the spans name the job, item, engine and voice but carry no text.
 */
@QuarkusTest
@TestProfile(TracingOnProfile.class)
class JobTracingTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    /** What the API stored: the trace of the generate call and its server span's id. */
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String API_SPAN = "b7ad6b7169203331";
    private static final String TEXT = "Confidential tracing text";

    private static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("briefaudio.job.id");
    private static final AttributeKey<Long> POSITION = AttributeKey.longKey("briefaudio.item.position");
    private static final AttributeKey<String> WORK = AttributeKey.stringKey("briefaudio.work");
    private static final AttributeKey<String> ENGINE = AttributeKey.stringKey("briefaudio.engine");
    private static final AttributeKey<String> VOICE = AttributeKey.stringKey("briefaudio.voice");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("briefaudio.outcome");

    @Inject
    OpenTelemetry openTelemetry;

    @BeforeEach
    void forgetRecordedSpans() throws Exception {
        RecordedSpans.reset();
    }

    @Test
    void shouldPutEveryItemAndTheEpisodeOfAJobInTheTraceStoredOnIt() throws Exception {
        long job = fixtures.queueJob(3, TEXT, 3, "mp3", true);
        fixtures.execute("UPDATE audio_job SET trace_parent = '00-" + TRACE + "-" + API_SPAN
                + "-01', trace_state = 'vendor=opaque' WHERE id = " + job);

        harness.startTraced("traced", new Narrator(new ToneEngine()), LEASE, FAST_BACKOFF, spans("traced"));

        List<SpanData> spans = RecordedSpans.await(all -> named(all, "briefaudio.episode").size() == 1
                && named(all, "briefaudio.item").size() == 3, Duration.ofSeconds(90));
        assertThat(fixtures.job(job)).containsEntry("status", "completed");
        assertThat(spans).as("every span of the job is in the generate call's trace")
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE));

        List<SpanData> items = named(spans, "briefaudio.item");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.getParentSpanId()).isEqualTo(API_SPAN);
            assertThat(item.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(item.getAttributes().get(JOB_ID)).isEqualTo(job);
            assertThat(item.getAttributes().get(ENGINE)).isEqualTo("espeak");
            assertThat(item.getAttributes().get(VOICE)).isEqualTo("professional");
            assertThat(item.getAttributes().get(OUTCOME)).isEqualTo("completed");
            assertThat(item.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        });
        assertThat(items).extracting(item -> item.getAttributes().get(POSITION)).containsExactlyInAnyOrder(1L, 2L, 3L);

        List<SpanData> claims = named(spans, "briefaudio.claim");
        assertThat(claims).hasSize(4).allSatisfy(claim -> assertThat(claim.getParentSpanId()).isEqualTo(API_SPAN));
        assertThat(claims).extracting(claim -> claim.getAttributes().get(WORK))
                .containsExactlyInAnyOrder("item", "item", "item", "episode");

        SpanData episode = named(spans, "briefaudio.episode").get(0);
        assertThat(episode.getParentSpanId()).isEqualTo(API_SPAN);
        assertThat(episode.getAttributes().get(JOB_ID)).isEqualTo(job);
        assertThat(episode.getAttributes().get(OUTCOME)).isEqualTo("completed");

        // Each item synthesized in its own span and uploaded its audio and its speech marks; the episode spoke its
        // titles and uploaded them (audio and marks each) and then the episode file.
        Set<String> itemIds = items.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        Map<String, Long> synthesesByParent = named(spans, "briefaudio.synthesize").stream()
                .collect(Collectors.groupingBy(SpanData::getParentSpanId, Collectors.counting()));
        Map<String, Long> uploadsByParent = named(spans, "briefaudio.upload").stream()
                .collect(Collectors.groupingBy(SpanData::getParentSpanId, Collectors.counting()));
        for (String item : itemIds) {
            assertThat(synthesesByParent).containsEntry(item, 1L);
            assertThat(uploadsByParent).containsEntry(item, 2L);
        }
        // The opening and three spoken titles: new audio, so synthesized and uploaded with their marks; then the file.
        assertThat(synthesesByParent).containsEntry(episode.getSpanId(), 4L);
        assertThat(uploadsByParent).containsEntry(episode.getSpanId(), 4L * 2 + 1);
        assertThat(synthesesByParent.keySet()).as("no synthesis outside an item or the episode")
                .isSubsetOf(union(itemIds, episode.getSpanId()));

        assertThat(spans).as("no span carries the text").allSatisfy(span -> assertThat(span.getAttributes().asMap().values())
                .noneMatch(value -> value.toString().contains("tracing text") || value.toString().contains("Story")));
    }

    @Test
    void shouldStartATraceOfItsOwnForAJobWithoutAStoredContext() throws Exception {
        long job = fixtures.queueJob(1, TEXT, 3, "wav", false);

        harness.startTraced("traced-alone", new Narrator(new ToneEngine()), LEASE, FAST_BACKOFF, spans("traced-alone"));

        // the job's episode is claimed in a trace of its own too; this test follows the item's
        List<SpanData> spans = RecordedSpans.await(all -> named(all, "briefaudio.item").size() == 1
                && itemClaims(all).size() == 1, Duration.ofSeconds(60));
        SpanData claim = itemClaims(spans).get(0);
        SpanData item = named(spans, "briefaudio.item").get(0);
        assertThat(item.getAttributes().get(JOB_ID)).isEqualTo(job);
        assertThat(claim.getParentSpanContext().isValid()).as("the claim starts the trace").isFalse();
        assertThat(item.getTraceId()).isEqualTo(claim.getTraceId());
        assertThat(item.getParentSpanId()).isEqualTo(claim.getSpanId());
    }

    @Test
    void shouldMarkAFailedAttemptAsAnError() throws Exception {
        long job = fixtures.queueJob(1, TEXT, 1, "wav", false);
        fixtures.execute("UPDATE audio_job SET trace_parent = '00-" + TRACE + "-" + API_SPAN + "-01' WHERE id = " + job);
        ToneEngine failing = new ToneEngine().behave((text, call) -> {
            throw new io.briefaudio.worker.tts.SynthesisException("scripted failure", true);
        });

        harness.startTraced("traced-failing", new Narrator(failing), LEASE, FAST_BACKOFF, spans("traced-failing"));

        List<SpanData> spans = RecordedSpans.await(all -> named(all, "briefaudio.item").size() == 1,
                Duration.ofSeconds(60));
        SpanData item = named(spans, "briefaudio.item").get(0);
        assertThat(item.getAttributes().get(OUTCOME)).isEqualTo("failed");
        assertThat(item.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(item.getStatus().getDescription()).contains("scripted failure");
        assertThat(named(spans, "briefaudio.synthesize")).singleElement()
                .satisfies(synthesis -> assertThat(synthesis.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
        assertThat(named(spans, "briefaudio.upload")).isEmpty();
    }

    /** Spans of this application's SDK, as the worker makes them. */
    private JobSpans spans(String workerId) {
        return JobSpans.of(openTelemetry.getTracer(JobSpans.INSTRUMENTATION), harness.dataSource, workerId, "espeak");
    }

    private static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).toList();
    }

    private static Set<String> union(Set<String> ids, String id) {
        Set<String> all = new java.util.HashSet<>(ids);
        all.add(id);
        return all;
    }

    private static List<SpanData> itemClaims(List<SpanData> spans) {
        return named(spans, "briefaudio.claim").stream().filter(c -> "item".equals(c.getAttributes().get(WORK)))
                .toList();
    }
}
