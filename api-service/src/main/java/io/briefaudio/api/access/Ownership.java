package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.problems.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one place that decides whether a brief, job or audio object belongs to the caller's tenant. Another
 * tenant's id answers exactly as an unknown id does (404, same detail), so ids reveal nothing.
 */
@ApplicationScoped
public class Ownership {

    private final AgroalDataSource dataSource;
    private final Caller caller;
    private final AuthConfig config;

    public Ownership(AgroalDataSource dataSource, Caller caller, AuthConfig config) {
        this.dataSource = dataSource;
        this.caller = caller;
        this.config = config;
    }

    /** The caller's tenant id, for inserts and listings. */
    public long tenantId() {
        return caller.tenantId();
    }

    /**
     * 404 unless the brief exists, belongs to the caller's tenant and is a people's brief: the hidden ones made
     * for /v1/audio/speech requests (origin {@code speech}) are not the brief API's to show or generate.
     */
    public void requireBrief(long briefId) {
        if (!exists("SELECT 1 FROM brief WHERE id = ? AND tenant_id = ? AND origin = 'brief'", briefId)) {
            throw ApiProblem.notFound("Brief", briefId);
        }
    }

    /** 404 unless the job exists and its brief belongs to the caller's tenant. */
    public void requireJob(long jobId) {
        if (!exists("SELECT 1 FROM audio_job j JOIN brief b ON b.id = j.brief_id WHERE j.id = ? AND b.tenant_id = ?", jobId)) {
            throw ApiProblem.notFound("Job", jobId);
        }
    }

    /**
     * Whether the caller may fetch an audio object with its key: some job item or episode of its tenant points
     * at it. With auth off every object is tenant 1's.
     */
    public boolean ownsAudio(String storageKey) {
        if (!config.enabled()) {
            return true;
        }
        return exists("""
                SELECT 1 FROM audio_asset a
                JOIN audio_job_item i ON i.asset_id = a.id
                JOIN audio_job j ON j.id = i.job_id
                JOIN brief b ON b.id = j.brief_id
                WHERE a.storage_key = ? AND b.tenant_id = ? LIMIT 1""", storageKey)
                || exists("""
                SELECT 1 FROM audio_asset a
                JOIN audio_episode e ON e.asset_id = a.id
                JOIN audio_job j ON j.id = e.job_id
                JOIN brief b ON b.id = j.brief_id
                WHERE a.storage_key = ? AND b.tenant_id = ? LIMIT 1""", storageKey);
    }

    private boolean exists(String sql, Object id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setLong(2, caller.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check ownership", e);
        }
    }
}
