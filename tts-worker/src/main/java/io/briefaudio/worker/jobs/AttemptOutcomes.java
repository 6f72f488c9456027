package io.briefaudio.worker.jobs;

import io.briefaudio.shared.storage.StorageException;
import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import io.briefaudio.worker.tracing.JobSpans;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Writes a finished attempt's outcome to the queue, then counts and logs it. */
final class AttemptOutcomes {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    private static final Duration OUTCOME_RETRY_FLOOR = Duration.ofSeconds(15);

    private final WorkerMetrics metrics;
    private final Duration lease;
    private final BooleanSupplier running;

    AttemptOutcomes(WorkerMetrics metrics, Duration lease, BooleanSupplier running) {
        this.metrics = metrics;
        this.lease = lease;
        this.running = running;
    }

    interface Transition {
        Outcome run() throws SQLException;
    }

    /**
     * Writes an attempt's outcome, retrying while the database is unreachable (a restart, a lost connection)
     * for up to a lease length: the lease token fences the write, so a late one can never overwrite another
     * replica's result, and giving up only means the reaper charges the attempt.
     */
    Outcome persist(ClaimedItem item, Transition transition) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Math.max(lease.toNanos(), OUTCOME_RETRY_FLOOR.toNanos());
        for (int tries = 1; ; tries++) {
            try {
                return transition.run();
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !running.getAsBoolean()) {
                    throw e;
                }
                if (tries == 1) {
                    LOG.warnf("Cannot record the outcome of item %d yet (%s); retrying", item.itemId(), e.getMessage());
                }
                Thread.sleep(500);
            }
        }
    }

    /** Storage and database errors, named for the item's error history without stack or class noise. */
    static String infrastructureError(Exception e) {
        String kind = e instanceof StorageException ? "storage unavailable" : "database unavailable";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
        return kind + ": " + detail;
    }

    void record(ClaimedItem item, Outcome outcome, String error) {
        if (outcome == null) {
            return;
        }
        JobSpans.outcome(outcome.name(), error);
        switch (outcome) {
            case COMPLETED -> {
                metrics.completed.increment();
                LOG.infof("Item %d of job %d completed (attempt %d)", item.itemId(), item.jobId(), item.attempt());
            }
            case WAITING -> {
                metrics.waiting.increment();
                LOG.warnf("Item %d of job %d waits for storage or database (attempt not charged): %s",
                        item.itemId(), item.jobId(), error);
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
