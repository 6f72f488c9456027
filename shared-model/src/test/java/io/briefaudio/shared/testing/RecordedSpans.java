package io.briefaudio.shared.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The spans a {@code @QuarkusTest} recorded, in the SDK's in-memory exporter. Each module's tests expose
 * {@link #processor()} as a CDI {@code SpanProcessor}, which Quarkus adds to its tracer provider when tracing is on
 * ({@link TracingOnProfile}); with tracing off nothing reaches it.
 */
public final class RecordedSpans {

    /** The exporter of the application started last: an application's shutdown stops its exporter for good. */
    private static volatile InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private RecordedSpans() {
    }

    /** Exports each span as it ends, so a test sees it without waiting for a batch. */
    public static SpanProcessor processor() {
        exporter = InMemorySpanExporter.create();
        return SimpleSpanProcessor.create(exporter);
    }

    public static void reset() {
        exporter.reset();
    }

    public static List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    /** The finished spans once {@code complete} holds for them; fails with what was recorded after {@code timeout}. */
    public static List<SpanData> await(Predicate<List<SpanData>> complete, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SpanData> spans = all();
        while (!complete.test(spans)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("spans incomplete after " + timeout + ": " + spans.stream()
                        .map(span -> span.getName() + " " + span.getTraceId() + "/" + span.getSpanId()
                                + " <- " + span.getParentSpanId()).toList());
            }
            Thread.sleep(50);
            spans = all();
        }
        return spans;
    }
}
