package io.briefaudio.api.listening;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Ownership;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the counted downloads add up to: a brief's stats (every job of the brief, per item and for the episode)
 * and a job's plays for its status. A listener is a hash that changes every day, so "unique listeners" are
 * distinct listeners per day, added up over the days (docs/listening.md).
 */
@ApplicationScoped
public class ListeningStats {

    /** Days {@code by_day} covers, today included. */
    public static final int DAYS = 30;

    public record Counts(long downloads, long uniqueListeners, long feedDownloads) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    public record DayView(LocalDate day, long downloads, long uniqueListeners, long feedDownloads) {
    }

    public record AudioStatsView(Long itemId, int position, long downloads, long uniqueListeners, long feedDownloads,
                                 List<DayView> byDay) {
    }

    public record BriefStatsView(long briefId, LocalDate from, LocalDate to, AudioStatsView episode,
                                 List<AudioStatsView> items) {
    }

    private final AgroalDataSource dataSource;
    private final Ownership ownership;

    public ListeningStats(AgroalDataSource dataSource, Ownership ownership) {
        this.dataSource = dataSource;
        this.ownership = ownership;
    }

    /** {@code GET /api/briefs/{id}/stats}: 404 for an unknown brief or another tenant's. */
    public BriefStatsView forBrief(long briefId) {
        ownership.requireBrief(briefId);
        try (Connection c = dataSource.getConnection()) {
            LocalDate to = today(c);
            LocalDate from = to.minusDays(DAYS - 1);
            // brief item id (0 = the episode) -> totals, days
            Map<Long, Counts> totals = new HashMap<>();
            Map<Long, List<DayView>> days = new HashMap<>();
            String grouped = """
                    SELECT coalesce(i.brief_item_id, 0) AS audio, %s count(*),
                           count(DISTINCT (d.day, d.listener)), count(*) FILTER (WHERE d.via_feed)
                    FROM audio_download d
                    JOIN audio_job j ON j.id = d.job_id
                    LEFT JOIN audio_job_item i ON i.job_id = d.job_id AND i.position = d.position AND d.position > 0
                    WHERE j.brief_id = ? AND d.day >= ?
                    GROUP BY audio %s""";
            try (PreparedStatement s = c.prepareStatement(grouped.formatted("", ""))) {
                s.setLong(1, briefId);
                s.setObject(2, LocalDate.EPOCH);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        totals.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(grouped.formatted("d.day,", ", d.day ORDER BY d.day"))) {
                s.setLong(1, briefId);
                s.setObject(2, from);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        days.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new DayView(
                                rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            List<AudioStatsView> items = new ArrayList<>();
            for (Map.Entry<Long, Integer> item : items(c, briefId).entrySet()) {
                items.add(view(item.getKey(), item.getValue(), totals, days));
            }
            return new BriefStatsView(briefId, from, to, view(null, 0, totals, days), items);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stats of brief " + briefId, e);
        }
    }

    /** A job's downloads by position (0 = the episode), for its status response. */
    public Map<Integer, Long> playsOfJob(long jobId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT position, count(*) FROM audio_download WHERE job_id = ? GROUP BY position")) {
            s.setLong(1, jobId);
            Map<Integer, Long> plays = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plays.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return plays;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the plays of job " + jobId, e);
        }
    }

    private static AudioStatsView view(Long itemId, int position, Map<Long, Counts> totals, Map<Long, List<DayView>> days) {
        long key = itemId == null ? 0 : itemId;
        Counts counts = totals.getOrDefault(key, Counts.NONE);
        return new AudioStatsView(itemId, position, counts.downloads(), counts.uniqueListeners(), counts.feedDownloads(),
                days.getOrDefault(key, List.of()));
    }

    /** The brief's items in order: id -> position. */
    private static Map<Long, Integer> items(Connection c, long briefId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, position FROM brief_item WHERE brief_id = ? ORDER BY position")) {
            s.setLong(1, briefId);
            Map<Long, Integer> items = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.put(rs.getLong(1), rs.getInt(2));
                }
            }
            return items;
        }
    }

    private static LocalDate today(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT (now() AT TIME ZONE 'UTC')::date");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        }
    }
}
