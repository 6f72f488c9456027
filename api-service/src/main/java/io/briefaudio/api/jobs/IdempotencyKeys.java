package io.briefaudio.api.jobs;

import io.briefaudio.api.access.Secrets;
import io.briefaudio.api.jobs.JobService.Enqueued;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.audio.AudioFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Idempotency keys are each tenant's own (table {@code job_idempotency_key}, unique per tenant): the same key sent
 * by two tenants names two requests, and one tenant's key can neither find, reveal nor pre-claim another's. Only
 * the key's SHA-256 is stored.
 */
final class IdempotencyKeys {

    /** A key as stored: the tenant it belongs to and its SHA-256. */
    record Key(long tenantId, byte[] sha256) {
    }

    private IdempotencyKeys() {
    }

    /** The stored form of a key sent by the tenant, or null when no key was sent. */
    static Key of(long tenantId, String sent) {
        return sent == null ? null : new Key(tenantId, Secrets.sha256(sent));
    }

    /**
     * The job an earlier request of the tenant queued with this key; 422 when that request was for another brief,
     * voice, format or engine.
     */
    static Optional<Enqueued> find(Connection c, Key key, long briefId, String voice, AudioFormat format, String engine)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id, j.status, j.total_items, j.brief_id, j.voice_id, j.format, j.engine
                FROM job_idempotency_key k JOIN audio_job j ON j.id = k.job_id
                WHERE k.tenant_id = ? AND k.key_sha256 = ?""")) {
            s.setLong(1, key.tenantId());
            s.setBytes(2, key.sha256());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getLong("brief_id") != briefId || !rs.getString("voice_id").equals(voice)
                        || !rs.getString("format").equals(format.id()) || !rs.getString("engine").equals(engine)) {
                    throw new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key"
                            + " was already used for job " + rs.getLong("id") + " of another brief, voice, format or engine");
                }
                return Optional.of(new Enqueued(rs.getLong("id"), rs.getString("status"), rs.getInt("total_items"), false,
                        rs.getString("engine")));
            }
        }
    }

    /**
     * Records the key for a job inserted in this transaction. A concurrent request that claimed the same key first
     * wins: this one answers 422 (another brief, voice or format) or 409, and its transaction, job included, rolls
     * back.
     */
    static void claim(Connection c, Key key, long jobId, long briefId, String voice, AudioFormat format, String engine)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO job_idempotency_key (tenant_id, key_sha256, job_id) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            s.setLong(1, key.tenantId());
            s.setBytes(2, key.sha256());
            s.setLong(3, jobId);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        find(c, key, briefId, voice, format, engine);
        throw new ApiProblem(ProblemType.CONFLICT,
                "A concurrent request with the same Idempotency-Key queued its job first; send the request again");
    }
}
