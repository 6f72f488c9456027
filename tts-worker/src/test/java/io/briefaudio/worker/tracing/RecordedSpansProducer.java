package io.briefaudio.worker.tracing;

import io.briefaudio.shared.testing.RecordedSpans;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Test spans go to the SDK's in-memory exporter ({@link RecordedSpans}) when tracing is on. */
@Singleton
public class RecordedSpansProducer {

    @Produces
    @Singleton
    SpanProcessor recordedSpans() {
        return RecordedSpans.processor();
    }
}
