package io.briefaudio.api.listening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is listening, without keeping who: SHA-256 of the day's salt, the client address and the User-Agent. The salt
 * is random per UTC day and shared by every replica through {@code listener_salt}; once maintenance forgets it, that
 * day's hashes can no longer be recomputed from an address.
 */
@ApplicationScoped
public class Listeners {

    private final AgroalDataSource dataSource;
    private final ConcurrentMap<LocalDate, byte[]> salts = new ConcurrentHashMap<>();

    public Listeners(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The listener of a request on {@code day}: 64 hex digits. */
    public String listener(LocalDate day, String address, String userAgent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt(day));
            sha.update((address + "\n" + userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] salt(LocalDate day) {
        byte[] salt = salts.get(day);
        if (salt == null) {
            salt = storedSalt(day);
            salts.keySet().removeIf(d -> d.isBefore(day.minusDays(1)));
            salts.put(day, salt);
        }
        return salt;
    }

    /**
     * The day's salt; the first replica to ask creates it, the others read the same row. A statement that waited
     * for a concurrent insert of the same day does not see that row in its snapshot, hence the second read.
     */
    private byte[] storedSalt(LocalDate day) {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (PreparedStatement s = c.prepareStatement("""
                        WITH created AS (
                            INSERT INTO listener_salt (day, salt)
                            VALUES (?, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
                            ON CONFLICT (day) DO NOTHING
                            RETURNING salt)
                        SELECT salt FROM created UNION ALL SELECT salt FROM listener_salt WHERE day = ?""")) {
                    s.setObject(1, day);
                    s.setObject(2, day);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return rs.getBytes(1);
                        }
                    }
                }
            }
            throw new IllegalStateException("no listener salt for " + day);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the listener salt of " + day, e);
        }
    }
}
