package io.briefaudio.api.tracing;

import io.briefaudio.shared.tracing.JobTraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The trace context a new or retried job stores for the workers (docs/operations.md#traces): the current span's while
 * tracing is on, else none. With the SDK disabled Quarkus' HTTP spans still get ids, but they are exported nowhere, so
 * storing them would only point the workers at traces that do not exist.
 */
@ApplicationScoped
public class JobTraces {

    private final boolean tracingOff;

    public JobTraces(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        this.tracingOff = tracingOff;
    }

    /** The current span's W3C trace context, or null when tracing is off or there is no span. */
    public JobTraceContext current() {
        return tracingOff ? null : JobTraceContext.current();
    }
}
