package io.briefaudio.shared.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tracing on, as an operator turns it on: an OTLP endpoint is configured. The tests' build has no OTLP exporter
 * ({@code %test.quarkus.otel.exporter.otlp.enabled=false}), so nothing is sent there: spans go to
 * {@link RecordedSpans}.
 */
public class TracingOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317");
    }
}
