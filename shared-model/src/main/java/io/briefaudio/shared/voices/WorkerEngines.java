package io.briefaudio.shared.voices;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * One worker's heartbeat. {@code engine} is the routing key ({@link io.briefaudio.shared.jobs.Engine#id()});
     * {@code presets} the preset ids its engine maps; {@code voices} the engine's own voices (listed as ENGINE:NAME);
     * {@code license} the licence of the model it runs ({@code Apache-2.0}, {@code CPML}, {@code GPL-3.0-or-later}),
     * null when the worker did not say.
     */
    public record Engine(String workerId, String engine, String modelVersion, boolean canClone, List<String> presets,
                         List<String> voices, String license) {
        public Engine {
            presets = List.copyOf(presets);
            voices = List.copyOf(voices);
        }

        public Engine(String workerId, String engine, String modelVersion, boolean canClone, List<String> presets,
                      List<String> voices) {
            this(workerId, engine, modelVersion, canClone, presets, voices, null);
        }

        public Engine(String workerId, String engine, String modelVersion, boolean canClone) {
            this(workerId, engine, modelVersion, canClone, List.of(), List.of());
        }
    }

    public static void heartbeat(Connection c, Engine e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO worker_engine (worker_id, engine, model_version, can_clone, presets, voices, license,
                                           heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (worker_id) DO UPDATE SET engine = excluded.engine, model_version = excluded.model_version,
                    can_clone = excluded.can_clone, presets = excluded.presets, voices = excluded.voices,
                    license = excluded.license, heartbeat_at = now()""")) {
            s.setString(1, e.workerId());
            s.setString(2, e.engine());
            s.setString(3, e.modelVersion());
            s.setBoolean(4, e.canClone());
            s.setArray(5, c.createArrayOf("text", e.presets().toArray()));
            s.setArray(6, c.createArrayOf("text", e.voices().toArray()));
            s.setString(7, e.license());
            s.executeUpdate();
        }
    }

    /**
     * On a clean stop: this worker no longer counts as live, at once; its row stays a day so that the voices of an
     * engine scaled to zero are still listed (as unavailable). Rows of workers silent for a day go.
     */
    public static void remove(Connection c, String workerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH stopped AS (
                    UPDATE worker_engine SET heartbeat_at = least(heartbeat_at, now() - make_interval(secs => ?) - interval '1 second')
                    WHERE worker_id = ?)
                DELETE FROM worker_engine WHERE heartbeat_at < now() - interval '1 day'""")) {
            s.setDouble(1, FRESH.toSeconds());
            s.setString(2, workerId);
            s.executeUpdate();
        }
    }

    /** A worker's last heartbeat of the past day, and whether it is live. */
    public record Seen(Engine worker, boolean live) {
    }

    /** Every worker heard from in the past day, live or not: what engines and voices the fleet has had. */
    public static List<Seen> seen(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT worker_id, engine, model_version, can_clone, presets, voices, license,
                       heartbeat_at > now() - make_interval(secs => ?) AS live
                FROM worker_engine WHERE heartbeat_at > now() - interval '1 day' ORDER BY worker_id""")) {
            s.setDouble(1, FRESH.toSeconds());
            List<Seen> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Seen(engine(rs), rs.getBoolean(8)));
                }
            }
            return out;
        }
    }

    /** The engine of a row whose first seven columns are those {@link #heartbeat} writes, in its order. */
    private static Engine engine(ResultSet rs) throws SQLException {
        return new Engine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), texts(rs.getArray(5)),
                texts(rs.getArray(6)), rs.getString(7));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * Whether a live worker runs {@code engine} (a routing key) and, when {@code needsClone}, can clone: whether a
     * job of that engine will be claimed now.
     */
    public static boolean anyLive(Connection c, String engine, boolean needsClone) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM worker_engine WHERE engine = ? AND (can_clone OR NOT ?)
                               AND heartbeat_at > now() - make_interval(secs => ?))""")) {
            s.setString(1, engine);
            s.setBoolean(2, needsClone);
            s.setDouble(3, FRESH.toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Live workers (a heartbeat within {@link #FRESH}), by worker id. */
    public static List<Engine> running(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT worker_id, engine, model_version, can_clone, presets, voices, license FROM worker_engine
                WHERE heartbeat_at > now() - make_interval(secs => ?) ORDER BY worker_id""")) {
            s.setDouble(1, FRESH.toSeconds());
            List<Engine> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(engine(rs));
                }
            }
            return out;
        }
    }
}
