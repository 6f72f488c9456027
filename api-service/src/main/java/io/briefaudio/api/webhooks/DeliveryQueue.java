package io.briefaudio.api.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The webhook outbox's state machine, one guarded SQL statement per transition (rows are written by the
 * V7 trigger in the same transaction as the job's transition):
 * <pre>
 *   pending --claim--> delivering --succeed--> delivered
 *                      delivering --fail-----> pending (backoff) | failed (the retry window is over)
 *                      delivering --reap-----> pending            the dispatcher died mid-delivery
 * </pre>
 * Transitions out of {@code delivering} require the claim's lease token, so a dispatcher that lost its
 * lease cannot overwrite what another did. Every attempt is kept in webhook_attempt.
 */
public class DeliveryQueue {

    /** A message claimed for one attempt. {@code payload} is null until the first attempt fixes it. */
    public record Claimed(long id, UUID leaseToken, String messageId, String eventType, long jobId, Long briefItemId,
                          int attempt, String payload, Instant createdAt, String url, String secret) {
    }

    public enum Outcome { DELIVERED, RETRY_SCHEDULED, FAILED, LEASE_LOST }

    private final DataSource dataSource;
    private final WebhooksConfig config;

    public DeliveryQueue(DataSource dataSource, WebhooksConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Claims up to {@code limit} due messages, oldest due first, skipping those other instances are claiming. */
    public List<Claimed> claim(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH picked AS MATERIALIZED (
                    SELECT id FROM webhook_delivery
                    WHERE state = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE webhook_delivery d SET state = 'delivering', attempt = d.attempt + 1,
                        lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => ?), updated_at = now()
                    FROM picked WHERE d.id = picked.id
                    RETURNING d.*)
                SELECT c.id, c.lease_token, c.message_id, c.event_type, c.job_id, i.brief_item_id, c.attempt, c.payload,
                    c.created_at, w.url, w.secret
                FROM claimed c JOIN webhook w ON w.id = c.webhook_id LEFT JOIN audio_job_item i ON i.id = c.item_id
                ORDER BY c.id""")) {
            s.setInt(1, limit);
            s.setDouble(2, seconds(config.lease()));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long item = rs.getLong("brief_item_id");
                    claimed.add(new Claimed(rs.getLong("id"), rs.getObject("lease_token", UUID.class),
                            rs.getString("message_id"), rs.getString("event_type"), rs.getLong("job_id"),
                            rs.wasNull() ? null : item, rs.getInt("attempt"), rs.getString("payload"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("url"), rs.getString("secret")));
                }
            }
            return claimed;
        }
    }

    /** Fixes the body on the first attempt; later attempts get the body stored then. */
    public String fixPayload(Claimed message, String payload) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE webhook_delivery SET payload = coalesce(payload, ?), updated_at = now()
                WHERE id = ? AND state = 'delivering' AND lease_token = ?
                RETURNING payload""")) {
            s.setString(1, payload);
            s.setLong(2, message.id());
            s.setObject(3, message.leaseToken());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public Outcome succeed(Claimed message, int statusCode, long durationMs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH done AS (
                    UPDATE webhook_delivery SET state = 'delivered', delivered_at = now(), last_status_code = ?,
                        last_error = NULL, lease_token = NULL, lease_until = NULL, updated_at = now()
                    WHERE id = ? AND state = 'delivering' AND lease_token = ?
                    RETURNING id, attempt),
                logged AS (
                    INSERT INTO webhook_attempt (delivery_id, attempt, response_code, duration_ms)
                    SELECT id, attempt, ?, ? FROM done)
                SELECT count(*) FROM done""")) {
            s.setInt(1, statusCode);
            s.setLong(2, message.id());
            s.setObject(3, message.leaseToken());
            s.setInt(4, statusCode);
            s.setLong(5, durationMs);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1 ? Outcome.DELIVERED : Outcome.LEASE_LOST;
            }
        }
    }

    /**
     * Records a failed attempt (non-2xx, timeout, refused target): retried after base × 2^(attempt-1),
     * capped, ±10 % jitter, or failed for good when that retry would fall outside the retry window.
     */
    public Outcome fail(Claimed message, Integer statusCode, String error, long durationMs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH target AS (
                    SELECT id, created_at, now() + make_interval(secs =>
                        least(? * power(2, attempt - 1), ?) * (0.9 + 0.2 * random())) AS retry_at
                    FROM webhook_delivery
                    WHERE id = ? AND state = 'delivering' AND lease_token = ?),
                failed AS (
                    UPDATE webhook_delivery d SET
                        state = CASE WHEN t.retry_at > t.created_at + make_interval(secs => ?) THEN 'failed' ELSE 'pending' END,
                        next_attempt_at = CASE WHEN t.retry_at > t.created_at + make_interval(secs => ?)
                            THEN d.next_attempt_at ELSE t.retry_at END,
                        last_status_code = ?, last_error = ?, lease_token = NULL, lease_until = NULL, updated_at = now()
                    FROM target t WHERE d.id = t.id
                    RETURNING d.id, d.attempt, d.state),
                logged AS (
                    INSERT INTO webhook_attempt (delivery_id, attempt, response_code, error, duration_ms)
                    SELECT id, attempt, ?, ?, ? FROM failed)
                SELECT state FROM failed""")) {
            s.setDouble(1, seconds(config.backoffBase()));
            s.setDouble(2, seconds(config.backoffMax()));
            s.setLong(3, message.id());
            s.setObject(4, message.leaseToken());
            s.setDouble(5, seconds(config.retryFor()));
            s.setDouble(6, seconds(config.retryFor()));
            setCode(s, 7, statusCode);
            s.setString(8, error);
            setCode(s, 9, statusCode);
            s.setString(10, error);
            s.setLong(11, durationMs);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.LEASE_LOST;
                }
                return "failed".equals(rs.getString(1)) ? Outcome.FAILED : Outcome.RETRY_SCHEDULED;
            }
        }
    }

    /** Gives messages whose dispatcher died mid-delivery back to the queue; they are sent again at once. */
    public int reapExpired() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH expired AS MATERIALIZED (
                    SELECT id FROM webhook_delivery
                    WHERE state = 'delivering' AND lease_until < now()
                    ORDER BY lease_until LIMIT 100
                    FOR UPDATE SKIP LOCKED),
                moved AS (
                    UPDATE webhook_delivery d SET state = 'pending', next_attempt_at = now(),
                        last_error = 'no result: the dispatcher stopped mid-delivery',
                        lease_token = NULL, lease_until = NULL, updated_at = now()
                    FROM expired WHERE d.id = expired.id
                    RETURNING d.id, d.attempt, d.last_error),
                logged AS (
                    INSERT INTO webhook_attempt (delivery_id, attempt, error, duration_ms)
                    SELECT id, attempt, last_error, 0 FROM moved)
                SELECT count(*) FROM moved""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void setCode(PreparedStatement s, int index, Integer code) throws SQLException {
        if (code == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, code);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
