package io.briefaudio.api.audio;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.storage.AudioStorage;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Stored audio for tests: an object in the configured storage plus its asset row. */
@Singleton
public class AudioFixtures {

    private static final AtomicLong NEXT_ITEM = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1);

    final AudioStorage storage;
    final AgroalDataSource dataSource;

    AudioFixtures(AudioStorage storage, AgroalDataSource dataSource) {
        this.storage = storage;
        this.dataSource = dataSource;
    }

    /** A stored WAV-sized blob of {@code size} deterministic bytes under a fresh valid name. */
    public Stored store(int size) {
        return store(size, AudioFormat.WAV);
    }

    /** A blob of {@code size} deterministic bytes stored as an item of the given format. */
    public Stored store(int size, AudioFormat format) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        String cacheKey = sha256(UUID.randomUUID().toString());
        String name = AudioFileName.of(7, NEXT_ITEM.getAndIncrement(), Instant.parse("2024-05-01T09:30:00Z"), cacheKey, format);
        storage.put(name, content, format.contentType());
        try (Connection c = dataSource.getConnection()) {
            AudioAssets.upsert(c, new AudioAssets.NewAsset(name, cacheKey, format.contentType(), size, 1000, 22050,
                    "espeak", "en"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Stored(name, content);
    }

    /** 1 while the asset row exists, 0 once it is gone. */
    public long assetRows(String name) {
        return queryLong("SELECT count(*) FROM audio_asset WHERE storage_key = ?", name);
    }

    long queryLong(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Stored(String name, byte[] content) {
        String url() {
            return "/audio/" + name;
        }
    }
}
