package io.briefaudio.worker.tracing;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.tracing.JobTraceContext;
import io.briefaudio.worker.jobs.ClaimedItem;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The worker's spans, in the trace of the call that created the job (docs/operations.md#traces): for each claimed
 * item a {@code briefaudio.claim} span (the claim statement's time) and a {@code briefaudio.item} span (the attempt),
 * both children of the job's stored {@link JobTraceContext}; for an episode the same with {@code briefaudio.episode}.
 * Beneath them {@code briefaudio.synthesize} (narration and encoding, skipped on a cache hit) and
 * {@code briefaudio.upload} (the object written to storage). Attributes name the job, item, attempt, engine and voice,
 * never text. {@link #OFF} when tracing is off: no span, and no look-up of the job's context.
 */
public final class JobSpans {

    public static final JobSpans OFF = new JobSpans(null, null, null, null);
    /** The instrumentation scope of the worker's spans. */
    public static final String INSTRUMENTATION = "io.briefaudio.worker";

    static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("briefaudio.job.id");
    static final AttributeKey<Long> ITEM_ID = AttributeKey.longKey("briefaudio.item.id");
    static final AttributeKey<Long> POSITION = AttributeKey.longKey("briefaudio.item.position");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("briefaudio.attempt");
    static final AttributeKey<String> WORK = AttributeKey.stringKey("briefaudio.work");
    static final AttributeKey<String> WORKER = AttributeKey.stringKey("briefaudio.worker.id");
    static final AttributeKey<String> ENGINE = AttributeKey.stringKey("briefaudio.engine");
    static final AttributeKey<String> VOICE = AttributeKey.stringKey("briefaudio.voice");
    static final AttributeKey<String> FORMAT = AttributeKey.stringKey("briefaudio.format");
    static final AttributeKey<Double> QUEUE_WAIT = AttributeKey.doubleKey("briefaudio.queue.wait_seconds");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("briefaudio.outcome");
    static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("briefaudio.cache_hit");
    static final AttributeKey<Long> AUDIO_MS = AttributeKey.longKey("briefaudio.audio.duration_ms");

    private static final Logger LOG = Logger.getLogger(JobSpans.class);

    private final Tracer tracer;
    private final DataSource dataSource;
    private final String workerId;
    private final String engine;

    private JobSpans(Tracer tracer, DataSource dataSource, String workerId, String engine) {
        this.tracer = tracer;
        this.dataSource = dataSource;
        this.workerId = workerId;
        this.engine = engine;
    }

    /** Spans from {@code tracer}; each job's trace context is read from {@code dataSource}. */
    public static JobSpans of(Tracer tracer, DataSource dataSource, String workerId, String engine) {
        return new JobSpans(tracer, dataSource, workerId, engine);
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** Runs an item's attempt in its {@code briefaudio.item} span, after recording its claim between the two instants. */
    public void item(ClaimedItem item, Instant claimStarted, Instant claimEnded, Runnable attempt) {
        if (!enabled()) {
            attempt.run();
            return;
        }
        Attributes common = Attributes.builder().put(JOB_ID, item.jobId()).put(ITEM_ID, item.itemId())
                .put(POSITION, (long) item.position()).put(ATTEMPT, (long) item.attempt()).put(WORKER, workerId).build();
        Context parent = claimed(item.jobId(), tracer.spanBuilder("briefaudio.claim").setAllAttributes(common)
                .setAttribute(WORK, "item").setAttribute(QUEUE_WAIT, item.pickupSeconds()), claimStarted, claimEnded);
        Span span = tracer.spanBuilder("briefaudio.item").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAllAttributes(common).setAttribute(ENGINE, engine).setAttribute(VOICE, item.voiceId())
                .setAttribute(FORMAT, item.format().id()).startSpan();
        inSpan(span, attempt);
    }

    /** Runs an episode's attempt in its {@code briefaudio.episode} span, after recording its claim. */
    public void episode(ClaimedEpisode episode, Instant claimStarted, Instant claimEnded, Runnable attempt) {
        if (!enabled()) {
            attempt.run();
            return;
        }
        Attributes common = Attributes.builder().put(JOB_ID, episode.jobId()).put(ATTEMPT, (long) episode.attempt())
                .put(WORKER, workerId).build();
        Context parent = claimed(episode.jobId(), tracer.spanBuilder("briefaudio.claim").setAllAttributes(common)
                .setAttribute(WORK, "episode"), claimStarted, claimEnded);
        Span span = tracer.spanBuilder("briefaudio.episode").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAllAttributes(common).setAttribute(ENGINE, engine).setAttribute(FORMAT, episode.format()).startSpan();
        inSpan(span, attempt);
    }

    /**
     * A {@code briefaudio.synthesize} span under the current one, until closed; without {@link Synthesis#done}
     * before that, it ends as an error.
     */
    public Synthesis synthesis(String voiceId, AudioFormat format) {
        if (!enabled()) {
            return Synthesis.NONE;
        }
        return new Synthesis(tracer.spanBuilder("briefaudio.synthesize").setAttribute(ENGINE, engine)
                .setAttribute(VOICE, voiceId).setAttribute(FORMAT, format.id()).startSpan());
    }

    /** {@code storage}, with a {@code briefaudio.upload} span around every write. */
    public AudioStorage storage(AudioStorage storage) {
        return enabled() ? new TracedStorage(storage, tracer) : storage;
    }

    /** Notes on the current item or episode span how its attempt ended, and the error that ended it. */
    public static void outcome(String outcome, String error) {
        Span span = Span.current();
        span.setAttribute(OUTCOME, outcome.toLowerCase(java.util.Locale.ROOT));
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error);
        }
    }

    /** Notes on the current item span whether its audio came from the cache. */
    public static void cacheHit(boolean cacheHit) {
        Span.current().setAttribute(CACHE_HIT, cacheHit);
    }

    /** A span around one synthesis; closing it ends the span. */
    public static final class Synthesis implements AutoCloseable {
        static final Synthesis NONE = new Synthesis(null);

        private final Span span;
        private final Scope scope;
        private boolean done;

        private Synthesis(Span span) {
            this.span = span;
            this.scope = span == null ? null : span.makeCurrent();
        }

        /** The synthesis succeeded and produced this much audio. */
        public void done(long audioMillis) {
            if (span != null) {
                span.setAttribute(AUDIO_MS, audioMillis);
                done = true;
            }
        }

        @Override
        public void close() {
            if (span == null) {
                return;
            }
            scope.close();
            if (!done) {
                span.setStatus(StatusCode.ERROR, Thread.currentThread().isInterrupted() ? "interrupted" : "synthesis failed");
            }
            span.end();
        }
    }

    /**
     * Records the claim span under the job's trace context and returns the parent of the work span: that context, or,
     * for a job without one, the claim span itself, so that claim and work at least share a trace.
     */
    private Context claimed(long jobId, SpanBuilder claim, Instant claimStarted, Instant claimEnded) {
        Context job = jobContext(jobId);
        Span span = claim.setParent(job).setStartTimestamp(claimStarted).startSpan();
        span.end(claimEnded);
        return Span.fromContext(job).getSpanContext().isValid() ? job : job.with(span);
    }

    private static void inSpan(Span span, Runnable work) {
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The job's stored trace context as a parent; the root context (a trace of its own) when the job has none or it
     * cannot be read, which is never worth failing the item for.
     */
    private Context jobContext(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT trace_parent, trace_state FROM audio_job WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return new JobTraceContext(rs.getString(1), rs.getString(2)).asParent();
                }
            }
        } catch (SQLException e) {
            LOG.debugf("Job %d's trace context is unreadable (%s); its spans start their own trace", jobId, e.getMessage());
        }
        return Context.root();
    }
}
