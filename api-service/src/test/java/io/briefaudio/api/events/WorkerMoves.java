package io.briefaudio.api.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The worker's transitions as tts-worker's ItemQueue writes them (item and job counters in one statement),
 * so that api-service tests can drive a job without a worker. Events and webhook rows come from triggers.
 */
public final class WorkerMoves {

    /** A report as the worker's quality gate writes it: sentence 2 ran to the code cap, re-synthesized twice. */
    public static final String WARNED_QUALITY = """
            {"status": "warn", "checks": [{"name": "code_cap", "value": 602, "limit": 602, "sentence": 2},
              {"name": "duration", "value": 27.95, "limit": 9.1, "sentence": 2}], "resynthesized": 2}""";

    private final DataSource dataSource;

    public WorkerMoves(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claim of the first item: the job becomes processing. */
    public void start(long jobId) throws SQLException {
        execute("UPDATE audio_job SET status = 'processing', started_at = now() WHERE id = ? AND status = 'queued'", jobId);
    }

    /** Completes the item at {@code position} with a stored asset, and counts it on the job. */
    public void complete(long jobId, int position) throws SQLException {
        long asset = assetFor(jobId, position);
        execute("""
                WITH done AS (
                    UPDATE audio_job_item SET state = 'completed', asset_id = %d, attempt = attempt + 1,
                        finished_at = now()
                    WHERE job_id = ? AND position = %d AND state IN ('queued', 'processing') RETURNING job_id)
                UPDATE audio_job j SET completed_items = completed_items + 1,
                    progress = 100 * (completed_items + 1) / total_items,
                    status = CASE WHEN completed_items + 1 + failed_items < total_items THEN 'processing'
                        WHEN failed_items = 0 THEN 'completed' ELSE 'failed' END,
                    completed_at = CASE WHEN completed_items + 1 + failed_items < total_items THEN NULL ELSE now() END
                FROM done WHERE j.id = done.job_id""".formatted(asset, position), jobId);
    }

    /**
     * {@link #complete} as the worker runs it when that item finishes the job: the same statement queues the
     * job's episode (tts-worker's EpisodeQueue.QUEUE_FINISHED_JOBS).
     */
    public void completeQueuingEpisode(long jobId, int position) throws SQLException {
        long asset = assetFor(jobId, position);
        execute("""
                WITH done AS (
                    UPDATE audio_job_item SET state = 'completed', asset_id = %d, attempt = attempt + 1,
                        finished_at = now()
                    WHERE job_id = ? AND position = %d AND state IN ('queued', 'processing') RETURNING job_id),
                outcome AS (
                    UPDATE audio_job j SET completed_items = completed_items + 1,
                        progress = 100 * (completed_items + 1) / total_items,
                        status = CASE WHEN completed_items + 1 + failed_items < total_items THEN 'processing'
                            WHEN failed_items = 0 THEN 'completed' ELSE 'failed' END,
                        completed_at = CASE WHEN completed_items + 1 + failed_items < total_items THEN NULL ELSE now() END
                    FROM done WHERE j.id = done.job_id
                    RETURNING j.id, j.status, j.completed_items)
                INSERT INTO audio_episode (job_id, format)
                SELECT id, 'mp3' FROM outcome WHERE status IN ('completed', 'failed') AND completed_items > 0
                """.formatted(asset, position), jobId);
    }

    /** The job's episode was claimed and then assembled ({@code completed}, with an asset) or given up ({@code failed}). */
    public void settleEpisode(long jobId, boolean completed) throws SQLException {
        long asset = assetFor(jobId, 0);
        execute("UPDATE audio_episode SET state = 'processing', lease_token = gen_random_uuid(), "
                + "lease_until = now() + interval '1 minute', attempt = 1 WHERE job_id = ?", jobId);
        execute(completed
                ? "UPDATE audio_episode SET state = 'completed', asset_id = " + asset + ", duration_ms = 1000, "
                        + "chapters = '[{\"title\": \"Brief\", \"start_ms\": 0}]', finished_at = now(), "
                        + "lease_token = NULL, lease_until = NULL WHERE job_id = ?"
                : "UPDATE audio_episode SET state = 'failed', last_error = 'disk full', finished_at = now(), "
                        + "lease_token = NULL, lease_until = NULL WHERE job_id = ?", jobId);
    }

    /** The quality gate's report the worker records on the item at {@code position} before it finishes it. */
    public void reportQuality(long jobId, int position, String json) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE audio_job_item SET quality = ?::jsonb WHERE job_id = ? AND position = ?")) {
            s.setString(1, json);
            s.setLong(2, jobId);
            s.setInt(3, position);
            s.executeUpdate();
        }
    }

    /** Fails the item at {@code position} for good, and counts it on the job. */
    public void fail(long jobId, int position) throws SQLException {
        execute("""
                WITH failed AS (
                    UPDATE audio_job_item SET state = 'failed', last_error = 'engine broke', finished_at = now()
                    WHERE job_id = ? AND position = %d AND state IN ('queued', 'processing') RETURNING job_id)
                UPDATE audio_job j SET failed_items = failed_items + 1,
                    status = CASE WHEN completed_items + failed_items + 1 < total_items THEN 'processing' ELSE 'failed' END,
                    error_message = 'engine broke'
                FROM failed WHERE j.id = failed.job_id""".formatted(position), jobId);
    }

    private long assetFor(long jobId, int position) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO audio_asset (storage_key, cache_key, size_bytes, duration_ms, sample_rate, engine, voice_id)
                VALUES (?, ?, 44, 1000, 22050, 'espeak', 'professional') RETURNING id""")) {
            String key = "events_" + jobId + "_" + position + "_" + System.nanoTime();
            s.setString(1, key + ".wav");
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql, long jobId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            s.executeUpdate();
        }
    }
}
