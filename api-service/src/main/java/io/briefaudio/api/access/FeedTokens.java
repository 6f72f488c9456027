package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AccessViews.CreatedFeedToken;
import io.briefaudio.api.access.AccessViews.FeedTokenView;
import io.briefaudio.api.problems.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Feed tokens: the secret part of a tenant's private podcast feed URL {@code /feeds/{token}/briefs.rss}.
 * Stored as SHA-256, looked up on every fetch, so a revoked token stops working at once.
 */
@ApplicationScoped
public class FeedTokens {

    private final AgroalDataSource dataSource;

    public FeedTokens(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The private feed URL path for a token. */
    public static String feedPath(String token) {
        return "/feeds/" + token + "/briefs.rss";
    }

    /** The tenant of an unrevoked token. */
    public OptionalLong tenantFor(String token) {
        if (token == null || token.length() > 100) {
            return OptionalLong.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT tenant_id FROM feed_token WHERE token_hash = ? AND revoked_at IS NULL")) {
            s.setBytes(1, Secrets.sha256(token));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up a feed token", e);
        }
    }

    public CreatedFeedToken create(long tenantId, String name) {
        String token = Secrets.randomToken();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO feed_token (tenant_id, token_hash, name) VALUES (?, ?, ?) RETURNING id, created_at""")) {
            s.setLong(1, tenantId);
            s.setBytes(2, Secrets.sha256(token));
            s.setString(3, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new CreatedFeedToken(rs.getLong(1), name, token, feedPath(token), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a feed token", e);
        }
    }

    public List<FeedTokenView> list(long tenantId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT id, name, created_at, revoked_at FROM feed_token WHERE tenant_id = ? ORDER BY id")) {
            s.setLong(1, tenantId);
            List<FeedTokenView> tokens = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp revoked = rs.getTimestamp(4);
                    tokens.add(new FeedTokenView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            revoked == null ? null : revoked.toInstant()));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list feed tokens", e);
        }
    }

    /** Revokes a token of the tenant; another tenant's id is a 404 like an unknown one. */
    public void revoke(long tenantId, long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE feed_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = ? AND tenant_id = ?")) {
            s.setLong(1, id);
            s.setLong(2, tenantId);
            if (s.executeUpdate() == 0) {
                throw ApiProblem.notFound("Feed token", id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke feed token " + id, e);
        }
    }

}
