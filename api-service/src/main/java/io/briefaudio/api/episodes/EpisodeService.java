package io.briefaudio.api.episodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.jobs.JobViews.ChapterView;
import io.briefaudio.api.jobs.JobViews.EpisodeView;
import io.briefaudio.api.jobs.QualityViews;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.listening.ListeningStats;
import io.briefaudio.api.transcripts.TranscriptLinks;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads assembled episodes (tts-worker's EpisodeQueue writes them) for job status, briefs and the feed. */
@ApplicationScoped
public class EpisodeService {

    private static final TypeReference<List<Map<String, Object>>> CHAPTERS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            e.job_id, j.brief_id, b.title, b.language, e.format, e.duration_ms, e.chapters::text AS chapters,
            e.finished_at, a.storage_key, a.size_bytes, a.content_type,
            e.transcript IS NOT NULL AS has_transcript""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final AudioLinks links;
    private final ListeningStats listening;
    private final TranscriptLinks transcripts;

    public EpisodeService(AgroalDataSource dataSource, ObjectMapper json, AudioLinks links, ListeningStats listening,
                          TranscriptLinks transcripts) {
        this.transcripts = transcripts;
        this.dataSource = dataSource;
        this.json = json;
        this.links = links;
        this.listening = listening;
    }

    /** A completed episode whose audio is stored; {@code hasTranscript}: the worker stored its captions. */
    public record Episode(long jobId, long briefId, String briefTitle, String language, String format,
                          long durationMs, List<ChapterView> chapters, Instant finishedAt, String storageKey,
                          long sizeBytes, String contentType, boolean hasTranscript) {
    }

    /** The episode as status and brief responses show it; its URL is signed when auth is on ({@link AudioLinks}). */
    public EpisodeView view(Episode episode) {
        return new EpisodeView(links.url(episode.storageKey(), Attribution.job(episode.jobId())), episode.format(),
                episode.durationMs(), episode.chapters(), listening.playsOfJob(episode.jobId()).getOrDefault(0, 0L),
                QualityViews.episode(itemReports(episode.jobId())),
                episode.hasTranscript() ? transcripts.transcriptUrl(episode.jobId()) : null);
    }

    /** The quality reports of the job's completed items (what the episode joins), by position. */
    private Map<Integer, String> itemReports(long jobId) {
        Map<Integer, String> reports = new java.util.TreeMap<>();
        query("SELECT position, quality::text FROM audio_job_item WHERE job_id = ? AND state = 'completed' "
                + "AND quality IS NOT NULL ORDER BY position", jobId, rs -> reports.put(rs.getInt(1), rs.getString(2)));
        return reports;
    }

    /** The state of a job's episode task ({@code queued}, {@code processing}, ...), empty when it has none. */
    public Optional<String> state(long jobId) {
        return query("SELECT state FROM audio_episode WHERE job_id = ?", jobId, rs -> rs.getString(1)).stream().findFirst();
    }

    public Optional<Episode> forJob(long jobId) {
        return query(from() + " WHERE e.state = 'completed' AND e.job_id = ?", jobId, this::episode).stream().findFirst();
    }

    /** The brief's newest completed episode, whichever voice or format. */
    public Optional<Episode> latestForBrief(long briefId) {
        return query(from() + " WHERE e.state = 'completed' AND j.brief_id = ? ORDER BY e.finished_at DESC, e.id DESC LIMIT 1",
                briefId, this::episode).stream().findFirst();
    }

    /** The newest episode of each of the tenant's briefs that has one, newest first: what its feed lists. */
    public List<Episode> latestPerBrief(long tenantId, int count) {
        return query("""
                SELECT * FROM (
                    SELECT DISTINCT ON (j.brief_id) %s %s
                    WHERE e.state = 'completed' AND b.tenant_id = ?
                    ORDER BY j.brief_id, e.finished_at DESC, e.id DESC) latest
                ORDER BY finished_at DESC, job_id DESC LIMIT ?""".formatted(COLUMNS, joins()), this::episode, tenantId, count);
    }

    private static String from() {
        return "SELECT " + COLUMNS + " " + joins();
    }

    private static String joins() {
        return """
                FROM audio_episode e
                JOIN audio_job j ON j.id = e.job_id
                JOIN brief b ON b.id = j.brief_id
                JOIN audio_asset a ON a.id = e.asset_id""";
    }

    private Episode episode(ResultSet rs) throws SQLException {
        List<ChapterView> chapters = new ArrayList<>();
        try {
            for (Map<String, Object> chapter : json.readValue(rs.getString("chapters"), CHAPTERS)) {
                chapters.add(new ChapterView((String) chapter.get("title"), ((Number) chapter.get("start_ms")).longValue()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chapters of the episode of job " + rs.getLong("job_id") + " are not JSON", e);
        }
        return new Episode(rs.getLong("job_id"), rs.getLong("brief_id"), rs.getString("title"), rs.getString("language"),
                rs.getString("format"), rs.getLong("duration_ms"), chapters, rs.getTimestamp("finished_at").toInstant(),
                rs.getString("storage_key"), rs.getLong("size_bytes"), rs.getString("content_type"),
                rs.getBoolean("has_transcript"));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, long parameter, Row<T> row) {
        return query(sql, row, parameter);
    }

    private <T> List<T> query(String sql, Row<T> row, long... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setLong(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read episodes", e);
        }
    }
}
