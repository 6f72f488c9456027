package io.briefaudio.api.jobs;

import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.api.tracing.JobTraces;
import io.briefaudio.shared.tracing.JobTraceContext;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Cancels and retries audio jobs. Each change is a guarded SQL statement inside one transaction that also notifies
 * workers; the worker side of the state machine is tts-worker's ItemQueue.
 */
@ApplicationScoped
public class JobTransitions {

    private static final Logger LOG = Logger.getLogger(JobTransitions.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final Ownership ownership;
    private final JobStatuses statuses;
    private final JobTraces traces;

    public JobTransitions(AgroalDataSource dataSource, Ownership ownership, JobStatuses statuses, JobTraces traces) {
        this.traces = traces;
        this.dataSource = dataSource;
        this.ownership = ownership;
        this.statuses = statuses;
    }

    /** Cancels an unfinished job: queued items are never claimed, in-flight results are discarded. */
    @Transactional
    public void cancel(long jobId) {
        ownership.requireJob(jobId);
        try (Connection c = dataSource.getConnection()) {
            int jobs = update(c, """
                    UPDATE audio_job SET status = 'cancelled', completed_at = now(), updated_at = now()
                    WHERE id = ? AND status IN ('queued', 'processing')""", jobId);
            if (jobs == 0) {
                throw conflictOrMissing(c, jobId, "cancelled");
            }
            int items = update(c, """
                    UPDATE audio_job_item
                    SET state = 'cancelled', lease_owner = NULL, lease_token = NULL, lease_until = NULL,
                        finished_at = now(), updated_at = now()
                    WHERE job_id = ? AND state IN ('queued', 'processing')""", jobId);
            LOG.infof("Cancelled job %d (%d unfinished items)", jobId, items);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cancel job " + jobId, e);
        }
    }

    /** Puts a failed job's failed items back in the queue with fresh attempts. */
    @Transactional
    public JobStatusView retry(long jobId) {
        ownership.requireJob(jobId);
        try (Connection c = dataSource.getConnection()) {
            int requeued = update(c, """
                    UPDATE audio_job_item SET state = 'queued', attempt = 0, run_at = now(), last_error = NULL,
                        quality = NULL, finished_at = NULL, updated_at = now()
                    WHERE job_id = ? AND state = 'failed'
                      AND EXISTS (SELECT 1 FROM audio_job j WHERE j.id = audio_job_item.job_id AND j.status = 'failed')""", jobId);
            if (requeued == 0) {
                throw conflictOrMissing(c, jobId, "retried: only a failed job's failed items can be retried");
            }
            try {
                update(c, """
                        UPDATE audio_job SET failed_items = failed_items - ?, error_message = NULL, completed_at = NULL,
                            status = CASE WHEN completed_items > 0 THEN 'processing' ELSE 'queued' END,
                            updated_at = now()
                        WHERE id = ? AND status = 'failed'""", requeued, jobId);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ApiProblem(ProblemType.CONFLICT, "Another job for the same brief and voice is running; "
                            + "retry job " + jobId + " after it finishes");
                }
                throw e;
            }
            // The requeued items and the rebuilt episode continue this call's trace instead (docs/operations.md#traces).
            JobTraceContext trace = traces.current();
            if (trace != null) {
                update(c, "UPDATE audio_job SET trace_parent = ?, trace_state = ? WHERE id = ?", trace.traceParent(),
                        trace.traceState(), jobId);
            }
            JobService.notifyWorkers(c, jobId);
            LOG.infof("Retrying job %d: %d failed items requeued", jobId, requeued);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot retry job " + jobId, e);
        }
        return statuses.status(jobId);
    }

    private static ApiProblem conflictOrMissing(Connection c, long jobId, String action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM audio_job WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return ApiProblem.notFound("Job", jobId);
                }
                return new ApiProblem(ProblemType.CONFLICT,
                        "Job " + jobId + " is " + rs.getString(1) + " and cannot be " + action,
                        Map.of("job_status", rs.getString(1)));
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }
}
