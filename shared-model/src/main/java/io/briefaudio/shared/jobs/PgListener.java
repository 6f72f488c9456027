package io.briefaudio.shared.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds one dedicated connection in {@code LISTEN} on some channels, reconnecting when it drops. A pooled
 * connection cannot be used: notifications arrive only on the connection that listens. After every
 * (re)connect the handler hears {@link Handler#connected()}: what was notified meanwhile is lost, so the
 * caller reads its tables then.
 */
public final class PgListener implements Runnable {

    /** Called on the listening thread; keep it short. */
    public interface Handler {
        void connected();

        void notified(String channel, String payload);
    }

    private static final Logger LOG = Logger.getLogger(PgListener.class);

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final List<String> channels;
    private final Handler handler;
    private volatile boolean running = true;
    private volatile Connection connection;

    public PgListener(String jdbcUrl, String user, String password, String applicationName, List<String> channels,
                      Handler handler) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        this.channels = List.copyOf(channels);
        this.handler = handler;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, properties)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    for (String channel : channels) {
                        s.execute("LISTEN " + channel);
                    }
                }
                safely(handler::connected);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            safely(() -> handler.notified(n.getName(), n.getParameter()));
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("LISTEN connection failed (%s); reconnecting", e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    public void stop() {
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

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A notification handler failed", e);
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
