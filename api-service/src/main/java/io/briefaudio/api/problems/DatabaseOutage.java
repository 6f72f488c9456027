package io.briefaudio.api.problems;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Tells an unreachable database (answered 503, retry later) from a failed statement (a bug, 500). */
final class DatabaseOutage {

    static final String RETRY_AFTER_SECONDS = "5";

    /** Server shutting down or starting, too many connections: the server is there but cannot serve us now. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable error) {
        return connectionFailure(error) != null;
    }

    static String describe(Throwable error) {
        SQLException cause = connectionFailure(error);
        return cause == null ? String.valueOf(error) : cause.getMessage() + " (SQL state " + cause.getSQLState() + ")";
    }

    private static SQLException connectionFailure(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return (SQLException) t;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // Class 08 is "connection exception"; Agroal's pool timeout carries no state at all.
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))
                        || state == null && String.valueOf(sql.getMessage()).startsWith("Acquisition timeout")) {
                    return sql;
                }
            }
        }
        return null;
    }
}
