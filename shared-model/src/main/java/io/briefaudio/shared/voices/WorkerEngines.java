package io.briefaudio.shared.voices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running workers can speak: each worker upserts its engine and capabilities with a heartbeat; a row
 * older than the freshness window belongs to a worker that stopped. The API reads it to say which voices can
 * be spoken right now.
 */
public final class WorkerEngines {

    /** Heartbeats older than this do not count. */
    public static final Duration FRESH = Duration.ofMinutes(2);

    private WorkerEngines() {
    }

    public record Engine(String workerId, String engine, String modelVersion, boolean canClone) {
    }

    public static void heartbeat(Connection c, Engine e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO worker_engine (worker_id, engine, model_version, can_clone, heartbeat_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (worker_id) DO UPDATE SET engine = excluded.engine, model_version = excluded.model_version,
                    can_clone = excluded.can_clone, heartbeat_at = now()""")) {
            s.setString(1, e.workerId());
            s.setString(2, e.engine());
            s.setString(3, e.modelVersion());
            s.setBoolean(4, e.canClone());
            s.executeUpdate();
        }
    }

    /** Removes this worker's row on a clean stop, and rows of workers silent for a day. */
    public static void remove(Connection c, String workerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM worker_engine WHERE worker_id = ? OR heartbeat_at < now() - interval '1 day'")) {
            s.setString(1, workerId);
            s.executeUpdate();
        }
    }

    public static List<Engine> running(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT worker_id, engine, model_version, can_clone FROM worker_engine
                WHERE heartbeat_at > now() - make_interval(secs => ?) ORDER BY worker_id""")) {
            s.setDouble(1, FRESH.toSeconds());
            List<Engine> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Engine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
            return out;
        }
    }

    /** A running engine's licence and own voices (request ids such as {@code kokoro:af_heart}), as it advertised them. */
    public record Offer(String engine, String license, List<String> voices) {
    }

    /** Records what this worker's engine offers; called with every heartbeat, after {@link #heartbeat}. */
    public static void advertise(Connection c, String workerId, String license, List<String> voices) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE worker_engine SET license = ?, voices = ? WHERE worker_id = ?")) {
            s.setString(1, license);
            s.setArray(2, c.createArrayOf("text", voices.toArray()));
            s.setString(3, workerId);
            s.executeUpdate();
        }
    }

    /** What the engines with a fresh heartbeat offer, one row per engine and licence, voices merged and sorted. */
    public static List<Offer> offers(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT engine, license, coalesce(array_agg(DISTINCT v ORDER BY v) FILTER (WHERE v IS NOT NULL), '{}')
                FROM worker_engine LEFT JOIN LATERAL unnest(voices) AS v ON true
                WHERE heartbeat_at > now() - make_interval(secs => ?) GROUP BY engine, license ORDER BY engine""")) {
            s.setDouble(1, FRESH.toSeconds());
            List<Offer> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Offer(rs.getString(1), rs.getString(2), List.of((String[]) rs.getArray(3).getArray())));
                }
            }
            return out;
        }
    }
}
