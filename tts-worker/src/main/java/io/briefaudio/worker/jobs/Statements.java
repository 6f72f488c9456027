package io.briefaudio.worker.jobs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** How the queues run a transition: one statement, in autocommit, retried on deadlock or serialization failure. */
final class Statements {

    static final String CLEAR_LEASE = "lease_owner = NULL, lease_token = NULL, lease_until = NULL";

    private static final Set<String> TRANSIENT = Set.of("40001", "40P01");

    private Statements() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs one transition. Each is a single statement, atomic on its own, so it runs in autocommit:
     * one round trip, and no transaction stays open. Deadlocks and serialization failures are retried.
     */
    static <T> T atomically(DataSource dataSource, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (attempt >= 3 || !TRANSIENT.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /**
     * The heartbeat of either queue: extends the leases of {@code tokens} in {@code table} (a constant, never
     * input) and returns the tokens still held. A token missing from the answer was lost: its work must stop.
     */
    static Set<UUID> extendLeases(DataSource dataSource, String table, Collection<UUID> tokens, Duration lease)
            throws SQLException {
        if (tokens.isEmpty()) {
            return Set.of();
        }
        return atomically(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE %s SET lease_until = now() + make_interval(secs => ?), updated_at = now()
                    WHERE state = 'processing' AND lease_token = ANY (?)
                    RETURNING lease_token""".formatted(table))) {
                s.setDouble(1, lease.toMillis() / 1000.0);
                s.setArray(2, uuidArray(c, tokens));
                Set<UUID> held = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getObject(1, UUID.class));
                    }
                }
                return held;
            }
        });
    }

    static Array uuidArray(Connection c, Collection<?> tokens) throws SQLException {
        return c.createArrayOf("uuid", tokens.toArray());
    }
}
