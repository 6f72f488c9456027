package io.briefaudio.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off until an OTLP endpoint is configured; an explicit switch always wins (docs/operations.md#traces). */
class TracingSwitchTest {

    private static final String COLLECTOR = "http://otel-collector.monitoring:4317";

    /**
     * Configuration as a service sees it: its properties, its environment, and Quarkus' defaults beneath (the mapping
     * default of {@code quarkus.otel.sdk.disabled}, false, is not a listed name there, so it is left out here too).
     */
    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withDefaultValue(TracingSwitch.ENDPOINT, "http://localhost:4317/")
                .withDefaultValue("quarkus.otel.exporter.otlp.protocol", "grpc")
                .withInterceptors(new TracingSwitch())
                .build();
    }

    private static boolean sdkDisabled(SmallRyeConfig config) {
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }

    @Test
    void shouldKeepTheSdkOffWhenNoEndpointIsConfigured() {
        SmallRyeConfig config = config(Map.of(), Map.of());

        assertThat(sdkDisabled(config)).isTrue();
        assertThat(config.getPropertyNames()).as("listed: Quarkus passes the SDK only the settings it lists")
                .contains(TracingSwitch.SDK_DISABLED);
    }

    @Test
    void shouldTurnTheSdkOnForATracesEndpoint() {
        assertThat(sdkDisabled(config(Map.of(TracingSwitch.TRACES_ENDPOINT, COLLECTOR), Map.of()))).isFalse();
        assertThat(sdkDisabled(config(Map.of(), Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", COLLECTOR)))).isFalse();
    }

    @Test
    void shouldTurnTheSdkOnForTheGenericEndpoint() {
        assertThat(sdkDisabled(config(Map.of(), Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR)))).isFalse();
    }

    @Test
    void shouldTakeTheStandardOpenTelemetryVariables() {
        SmallRyeConfig config = config(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        assertThat(sdkDisabled(config)).isFalse();
        assertThat(config.getValue(TracingSwitch.TRACES_ENDPOINT, String.class)).isEqualTo("http://collector:4318");
        assertThat(config.getValue("quarkus.otel.exporter.otlp.traces.protocol", String.class)).isEqualTo("http/protobuf");
        assertThat(config.getPropertyNames()).contains(TracingSwitch.TRACES_ENDPOINT);
    }

    @Test
    void shouldPreferTheQuarkusNamesOverTheStandardOnes() {
        SmallRyeConfig config = config(Map.of(TracingSwitch.TRACES_ENDPOINT, COLLECTOR),
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere:4317"));

        assertThat(config.getValue(TracingSwitch.TRACES_ENDPOINT, String.class)).isEqualTo(COLLECTOR);
    }

    @Test
    void shouldLetAnExplicitSwitchWin() {
        assertThat(sdkDisabled(config(Map.of(TracingSwitch.TRACES_ENDPOINT, COLLECTOR, TracingSwitch.SDK_DISABLED, "true"),
                Map.of()))).isTrue();
        assertThat(sdkDisabled(config(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR, "OTEL_SDK_DISABLED", "true"))))
                .isTrue();
        assertThat(sdkDisabled(config(Map.of(TracingSwitch.SDK_DISABLED, "false"), Map.of()))).isFalse();
    }
}
