package io.briefaudio.shared.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context a job carries from the call that created it to the workers ({@code audio_job.trace_parent}
 * and {@code trace_state}, docs/operations.md#traces): the API stores its current span's, and the worker's spans for
 * the job's items and episode take it as their parent. Written and read with OpenTelemetry's W3C propagator,
 * whatever propagators the services are configured with.
 */
public record JobTraceContext(String traceParent, String traceState) {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<JobTraceContext> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JobTraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(JobTraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceParent : TRACESTATE.equals(key) ? carrier.traceState : null;
        }
    };

    /** The current span's trace context, or null when there is no valid span (tracing is off). */
    public static JobTraceContext current() {
        return of(Context.current());
    }

    /** The context's span as a trace context to store, or null when it has no valid span. */
    public static JobTraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, (map, key, value) -> map.put(key, value));
        String parent = carrier.get(TRACEPARENT);
        return parent == null ? null : new JobTraceContext(parent, carrier.get(TRACESTATE));
    }

    /**
     * The context whose (remote) span is the stored one, to parent spans on; the root context when the stored
     * value is not a valid traceparent, so the spans then start a trace of their own.
     */
    public Context asParent() {
        return W3C.extract(Context.root(), this, STORED);
    }

    /** The 32 hex digits of the trace id, or null when the stored value is not a valid traceparent. */
    public String traceId() {
        var span = Span.fromContext(asParent()).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
