package io.briefaudio.worker.jobs;

import io.briefaudio.shared.jobs.JobNotifications;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds one dedicated connection in {@code LISTEN} and wakes the worker when the API queues items.
 * A pooled connection cannot be used: notifications arrive only on the connection that listens.
 */
class WakeupListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(WakeupListener.class);

    private final String jdbcUrl;
    private final Properties credentials;
    private final Runnable onNotification;
    private volatile boolean running = true;
    private volatile Connection connection;

    WakeupListener(String jdbcUrl, String user, String password, Runnable onNotification) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "brief-audio-worker-listen");
        this.onNotification = onNotification;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, credentials)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + JobNotifications.CHANNEL);
                }
                // Anything queued while we were not listening is found by the next claim.
                onNotification.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        onNotification.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("LISTEN connection failed (%s); polling until it is back", e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is best effort: the thread ends on its next loop either way
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
