package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AccessViews.CreateKeyRequest;
import io.briefaudio.api.access.AccessViews.CreatedKey;
import io.briefaudio.api.access.AccessViews.KeyView;
import io.briefaudio.api.access.AccessViews.Limits;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * API keys: {@code ba_{id}_{secret}}, shown once, stored as SHA-256. Every request looks its key up in the
 * database, so a revocation is effective at once on every replica; {@code last_used_at} is written at most
 * once a minute per key.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final String PREFIX = "ba_";
    private static final String COLUMNS = """
            k.id, k.tenant_id, t.name AS tenant, k.name, k.scopes, k.operator, k.generate_per_minute,
            k.characters_per_day, k.expires_at, k.revoked_at, k.last_used_at, k.created_at,
            k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AS usable,
            k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' AS stale""";

    private final AgroalDataSource dataSource;
    private final AuthConfig config;
    private final Tenants tenants;

    public ApiKeys(AgroalDataSource dataSource, AuthConfig config, Tenants tenants) {
        this.dataSource = dataSource;
        this.config = config;
        this.tenants = tenants;
    }

    /** A stored key, without its secret. */
    public record Key(long id, long tenantId, String tenant, String name, Set<Scope> scopes, boolean operator,
                      long generatePerMinute, long charactersPerDay, Instant expiresAt, Instant revokedAt,
                      Instant lastUsedAt, Instant createdAt) {

        KeyView view() {
            return new KeyView(id, PREFIX + id, name, wireNames(scopes), tenant, operator, expiresAt,
                    new Limits(generatePerMinute, charactersPerDay), createdAt, lastUsedAt, revokedAt);
        }
    }

    /** The usable key behind a presented secret: empty when unknown, revoked or expired. */
    public Optional<Key> authenticate(String presented) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM api_key k JOIN tenant t ON t.id = k.tenant_id WHERE k.key_hash = ?")) {
            s.setBytes(1, Secrets.sha256(presented));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !rs.getBoolean("usable")) {
                    return Optional.empty();
                }
                Key key = key(rs);
                if (rs.getBoolean("stale")) {
                    touch(c, key.id());
                }
                return Optional.of(key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up an API key", e);
        }
    }

    @Transactional
    public CreatedKey create(CreateKeyRequest request, Caller caller) {
        List<Scope> scopes = validate(request);
        boolean operator = Boolean.TRUE.equals(request.operator());
        if (operator && !caller.operator()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Only operator keys may create operator keys");
        }
        KeyGrants.requireWithinOwnKey(caller, scopes, request.expiresAt());
        long tenantId = caller.tenantId();
        if (request.tenant() != null) {
            if (!caller.operator() && !request.tenant().equals(tenants.name(tenantId))) {
                throw new ApiProblem(ProblemType.FORBIDDEN, "Only operator keys may name another tenant");
            }
            tenantId = tenants.findOrCreate(request.tenant());
        }
        long perMinute = KeyGrants.limit(request.limits() == null ? null : request.limits().generatePerMinute(),
                config.defaultGeneratePerMinute(), caller, Key::generatePerMinute, "limits.generate_per_minute");
        long perDay = KeyGrants.limit(request.limits() == null ? null : request.limits().charactersPerDay(),
                config.defaultCharactersPerDay(), caller, Key::charactersPerDay, "limits.characters_per_day");
        try (Connection c = dataSource.getConnection()) {
            long id = nextId(c);
            String secret = PREFIX + id + "_" + Secrets.randomToken();
            Key key = insert(c, id, tenantId, request.name().strip(), scopes, operator, perMinute, perDay,
                    request.expiresAt(), secret);
            LOG.infof("Created API key %s%d '%s' for tenant %s with scopes %s", PREFIX, id, key.name(), key.tenant(),
                    wireNames(key.scopes()));
            return new CreatedKey(key.id(), secret, key.name(), wireNames(key.scopes()), key.tenant(), key.expiresAt(),
                    key.view().limits(), PREFIX + id, key.operator(), key.createdAt());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create an API key", e);
        }
    }

    /** The caller's tenant's keys; an operator sees every tenant's. */
    public List<KeyView> list(Caller caller) {
        String where = caller.operator() ? "" : " WHERE k.tenant_id = ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM api_key k JOIN tenant t ON t.id = k.tenant_id" + where + " ORDER BY k.id")) {
            if (!caller.operator()) {
                s.setLong(1, caller.tenantId());
            }
            List<KeyView> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(key(rs).view());
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list API keys", e);
        }
    }

    /**
     * Revokes a key: an operator any key, a tenant's admin its own tenant's keys that are not operator keys.
     * Revoking twice is harmless.
     */
    public void revoke(long id, Caller caller) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE api_key SET revoked_at = coalesce(revoked_at, now())
                     WHERE id = ? AND (? OR tenant_id = ? AND NOT operator)""")) {
            s.setLong(1, id);
            s.setBoolean(2, caller.operator());
            s.setLong(3, caller.tenantId());
            if (s.executeUpdate() == 0) {
                throw isOwnTenantsKey(c, id, caller)
                        ? new ApiProblem(ProblemType.FORBIDDEN, "Only operator keys may revoke operator keys")
                        : ApiProblem.notFound("API key", id);
            }
            LOG.infof("Revoked API key %s%d", PREFIX, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key " + id, e);
        }
    }

    /** Stores the bootstrap key as an operator key of tenant 1, once; a revoked bootstrap key stays revoked. */
    void bootstrap(String secret) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM api_key WHERE key_hash = ?")) {
            exists.setBytes(1, Secrets.sha256(secret));
            if (exists.executeQuery().next()) {
                return;
            }
            long id = nextId(c);
            insert(c, id, Caller.DEFAULT_TENANT, "bootstrap", List.of(Scope.values()), true,
                    config.defaultGeneratePerMinute(), config.defaultCharactersPerDay(), null, secret);
            LOG.infof("Stored the bootstrap operator key as %s%d", PREFIX, id);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another replica stored it first
                throw new IllegalStateException("cannot store the bootstrap key", e);
            }
        }
    }

    private Key insert(Connection c, long id, long tenantId, String name, List<Scope> scopes, boolean operator,
                       long perMinute, long perDay, Instant expiresAt, String secret) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH k AS (
                    INSERT INTO api_key (id, tenant_id, name, key_hash, scopes, operator, generate_per_minute,
                                         characters_per_day, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *)
                SELECT\s""" + COLUMNS + " FROM k JOIN tenant t ON t.id = k.tenant_id")) {
            Array scopeArray = c.createArrayOf("text", wireNames(scopes).toArray());
            s.setLong(1, id);
            s.setLong(2, tenantId);
            s.setString(3, name);
            s.setBytes(4, Secrets.sha256(secret));
            s.setArray(5, scopeArray);
            s.setBoolean(6, operator);
            s.setLong(7, perMinute);
            s.setLong(8, perDay);
            s.setTimestamp(9, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return key(rs);
            }
        }
    }

    private static List<Scope> validate(CreateKeyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ApiProblem.invalid("A body {name, scopes} is required", List.of(new FieldError("(body)", "required")));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        List<Scope> scopes = new ArrayList<>();
        if (request.scopes() == null || request.scopes().isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one of read, generate, admin"));
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                Optional<Scope> scope = Scope.byWireName(request.scopes().get(i));
                scope.ifPresent(scopes::add);
                if (scope.isEmpty()) {
                    errors.add(new FieldError("scopes[" + i + "]", "must be read, generate or admin"));
                }
            }
        }
        if (request.tenant() != null && !Tenants.isValidName(request.tenant())) {
            errors.add(new FieldError("tenant", "must be 1 to 100 of a-z, 0-9, '_' and '-', starting with a letter or digit"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The key request is invalid", errors);
        }
        return List.copyOf(EnumSet.copyOf(scopes));
    }

    private static boolean isOwnTenantsKey(Connection c, long id, Caller caller) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM api_key WHERE id = ? AND tenant_id = ?")) {
            s.setLong(1, id);
            s.setLong(2, caller.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT nextval(pg_get_serial_sequence('api_key', 'id'))");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void touch(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE api_key SET last_used_at = now()
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static Key key(ResultSet rs) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : (String[]) rs.getArray("scopes").getArray()) {
            Scope.byWireName(name).ifPresent(scopes::add);
        }
        return new Key(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("tenant"), rs.getString("name"), scopes,
                rs.getBoolean("operator"), rs.getLong("generate_per_minute"), rs.getLong("characters_per_day"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static List<String> wireNames(java.util.Collection<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }
}
