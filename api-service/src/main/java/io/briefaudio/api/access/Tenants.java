package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Tenants by name; an operator key naming a new tenant creates it. */
@ApplicationScoped
public class Tenants {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    private final AgroalDataSource dataSource;

    public Tenants(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The tenant's id, creating it if it does not exist yet (concurrent creators converge on one row). */
    public long findOrCreate(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     WITH created AS (INSERT INTO tenant (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id)
                     SELECT id FROM created UNION ALL SELECT id FROM tenant WHERE name = ?""")) {
            s.setString(1, name);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
            // Created by a concurrent transaction that has not committed: ON CONFLICT waited, so it is visible now.
            return findOrCreate(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find or create tenant " + name, e);
        }
    }

    public String name(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name FROM tenant WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tenant " + id, e);
        }
    }
}
