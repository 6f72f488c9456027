package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.e2e.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged API and worker, each exporting OTLP/HTTP to a receiver this test runs (docs/operations.md#traces):
 * one generate call yields one trace, holding the API's server span and, beneath it, the worker's claim, item,
 * synthesis, upload and episode spans. Tracing is turned on as an operator does, with the standard variables.
 */
class TracesIT {

    private static OtlpReceiver receiver;
    private static RunningSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        receiver = new OtlpReceiver();
        Map<String, String> tracing = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        system = new RunningSystem("briefaudio_e2e_traces", 1, true, tracing, tracing);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldPutTheApiAndWorkerSpansOfOneGenerateCallInOneTrace() throws Exception {
        SystemApi api = new SystemApi(http, system.baseUrl);
        long brief = api.json("POST", "/api/briefs", "{\"title\": \"Traced brief\", \"items\": [{\"title\": \"First\", "
                + "\"text\": \"Good morning.\"}, {\"title\": \"Second\", \"text\": \"Rain later today.\"}]}")
                .get("id").asLong();
        long job = api.json("POST", "/api/brief/" + brief + "/audio/generate", "{\"voice_id\": \"calm\", \"format\": \"mp3\"}")
                .get("job_id").asLong();

        List<ReceivedSpan> spans = await(all -> named(all, "briefaudio.episode").size() == 1
                && named(all, "briefaudio.item").size() == 2 && all.stream().anyMatch(span -> isGenerateCall(span, job)),
                Duration.ofMinutes(3));

        ReceivedSpan generate = spans.stream().filter(span -> isGenerateCall(span, job)).findFirst().orElseThrow();
        assertThat(generate.service()).isEqualTo("brief-audio-api");
        assertThat(generate.name()).startsWith("POST /api/brief/{brief_id").endsWith("}/audio/generate");
        List<ReceivedSpan> trace = spans.stream().filter(span -> span.traceId().equals(generate.traceId())).toList();
        List<ReceivedSpan> worker = trace.stream().filter(span -> "brief-audio-worker".equals(span.service())).toList();
        assertThat(worker).extracting(ReceivedSpan::name).contains("briefaudio.claim", "briefaudio.item",
                "briefaudio.synthesize", "briefaudio.upload", "briefaudio.episode");
        assertThat(named(worker, "briefaudio.item")).hasSize(2).allSatisfy(item -> {
            assertThat(item.parentSpanId()).isEqualTo(generate.spanId());
            assertThat(item.attributes()).containsEntry("briefaudio.job.id", Long.toString(job))
                    .containsEntry("briefaudio.engine", "espeak").containsEntry("briefaudio.voice", "calm")
                    .containsEntry("briefaudio.outcome", "completed");
        });
        assertThat(named(worker, "briefaudio.episode")).singleElement()
                .satisfies(episode -> assertThat(episode.parentSpanId()).isEqualTo(generate.spanId()));
        assertThat(named(worker, "briefaudio.claim")).hasSize(3)
                .allSatisfy(claim -> assertThat(claim.parentSpanId()).isEqualTo(generate.spanId()));
        Set<String> workSpans = worker.stream().filter(span -> Set.of("briefaudio.item", "briefaudio.episode")
                .contains(span.name())).map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(named(worker, "briefaudio.synthesize")).isNotEmpty()
                .allSatisfy(synthesis -> assertThat(workSpans).contains(synthesis.parentSpanId()));
        assertThat(named(worker, "briefaudio.upload")).isNotEmpty()
                .allSatisfy(upload -> assertThat(workSpans).contains(upload.parentSpanId()));
        // No flood: the API traces its HTTP calls only (not its 1 s webhook poll, gauges or JDBC), the worker its work.
        assertThat(spans).filteredOn(span -> "brief-audio-api".equals(span.service())).extracting(ReceivedSpan::name)
                .allMatch(name -> name.matches("(GET|POST|PUT|PATCH|DELETE|HEAD) /.*"));
        assertThat(spans).filteredOn(span -> "brief-audio-worker".equals(span.service())).extracting(ReceivedSpan::name)
                .allMatch(name -> name.startsWith("briefaudio."));
        assertThat(spans).as("no span carries the brief's text")
                .allSatisfy(span -> assertThat(span.attributes().values()).noneMatch(value -> value != null
                        && (value.contains("Good morning") || value.contains("Rain later"))));
    }

    private static boolean isGenerateCall(ReceivedSpan span, long job) {
        return Long.toString(job).equals(span.attributes().get("briefaudio.job.id")) && span.name().startsWith("POST ");
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).toList();
    }

    private List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> complete, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedSpan> spans = receiver.spans();
            if (complete.test(spans)) {
                return spans;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("spans incomplete after " + timeout + " (logs in " + system.dir + "): "
                + receiver.spans().stream().map(span -> span.service() + " " + span.name()).toList());
    }
}
