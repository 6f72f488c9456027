-- The W3C trace context (traceparent, tracestate) of the call that created the job, or last retried it (issue 30,
-- docs/operations.md#traces). The worker's spans for the job's items and episode take it as their parent, so they
-- land in the generate call's trace. NULL when tracing was off for that call. The API writes what OpenTelemetry's
-- W3C propagator produces; the bounds only keep a misbehaving writer from storing more.
ALTER TABLE audio_job
    ADD COLUMN trace_parent text CHECK (length(trace_parent) <= 128),
    ADD COLUMN trace_state text CHECK (length(trace_state) <= 1024);
