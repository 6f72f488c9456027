package io.briefaudio.worker.jobs;

import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Turns one claimed item into a stored audio asset: reuse the asset with the same content hash when
 * one exists ("cache audio files, don't regenerate"), otherwise narrate, upload and record it.
 */
public class ItemProcessor {

    private final Narrator narrator;
    private final AudioStorage storage;
    private final DataSource dataSource;

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource) {
        this.narrator = narrator;
        this.storage = storage;
        this.dataSource = dataSource;
    }

    /** The stored asset for the item and whether it came from the cache. */
    public record Result(long assetId, boolean cacheHit, long synthesisNanos) {
    }

    public Result process(ClaimedItem item) throws SynthesisException, SQLException {
        VoicePreset voice = VoicePreset.byId(item.voiceId()).orElseThrow(() ->
                new SynthesisException("unknown voice '" + item.voiceId() + "'", true));
        String prepared = narrator.prepare(item.text(), item.language());
        String cacheKey = cacheKey(prepared, voice, item.language());

        CacheLookup cached = lookUp(cacheKey);
        if (cached.usable()) {
            return new Result(cached.assetId(), true, 0);
        }
        long started = System.nanoTime();
        NarratedAudio audio = narrator.narrate(prepared, voice, item.language());
        long synthesisNanos = System.nanoTime() - started;
        if (Thread.currentThread().isInterrupted()) {
            throw new SynthesisException("interrupted: the lease was lost or the worker is stopping", false);
        }
        String key = AudioFileName.of(item.briefId(), item.briefItemId(), item.jobCreatedAt(), cacheKey);
        storage.put(key, audio.wav(), "audio/wav");
        return new Result(recordAsset(key, cacheKey, audio, voice, cached.stale()), false, synthesisNanos);
    }

    /** Equal prepared text, voice, language, engine and model version give equal audio. */
    String cacheKey(String prepared, VoicePreset voice, String language) {
        var engine = narrator.engine();
        String material = String.join("\n", engine.name(), engine.modelVersion(), voice.id(), language, prepared);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An asset row for the cache key; {@code stale} when the row exists but its object is gone. */
    private record CacheLookup(Long assetId, boolean stale) {
        boolean usable() {
            return assetId != null && !stale;
        }
    }

    private CacheLookup lookUp(String cacheKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE audio_asset SET last_used_at = now() WHERE cache_key = ? RETURNING id, storage_key")) {
            s.setString(1, cacheKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new CacheLookup(null, false);
                }
                return new CacheLookup(rs.getLong(1), storage.stat(rs.getString(2)).isEmpty());
            }
        }
    }

    private long recordAsset(String key, String cacheKey, NarratedAudio audio, VoicePreset voice, boolean replaceStale)
            throws SQLException {
        // Two replicas may narrate equal text at once: the first row wins and the loser's object goes.
        // A row whose object vanished is repointed at the fresh object instead.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO audio_asset (storage_key, cache_key, content_type, size_bytes, duration_ms, sample_rate,
                         engine, voice_id)
                     VALUES (?, ?, 'audio/wav', ?, ?, ?, ?, ?)
                     ON CONFLICT (cache_key) DO UPDATE SET last_used_at = now(),
                         storage_key = CASE WHEN ? THEN EXCLUDED.storage_key ELSE audio_asset.storage_key END,
                         size_bytes = CASE WHEN ? THEN EXCLUDED.size_bytes ELSE audio_asset.size_bytes END
                     RETURNING id, storage_key""")) {
            s.setString(1, key);
            s.setString(2, cacheKey);
            s.setLong(3, audio.wav().length);
            s.setLong(4, audio.durationMillis());
            s.setInt(5, audio.sampleRate());
            s.setString(6, narrator.engine().name());
            s.setString(7, voice.id());
            s.setBoolean(8, replaceStale);
            s.setBoolean(9, replaceStale);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getString(2).equals(key)) {
                    storage.delete(key);
                }
                return rs.getLong(1);
            }
        }
    }
}
