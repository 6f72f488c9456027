package io.briefaudio.worker.jobs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
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

    static Array uuidArray(Connection c, Collection<?> tokens) throws SQLException {
        return c.createArrayOf("uuid", tokens.toArray());
    }
}
