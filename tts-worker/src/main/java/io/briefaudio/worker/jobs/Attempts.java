package io.briefaudio.worker.jobs;

import io.briefaudio.worker.episodes.EpisodeAssembler;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import io.briefaudio.worker.tts.SynthesisException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One attempt at a claimed item or episode, run in a worker slot: do the work, then record the outcome
 * through the queue's guarded transition (nothing is recorded once the worker abandoned the attempt).
 */
final class Attempts {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final ItemQueue queue;
    private final ItemProcessor processor;
    private final Worker.Episodes episodes;
    private final WorkerMetrics metrics;
    private final String workerId;

    Attempts(ItemQueue queue, ItemProcessor processor, Worker.Episodes episodes, WorkerMetrics metrics, String workerId) {
        this.queue = queue;
        this.processor = processor;
        this.episodes = episodes;
        this.metrics = metrics;
        this.workerId = workerId;
    }

    void episode(ClaimedEpisode episode, BooleanSupplier abandoned) {
        MDC.put("worker_id", workerId);
        MDC.put("job_id", episode.jobId());
        MDC.put("attempt", episode.attempt());
        try {
            Outcome outcome;
            String error = null;
            try {
                EpisodeAssembler.Result result = episodes.assembler().assemble(episode);
                outcome = abandoned.getAsBoolean() ? null
                        : episodes.queue().complete(episode, result.assetId(), result.durationMillis(), result.chaptersJson());
            } catch (SynthesisException e) {
                error = e.getMessage();
                outcome = abandoned.getAsBoolean() ? null : episodes.queue().fail(episode, error, e.isPermanent());
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf(e, "Episode of job %d failed unexpectedly", episode.jobId());
                outcome = abandoned.getAsBoolean() ? null : episodes.queue().fail(episode, error, false);
            }
            if (outcome != null) {
                metrics.episodes(outcome);
                LOG.infof("Episode of job %d (attempt %d of %d): %s%s", episode.jobId(), episode.attempt(),
                        episode.maxAttempts(), outcome, error == null ? "" : ": " + error);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not record the outcome of the episode of job %d", episode.jobId());
        } finally {
            MDC.clear();
        }
    }

    void item(ClaimedItem item, BooleanSupplier abandoned) {
        MDC.put("worker_id", workerId);
        MDC.put("job_id", item.jobId());
        MDC.put("item_id", item.itemId());
        MDC.put("attempt", item.attempt());
        try {
            Outcome outcome;
            String error = null;
            try {
                ItemProcessor.Result result = processor.process(item);
                if (result.cacheHit()) {
                    metrics.cacheHits.increment();
                } else {
                    metrics.synthesis.record(Duration.ofNanos(result.synthesisNanos()));
                }
                outcome = abandoned.getAsBoolean() ? null : queue.complete(item, result.assetId());
            } catch (SynthesisException e) {
                error = e.getMessage();
                outcome = abandoned.getAsBoolean() ? null : queue.fail(item, error, e.isPermanent());
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf(e, "Item %d failed unexpectedly", item.itemId());
                outcome = abandoned.getAsBoolean() ? null : queue.fail(item, error, false);
            }
            record(item, outcome, error);
        } catch (SQLException e) {
            // The outcome could not be written; the lease expires and the reaper gives the item another go.
            LOG.errorf(e, "Could not record the outcome of item %d", item.itemId());
        } finally {
            MDC.clear();
        }
    }

    private void record(ClaimedItem item, Outcome outcome, String error) {
        if (outcome == null) {
            return;
        }
        switch (outcome) {
            case COMPLETED -> {
                metrics.completed.increment();
                LOG.infof("Item %d of job %d completed (attempt %d)", item.itemId(), item.jobId(), item.attempt());
            }
            case RETRY_SCHEDULED -> {
                metrics.retried.increment();
                LOG.warnf("Item %d of job %d failed (attempt %d of %d), will retry: %s",
                        item.itemId(), item.jobId(), item.attempt(), item.maxAttempts(), error);
            }
            case FAILED -> {
                metrics.failed.increment();
                LOG.errorf("Item %d of job %d failed for good (attempt %d of %d): %s",
                        item.itemId(), item.jobId(), item.attempt(), item.maxAttempts(), error);
            }
            case LEASE_LOST -> {
                metrics.leaseLost.increment();
                LOG.warnf("Item %d of job %d: lease lost (cancelled or reaped), result discarded", item.itemId(), item.jobId());
            }
        }
    }
}
