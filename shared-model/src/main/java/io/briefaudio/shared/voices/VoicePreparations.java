package io.briefaudio.shared.voices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The voice preparation task's state machine, one guarded statement per transition (as ItemQueue does for items):
 * <pre>
 *   queued --claim--> processing --complete--> completed   (voice: preparing -> ready)
 *                     processing --fail------> queued (after a delay) | failed (permanent or out of attempts;
 *                                                                       voice: preparing -> failed)
 *                     processing --reap------> queued | failed        when the lease expired
 * </pre>
 * Transitions out of {@code processing} need the claimant's lease token; the voice's status changes in the same
 * statement as its task. The database clock is the only clock. Caller owns connection and transaction.
 */
public final class VoicePreparations {

    private static final String CLEAR_LEASE = "lease_owner = NULL, lease_token = NULL, lease_until = NULL";

    private VoicePreparations() {
    }

    /** A claimed task and what the worker needs to prepare the voice. */
    public record Claimed(long taskId, String voiceId, UUID leaseToken, int attempt, int maxAttempts, String clipKey,
                          String clipContentType) {
    }

    public enum Outcome { COMPLETED, RETRY_SCHEDULED, FAILED, LEASE_LOST }

    public static Optional<Claimed> claim(Connection c, String owner, Duration lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH picked AS MATERIALIZED (
                    SELECT id FROM voice_preparation WHERE state = 'queued' AND run_at <= now()
                    ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE voice_preparation p SET state = 'processing', attempt = p.attempt + 1, lease_owner = ?,
                    lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => ?),
                    started_at = now(), updated_at = now()
                FROM picked, custom_voice v
                WHERE p.id = picked.id AND v.id = p.voice_id
                RETURNING p.id, p.voice_id, p.lease_token, p.attempt, p.max_attempts, v.clip_key, v.clip_content_type""")) {
            s.setString(1, owner);
            s.setDouble(2, lease.toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claimed(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getInt(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7)));
            }
        }
    }

    /** processing -> completed and the voice preparing -> ready, guarded by the lease token. */
    public static Outcome complete(Connection c, Claimed task) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH done AS (
                    UPDATE voice_preparation SET state = 'completed', finished_at = now(), last_error = NULL, %s,
                        updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING voice_id),
                ready AS (
                    UPDATE custom_voice SET status = 'ready', error_message = NULL, updated_at = now()
                    WHERE id IN (SELECT voice_id FROM done) AND status = 'preparing')
                SELECT count(*) FROM done""".formatted(CLEAR_LEASE))) {
            s.setLong(1, task.taskId());
            s.setObject(2, task.leaseToken());
            return count(s) == 1 ? Outcome.COMPLETED : Outcome.LEASE_LOST;
        }
    }

    /**
     * processing -> queued after {@code retryDelay}, or -> failed (with the voice) when the error is permanent or the
     * attempts are used up; guarded by the lease token.
     */
    public static Outcome fail(Connection c, Claimed task, String error, boolean permanent, Duration retryDelay)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH changed AS (
                    UPDATE voice_preparation SET
                        state = CASE WHEN ? OR attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                        run_at = now() + make_interval(secs => ?), last_error = ?, %s,
                        finished_at = CASE WHEN ? OR attempt >= max_attempts THEN now() END, updated_at = now()
                    WHERE id = ? AND state = 'processing' AND lease_token = ?
                    RETURNING voice_id, state),
                failed AS (
                    UPDATE custom_voice SET status = 'failed', error_message = ?, updated_at = now()
                    WHERE id IN (SELECT voice_id FROM changed WHERE state = 'failed') AND status = 'preparing')
                SELECT state FROM changed""".formatted(CLEAR_LEASE))) {
            s.setBoolean(1, permanent);
            s.setDouble(2, retryDelay.toMillis() / 1000.0);
            s.setString(3, error);
            s.setBoolean(4, permanent);
            s.setLong(5, task.taskId());
            s.setObject(6, task.leaseToken());
            s.setString(7, error);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.LEASE_LOST;
                }
                return "failed".equals(rs.getString(1)) ? Outcome.FAILED : Outcome.RETRY_SCHEDULED;
            }
        }
    }

    /** Expired leases of crashed workers: processing -> queued, or -> failed (with the voice) when out of attempts. */
    public static List<String> reapExpired(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH expired AS (
                    UPDATE voice_preparation SET
                        state = CASE WHEN attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                        last_error = 'the worker preparing the voice stopped (lease expired)', %s,
                        finished_at = CASE WHEN attempt >= max_attempts THEN now() END, updated_at = now()
                    WHERE state = 'processing' AND lease_until < now()
                    RETURNING voice_id, state),
                failed AS (
                    UPDATE custom_voice SET status = 'failed', error_message = 'preparation did not finish', updated_at = now()
                    WHERE id IN (SELECT voice_id FROM expired WHERE state = 'failed') AND status = 'preparing')
                SELECT voice_id FROM expired""".formatted(CLEAR_LEASE))) {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static long count(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
