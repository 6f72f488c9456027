package io.briefaudio.api.jobs;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.briefs.BriefDeletion;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.shared.storage.StorageConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * The record half of the retention task: finished jobs older than {@code briefaudio.jobs.retention.days}
 * (their items go with them), and, only when {@code briefaudio.briefs.retention.days} is set, old briefs.
 * Audio that only the deleted jobs used is left to the asset retention that {@code retention.RetentionTask} runs
 * right after.
 */
@ApplicationScoped
public class JobRetention {

    private static final Logger LOG = Logger.getLogger(JobRetention.class);

    private final AgroalDataSource dataSource;
    private final BriefDeletion briefs;
    private final int jobDays;
    private final OptionalInt briefDays;
    private final int batchSize;

    public JobRetention(AgroalDataSource dataSource, BriefDeletion briefs, ApiConfig config, StorageConfig storage) {
        this.dataSource = dataSource;
        this.briefs = briefs;
        this.jobDays = config.jobs().retention().days();
        this.briefDays = config.briefs().retention().days();
        this.batchSize = storage.retention().batchSize();
    }

    /** Returns how many jobs and briefs were deleted. */
    public int purge() {
        int jobs = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::deleteFinishedJobs);
            jobs += batch;
        } while (batch == batchSize);
        int deletedBriefs = 0;
        if (briefDays.isPresent()) {
            List<Long> old;
            do {
                old = QuarkusTransaction.requiringNew().call(() -> oldBriefs(briefDays.getAsInt()));
                for (long id : old) {
                    deletedBriefs += briefs.delete(id) ? 1 : 0;
                }
            } while (old.size() == batchSize);
        }
        if (jobs + deletedBriefs > 0) {
            LOG.infof("Retention deleted %d finished jobs older than %d days and %d briefs", jobs, jobDays, deletedBriefs);
        }
        return jobs + deletedBriefs;
    }

    /** SKIP LOCKED: replicas running this at once each take other rows. */
    private int deleteFinishedJobs() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH doomed AS (
                    SELECT id FROM audio_job
                    WHERE status IN ('completed', 'failed', 'cancelled')
                      AND coalesce(completed_at, updated_at) < now() - make_interval(days => ?)
                    ORDER BY id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED
                )
                DELETE FROM audio_job j USING doomed WHERE j.id = doomed.id""")) {
            s.setInt(1, jobDays);
            s.setInt(2, batchSize);
            return s.executeUpdate();
        }
    }

    private List<Long> oldBriefs(int days) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id FROM brief WHERE created_at < now() - make_interval(days => ?) ORDER BY id LIMIT ?""")) {
            s.setInt(1, days);
            s.setInt(2, batchSize);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
