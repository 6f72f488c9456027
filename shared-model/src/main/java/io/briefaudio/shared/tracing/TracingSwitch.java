package io.briefaudio.shared.tracing;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracing is off until an OTLP endpoint is configured (docs/operations.md#traces). Quarkus' own default is the
 * opposite: the SDK on, exporting to localhost:4317, with a connection error in the log every few seconds when
 * nothing listens there. So {@code quarkus.otel.sdk.disabled} (read at run time) answers {@code true} unless it is
 * set explicitly (or as {@code OTEL_SDK_DISABLED}), or an endpoint is: {@code quarkus.otel.exporter.otlp.traces.endpoint},
 * {@code quarkus.otel.exporter.otlp.endpoint}, or the standard {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} /
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}. The standard variables (and {@code OTEL_EXPORTER_OTLP_PROTOCOL}) also configure
 * Quarkus' exporter when its own names are not set, as the OpenTelemetry Operator and collector guides set them.
 */
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    /** Quarkus names, and the standard OpenTelemetry names that stand in for them when they are not set. */
    private static final Map<String, List<String>> STANDARD_NAMES = Map.of(
            SDK_DISABLED, List.of("otel.sdk.disabled"),
            TRACES_ENDPOINT, List.of("otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.endpoint"),
            ENDPOINT, List.of("otel.exporter.otlp.endpoint"),
            "quarkus.otel.exporter.otlp.traces.protocol", List.of("otel.exporter.otlp.traces.protocol",
                    "otel.exporter.otlp.protocol"));

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = configured(context, name);
        if (!SDK_DISABLED.equals(name) || isSet(value)) {
            return value;
        }
        boolean endpoint = isSet(configured(context, TRACES_ENDPOINT)) || isSet(configured(context, ENDPOINT));
        String disabled = Boolean.toString(!endpoint);
        return value != null ? value.withValue(disabled)
                : ConfigValue.builder().withName(name).withValue(disabled)
                        .withConfigSourceName(TracingSwitch.class.getSimpleName()).withConfigSourceOrdinal(Integer.MIN_VALUE)
                        .build();
    }

    /**
     * Quarkus hands the SDK the {@code quarkus.otel.*} settings it finds by listing names, so the computed switch (and
     * a Quarkus name set through its standard stand-in) must be listed too: unlisted, the SDK would start enabled.
     */
    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        names.add(SDK_DISABLED);
        for (String name : STANDARD_NAMES.keySet()) {
            if (isSet(configured(context, name))) {
                names.add(name);
            }
        }
        return names.iterator();
    }

    /** The value of {@code name}, or of the first standard name set in its place. */
    private static ConfigValue configured(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (isSet(value)) {
            return value;
        }
        for (String standard : STANDARD_NAMES.getOrDefault(name, List.of())) {
            ConfigValue alternative = context.proceed(standard);
            if (isSet(alternative)) {
                return alternative.withName(name);
            }
        }
        return value;
    }

    /**
     * Set by someone: a non-blank value from a real source. Defaults (mapping defaults, Quarkus' own default endpoint)
     * come from sources with negative ordinals; every source an operator writes to has a positive one.
     */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
