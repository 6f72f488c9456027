package io.briefaudio.api.openai;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.jobs.JobService;
import io.briefaudio.shared.storage.AudioStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Speech requests as jobs: the API never synthesizes. A request becomes a one-item job (of a brief with
 * origin {@code speech}, hidden from the brief list) whose item outranks batch items in the worker's claim,
 * and the audio comes from the same content cache as any other item's.
 */
@ApplicationScoped
public class SpeechService {

    private final Caller caller;
    private final AgroalDataSource dataSource;
    private final JobService jobs;
    private final AudioStorage storage;
    private final OpenAiConfig config;

    public SpeechService(AgroalDataSource dataSource, JobService jobs, AudioStorage storage, OpenAiConfig config,
                         Caller caller) {
        this.caller = caller;
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.storage = storage;
        this.config = config;
    }

    /** Queues the request's job and returns its id; workers are woken when the transaction commits. */
    @Transactional
    public long submit(SpeechRequest request) {
        try (Connection c = dataSource.getConnection()) {
            long briefId;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO brief (title, origin, tenant_id) VALUES (?, 'speech', ?) RETURNING id")) {
                s.setString(1, "Speech request (" + request.model() + ")");
                s.setLong(2, caller.tenantId());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    briefId = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO brief_item (brief_id, position, body) VALUES (?, 1, ?)")) {
                s.setLong(1, briefId);
                s.setString(2, request.input());
                s.executeUpdate();
            }
            long jobId = jobs.enqueueSpeech(briefId, request.voice().id()).jobId();
            try (PreparedStatement s = c.prepareStatement("UPDATE audio_job_item SET priority = ? WHERE job_id = ?")) {
                s.setInt(1, config.priority());
                s.setLong(2, jobId);
                s.executeUpdate();
            }
            return jobId;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue a speech request", e);
        }
    }

    /** The WAV a completed speech job produced. */
    public byte[] audio(long jobId) {
        String key;
        long size;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT a.storage_key, a.size_bytes FROM audio_job_item i JOIN audio_asset a ON a.id = i.asset_id
                WHERE i.job_id = ? AND i.state = 'completed'""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("job " + jobId + " completed without audio");
                }
                key = rs.getString(1);
                size = rs.getLong(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find the audio of job " + jobId, e);
        }
        try (InputStream in = storage.open(key, 0, size)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
