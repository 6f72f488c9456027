package io.briefaudio.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

/** What a job stores of the call that created it, and what a worker makes of it again. */
class JobTraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void shouldStoreTheSpansW3cTraceparentAndTracestate() {
        SpanContext span = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "opaque").build());

        JobTraceContext stored = JobTraceContext.of(Context.root().with(Span.wrap(span)));

        assertThat(stored.traceParent()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(stored.traceState()).isEqualTo("vendor=opaque");
    }

    @Test
    void shouldStoreNothingWithoutASpan() {
        assertThat(JobTraceContext.of(Context.root())).isNull();
        assertThat(JobTraceContext.current()).isNull();
    }

    @Test
    void shouldGiveTheStoredSpanBackAsARemoteParent() {
        SpanContext parent = Span.fromContext(new JobTraceContext("00-" + TRACE + "-" + SPAN + "-01", "vendor=opaque")
                .asParent()).getSpanContext();

        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.getTraceState().get("vendor")).isEqualTo("opaque");
    }

    @Test
    void shouldStartAfreshFromAnUnreadableTraceparent() {
        JobTraceContext garbled = new JobTraceContext("00-not-a-trace-01", null);

        assertThat(Span.fromContext(garbled.asParent()).getSpanContext().isValid()).isFalse();
        assertThat(garbled.traceId()).isNull();
    }
}
