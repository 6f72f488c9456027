package io.briefaudio.shared.pronunciation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of tenants' pronunciation lexicons, shared by the api-service (add, list, delete, import) and the worker
 * (every entry of a tenant when it narrates). Plain JDBC; the caller owns the connection and its transaction.
 */
public final class Lexicons {

    private static final String COLUMNS = "id, grapheme, alias, phoneme, case_sensitive, language, created_at";
    /** The expression of the unique index lexicon_entry_word (V13); ON CONFLICT must name it exactly. */
    private static final String WORD = "(tenant_id, (CASE WHEN case_sensitive THEN grapheme ELSE lower(grapheme) END), "
            + "case_sensitive, coalesce(language, ''))";

    private Lexicons() {
    }

    /** Stores a new entry; empty when the tenant already has one for the same word and language. */
    public static Optional<LexiconEntry> insert(Connection c, long tenantId, LexiconEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO lexicon_entry (tenant_id, grapheme, alias, "
                + "phoneme_alphabet, phoneme, case_sensitive, language) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT " + WORD + " DO NOTHING RETURNING " + COLUMNS)) {
            bind(s, tenantId, e);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    /** Stores the entry or replaces the alias and phoneme of the tenant's entry for the same word; true if new. */
    public static boolean upsert(Connection c, long tenantId, LexiconEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO lexicon_entry (tenant_id, grapheme, alias, "
                + "phoneme_alphabet, phoneme, case_sensitive, language) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT " + WORD + " DO UPDATE SET alias = excluded.alias, "
                + "phoneme_alphabet = excluded.phoneme_alphabet, phoneme = excluded.phoneme RETURNING xmax = 0")) {
            bind(s, tenantId, e);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** How many of the entries would be new for the tenant (the rest replace entries for the same word). */
    public static int countNew(Connection c, long tenantId, List<LexiconEntry> entries) throws SQLException {
        List<String> existing = new ArrayList<>();
        for (LexiconEntry e : all(c, tenantId)) {
            existing.add(e.matchKey());
        }
        return (int) entries.stream().map(LexiconEntry::matchKey).distinct().filter(k -> !existing.contains(k)).count();
    }

    public static long count(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM lexicon_entry WHERE tenant_id = ?")) {
            s.setLong(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One page of the tenant's entries, oldest first. */
    public static List<LexiconEntry> page(Connection c, long tenantId, int page, int size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM lexicon_entry WHERE tenant_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
            s.setLong(1, tenantId);
            s.setInt(2, size);
            s.setLong(3, (long) page * size);
            return list(s);
        }
    }

    /** Every entry of the tenant, oldest first: what the worker applies and what an export holds. */
    public static List<LexiconEntry> all(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM lexicon_entry WHERE tenant_id = ? ORDER BY id")) {
            s.setLong(1, tenantId);
            return list(s);
        }
    }

    public static boolean delete(Connection c, long tenantId, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lexicon_entry WHERE id = ? AND tenant_id = ?")) {
            s.setLong(1, id);
            s.setLong(2, tenantId);
            return s.executeUpdate() > 0;
        }
    }

    /** Serialises additions of one tenant in this transaction, so the entry limit holds under concurrent imports. */
    public static void lockTenant(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('lexicon'), ?::int)")) {
            s.setLong(1, tenantId);
            s.execute();
        }
    }

    private static void bind(PreparedStatement s, long tenantId, LexiconEntry e) throws SQLException {
        s.setLong(1, tenantId);
        s.setString(2, e.grapheme());
        s.setString(3, e.alias());
        if (e.phoneme() == null) {
            s.setNull(4, Types.VARCHAR);
        } else {
            s.setString(4, LexiconEntry.IPA);
        }
        s.setString(5, e.phoneme());
        s.setBoolean(6, e.caseSensitive());
        s.setString(7, e.language());
    }

    private static List<LexiconEntry> list(PreparedStatement s) throws SQLException {
        List<LexiconEntry> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static LexiconEntry entry(ResultSet rs) throws SQLException {
        return new LexiconEntry(rs.getLong("id"), rs.getString("grapheme"), rs.getString("alias"),
                rs.getString("phoneme"), rs.getBoolean("case_sensitive"), rs.getString("language"),
                rs.getTimestamp("created_at").toInstant());
    }
}
