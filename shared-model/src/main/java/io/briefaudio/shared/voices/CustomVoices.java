package io.briefaudio.shared.voices;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of custom voices and their embeddings, shared by the api-service (create, list, delete) and the worker
 * (look-up, embeddings). Plain JDBC; the caller owns the connection and its transaction. The preparation task's
 * state machine is {@link VoicePreparations}.
 */
public final class CustomVoices {

    /** Custom voice ids look like {@code custom-1f3a9c0b7d2e}; preset ids never start with {@code custom-}. */
    public static final String ID_PREFIX = "custom-";
    private static final String COLUMNS = "id, tenant_id, name, description, language, base_preset, clip_key, "
            + "clip_content_type, clip_bytes, status, error_message, created_at";

    private CustomVoices() {
    }

    public record Voice(String id, long tenantId, String name, String description, String language, String basePreset,
                        String clipKey, String clipContentType, long clipBytes, String status, String errorMessage,
                        Instant createdAt) {
    }

    /** Embeddings for one model version, and the digest that goes into audio cache keys. */
    public record Embedding(String voiceId, String modelVersion, float[] condLatent, float[] speakerEmbedding,
                            String digest) {
    }

    public static boolean isCustomId(String id) {
        return id != null && id.startsWith(ID_PREFIX);
    }

    /** Inserts the voice (status preparing) and its queued preparation task. */
    public static void create(Connection c, Voice v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO custom_voice (id, tenant_id, name, description, language, base_preset, clip_key,
                    clip_content_type, clip_bytes, consent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())""")) {
            s.setString(1, v.id());
            s.setLong(2, v.tenantId());
            s.setString(3, v.name());
            s.setString(4, v.description());
            s.setString(5, v.language());
            s.setString(6, v.basePreset());
            s.setString(7, v.clipKey());
            s.setString(8, v.clipContentType());
            s.setLong(9, v.clipBytes());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO voice_preparation (voice_id) VALUES (?)")) {
            s.setString(1, v.id());
            s.executeUpdate();
        }
    }

    public static List<Voice> list(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM custom_voice WHERE tenant_id = ? ORDER BY created_at, id")) {
            s.setLong(1, tenantId);
            List<Voice> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(voice(rs));
                }
            }
            return out;
        }
    }

    public static Optional<Voice> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM custom_voice WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(voice(rs)) : Optional.empty();
            }
        }
    }

    /** Deletes the voice with its task and embeddings; returns the deleted row so the caller can drop the clip. */
    public static Optional<Voice> delete(Connection c, long tenantId, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM custom_voice WHERE id = ? AND tenant_id = ? RETURNING " + COLUMNS)) {
            s.setString(1, id);
            s.setLong(2, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(voice(rs)) : Optional.empty();
            }
        }
    }

    public static Optional<Embedding> embedding(Connection c, String voiceId, String modelVersion) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT cond_latent, speaker_embedding, digest FROM voice_embedding
                WHERE voice_id = ? AND model_version = ?""")) {
            s.setString(1, voiceId);
            s.setString(2, modelVersion);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Embedding(voiceId, modelVersion, floats(rs.getBytes(1)), floats(rs.getBytes(2)),
                        rs.getString(3)));
            }
        }
    }

    /** Stores embeddings unless another worker stored them first; returns the ones in the table. */
    public static Embedding putEmbedding(Connection c, String voiceId, String modelVersion, float[] condLatent,
                                         float[] speakerEmbedding) throws SQLException {
        byte[] cond = bytes(condLatent);
        byte[] speaker = bytes(speakerEmbedding);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO voice_embedding (voice_id, model_version, cond_latent, speaker_embedding, digest)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (voice_id, model_version) DO NOTHING""")) {
            s.setString(1, voiceId);
            s.setString(2, modelVersion);
            s.setBytes(3, cond);
            s.setBytes(4, speaker);
            s.setString(5, digest(cond, speaker));
            s.executeUpdate();
        }
        return embedding(c, voiceId, modelVersion).orElseThrow(() -> new SQLException("voice " + voiceId + " is gone"));
    }

    static String digest(byte[] cond, byte[] speaker) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cond);
            sha.update(speaker);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static Voice voice(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new Voice(rs.getString("id"), rs.getLong("tenant_id"), rs.getString("name"), rs.getString("description"),
                rs.getString("language"), rs.getString("base_preset"), rs.getString("clip_key"),
                rs.getString("clip_content_type"), rs.getLong("clip_bytes"), rs.getString("status"),
                rs.getString("error_message"), created.toInstant());
    }
}
