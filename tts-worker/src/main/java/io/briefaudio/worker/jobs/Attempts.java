package io.briefaudio.worker.jobs;

import io.briefaudio.shared.storage.StorageException;
import io.briefaudio.worker.episodes.EpisodeAssembler;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import io.briefaudio.worker.tracing.JobSpans;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.quality.QualityFailedException;
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
    private final AttemptOutcomes outcomes;
    private final String workerId;

    Attempts(ItemQueue queue, ItemProcessor processor, Worker.Episodes episodes, WorkerMetrics metrics,
             AttemptOutcomes outcomes, String workerId) {
        this.queue = queue;
        this.processor = processor;
        this.episodes = episodes;
        this.metrics = metrics;
        this.outcomes = outcomes;
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
                        : episodes.queue().complete(episode, result.assetId(), result.durationMillis(), result.chaptersJson(),
                                result.transcriptJson());
            } catch (SynthesisException e) {
                error = e.getMessage();
                outcome = abandoned.getAsBoolean() ? null : episodes.queue().fail(episode, error, e.isPermanent());
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf(e, "Episode of job %d failed unexpectedly", episode.jobId());
                outcome = abandoned.getAsBoolean() ? null : episodes.queue().fail(episode, error, false);
            }
            if (outcome != null) {
                JobSpans.outcome(outcome.name(), error);
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
                JobSpans.cacheHit(result.cacheHit());
                if (result.cacheHit()) {
                    metrics.cacheHits.increment();
                } else {
                    metrics.synthesis.record(Duration.ofNanos(result.synthesisNanos()));
                    metrics.audioSeconds.increment(result.audioMillis() / 1000.0);
                    metrics.quality(result.quality());
                }
                outcome = abandoned.getAsBoolean() ? null : outcomes.persist(item, () -> queue.complete(item, result.assetId()));
            } catch (QualityFailedException e) {
                metrics.quality(e.report());
                String message = error = e.getMessage();
                outcome = abandoned.getAsBoolean() ? null
                        : outcomes.persist(item, () -> queue.fail(item, message, false, ItemQueue.QUALITY));
            } catch (SynthesisException e) {
                String message = error = e.getMessage();
                outcome = abandoned.getAsBoolean() ? null : outcomes.persist(item, () -> queue.fail(item, message, e.isPermanent()));
            } catch (StorageException | SQLException e) {
                String message = error = AttemptOutcomes.infrastructureError(e);
                outcome = abandoned.getAsBoolean() ? null : outcomes.persist(item, () -> queue.waitForInfrastructure(item, message));
            } catch (Exception e) {
                String message = error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf(e, "Item %d failed unexpectedly", item.itemId());
                outcome = abandoned.getAsBoolean() ? null : outcomes.persist(item, () -> queue.fail(item, message, false));
            }
            outcomes.record(item, outcome, error);
        } catch (SQLException e) {
            // The outcome could not be written; the lease expires and the reaper gives the item another go.
            LOG.errorf(e, "Could not record the outcome of item %d", item.itemId());
        } catch (InterruptedException e) {
            LOG.warnf("Stopped while recording the outcome of item %d; its lease will expire", item.itemId());
        } finally {
            MDC.clear();
        }
    }
}
