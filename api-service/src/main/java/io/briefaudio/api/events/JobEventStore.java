package io.briefaudio.api.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.jobs.JobStatuses;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.problems.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a job's recorded events (table audio_job_event, written by the V7 triggers) and renders their data. */
@ApplicationScoped
public class JobEventStore {

    /**
     * A recorded event; {@code briefItemId} is set for {@code item} events, {@code episodeFollows} on a
     * {@code completed} or {@code failed} event whose job's episode was queued then (an episode event follows).
     */
    public record Recorded(long seq, String type, Long briefItemId, boolean episodeFollows) {
    }

    private final AgroalDataSource dataSource;
    private final JobStatuses jobs;
    private final ObjectMapper objectMapper;

    public JobEventStore(AgroalDataSource dataSource, JobStatuses jobs, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.objectMapper = objectMapper;
    }

    /** The job's events after {@code seq}, in order. */
    public List<Recorded> after(long jobId, long seq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT e.seq, e.type, i.brief_item_id, e.episode_follows
                     FROM audio_job_event e LEFT JOIN audio_job_item i ON i.id = e.item_id
                     WHERE e.job_id = ? AND e.seq > ?
                     ORDER BY e.seq""")) {
            s.setLong(1, jobId);
            s.setLong(2, seq);
            List<Recorded> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long item = rs.getLong(3);
                    Long briefItemId = rs.wasNull() ? null : item;
                    events.add(new Recorded(rs.getLong(1), rs.getString(2), briefItemId, rs.getBoolean(4)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read events of job " + jobId, e);
        }
    }

    /** The sequence number of the job's latest event, 0 when it has none yet. */
    public long latestSeq(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT coalesce(max(seq), 0) FROM audio_job_event WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read events of job " + jobId, e);
        }
    }

    /** The job's current status, or empty when the job no longer exists. */
    @ActivateRequestContext
    public Optional<JobStatusView> status(long jobId) {
        try {
            return Optional.of(jobs.statusForDelivery(jobId));
        } catch (ApiProblem notFound) {
            return Optional.empty();
        }
    }

    /**
     * An event's data: the job's status JSON, plus {@code item} (the item's status, with its audio URL)
     * for item events. Webhook bodies carry the same object as their {@code data}.
     */
    public ObjectNode data(JobStatusView status, Long briefItemId) {
        ObjectNode data = objectMapper.valueToTree(status);
        if (briefItemId != null) {
            status.items().stream().filter(i -> i.itemId() == briefItemId).findFirst()
                    .ifPresent(item -> data.set("item", objectMapper.valueToTree(item)));
        }
        return data;
    }

    public String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event data", e);
        }
    }
}
