package io.briefaudio.api.listening;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Hourly: forgets byte spans of past days (they can no longer complete a download, the day is over) and salts
 * older than yesterday, after which that day's listener hashes cannot be recomputed from anyone's address.
 */
@ApplicationScoped
public class ListeningMaintenance {

    private static final Logger LOG = Logger.getLogger(ListeningMaintenance.class);

    private final AgroalDataSource dataSource;

    public ListeningMaintenance(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(identity = "listening-maintenance", every = "1h", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            forget();
        } catch (SQLException e) {
            LOG.warnf(e, "Listening maintenance failed; it runs again in an hour");
        }
    }

    /** Returns the rows deleted (spans and salts). Yesterday's are kept for requests that straddle midnight. */
    public int forget() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement spans = c.prepareStatement(
                     "DELETE FROM audio_delivery WHERE day < (now() AT TIME ZONE 'UTC')::date - 1");
             PreparedStatement salts = c.prepareStatement(
                     "DELETE FROM listener_salt WHERE day < (now() AT TIME ZONE 'UTC')::date - 1")) {
            return spans.executeUpdate() + salts.executeUpdate();
        }
    }
}
