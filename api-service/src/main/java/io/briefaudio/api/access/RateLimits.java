package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Per-key limits, counted in PostgreSQL so that every API replica enforces one limit exactly: each charge
 * is one guarded upsert on the key's counter for the current window, which admits the units only while the
 * total stays within the limit. Called inside the caller's transaction, a charge is refunded when the work
 * it paid for rolls back. Requests without a key (auth off, feed tokens) are not limited.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    /** Limit names as they appear in 429 answers ({@code limit}) and on keys ({@code limits}). */
    public static final String GENERATE_PER_MINUTE = "generate_per_minute";
    public static final String CHARACTERS_PER_DAY = "characters_per_day";

    private final AgroalDataSource dataSource;
    private final Caller caller;

    public RateLimits(AgroalDataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    /** Counts one generate call against the key's per-minute limit, or answers 429. */
    public void admitGenerateCall() {
        caller.key().ifPresent(key -> charge(key.id(), GENERATE_PER_MINUTE, "minute", 1, key.generatePerMinute()));
    }

    /** Counts characters to synthesize against the key's daily limit (UTC days), or answers 429. */
    public void admitCharacters(long characters) {
        caller.key().ifPresent(key -> charge(key.id(), CHARACTERS_PER_DAY, "day", characters, key.charactersPerDay()));
    }

    private void charge(long keyId, String limitName, String window, long units, long limit) {
        try (Connection c = dataSource.getConnection()) {
            if (!tryCharge(c, keyId, limitName, window, units, limit)) {
                long retryAfter = secondsToNextWindow(c, window);
                throw new ApiProblem(ProblemType.RATE_LIMITED, "This API key's " + limitName + " limit of " + limit
                        + " is used up; retry in " + retryAfter + " s",
                        Map.of("limit", limitName, "limit_value", limit, "retry_after", retryAfter))
                        .withHeaders(Map.of("Retry-After", Long.toString(retryAfter)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot charge the " + limitName + " limit of key " + keyId, e);
        }
    }

    /**
     * The insert is filtered by the limit too, so a first charge above the limit inserts nothing. Concurrent
     * charges queue on the counter row; each re-checks the guard against the committed total before adding.
     */
    static boolean tryCharge(Connection c, long keyId, String limitName, String window, long units, long limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO api_key_usage AS u (key_id, limit_name, window_start, used)
                SELECT ?, ?, date_trunc(?, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', ? WHERE ? <= ?
                ON CONFLICT (key_id, limit_name, window_start)
                DO UPDATE SET used = u.used + EXCLUDED.used WHERE u.used + EXCLUDED.used <= ?
                RETURNING used""")) {
            s.setLong(1, keyId);
            s.setString(2, limitName);
            s.setString(3, window);
            s.setLong(4, units);
            s.setLong(5, units);
            s.setLong(6, limit);
            s.setLong(7, limit);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Counters of past windows are history nobody reads: keep two days for operators to look at. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldWindows() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "DELETE FROM api_key_usage WHERE window_start < now() - interval '2 days'")) {
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not delete old rate-limit windows", e);
        }
    }

    private static long secondsToNextWindow(Connection c, String window) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT ceil(extract(epoch FROM date_trunc(?, clock_timestamp() AT TIME ZONE 'UTC')
                                             + ('1 ' || ?)::interval - clock_timestamp() AT TIME ZONE 'UTC'))""")) {
            s.setString(1, window);
            s.setString(2, window);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return Math.max(1, rs.getLong(1));
            }
        }
    }
}
