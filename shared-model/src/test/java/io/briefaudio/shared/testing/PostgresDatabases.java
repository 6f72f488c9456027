package io.briefaudio.shared.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real local PostgreSQL the tests run against. Host, port and user come from {@code TEST_PG_HOST},
 * {@code TEST_PG_PORT} and {@code TEST_PG_USER} (default 127.0.0.1, 5432, postgres with trust auth).
 */
public final class PostgresDatabases {

    public static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    private PostgresDatabases() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Creates the database when it does not exist yet. */
    public static void ensureExists(String database) {
        requireSimpleName(database);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another test JVM
                throw new IllegalStateException("PostgreSQL is not reachable at " + jdbcUrl("postgres")
                        + " (start it, or set TEST_PG_HOST/TEST_PG_PORT/TEST_PG_USER)", e);
            }
        }
    }

    public static void drop(String database) {
        requireSimpleName(database);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + database, e);
        }
    }

    private static void requireSimpleName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a simple database name: " + database);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
