package io.briefaudio.worker.jobs;

import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioAssets.AssetRef;
import io.briefaudio.shared.audio.AudioAssets.NewAsset;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.voices.ClipReader;
import io.briefaudio.worker.voices.VoiceEmbeddings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Turns one claimed item into a stored audio asset: reuse the asset with the same content hash when
 * one exists ("cache audio files, don't regenerate"), otherwise narrate, upload and record it.
 */
public class ItemProcessor {

    private final Narrator narrator;
    private final AudioStorage storage;
    private final DataSource dataSource;
    private final VoiceEmbeddings voices;

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource) {
        this(narrator, storage, dataSource, new VoiceEmbeddings(narrator.engine(), storage, dataSource,
                new ClipReader("ffmpeg")));
    }

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, VoiceEmbeddings voices) {
        this.narrator = narrator;
        this.storage = storage;
        this.dataSource = dataSource;
        this.voices = voices;
    }

    /** The stored asset for the item and whether it came from the cache. */
    public record Result(long assetId, boolean cacheHit, long synthesisNanos) {
    }

    public Result process(ClaimedItem item) throws SynthesisException, SQLException {
        if (CustomVoices.isCustomId(item.voiceId())) {
            return processCustom(item);
        }
        VoicePreset voice = VoicePreset.byId(item.voiceId()).orElseThrow(() ->
                new SynthesisException("unknown voice '" + item.voiceId() + "'", true));
        String prepared = narrator.prepare(item.text(), item.language());
        return produce(item, cacheKey(prepared, voice, item.language(), item.tenantId()), voice.id(),
                () -> narrator.narrate(prepared, voice, item.language()));
    }

    /** A cloned voice: its embeddings for this model version (their digest in the cache key) and its base preset. */
    private Result processCustom(ClaimedItem item) throws SynthesisException, SQLException {
        var engine = narrator.engine();
        if (!engine.canClone()) {
            throw new SynthesisException(engine.name() + " cannot speak the custom voice '" + item.voiceId()
                    + "': cloned voices need an XTTS worker with the cloning graphs", true);
        }
        CustomVoices.Voice voice;
        try (Connection c = dataSource.getConnection()) {
            voice = CustomVoices.find(c, item.voiceId()).orElseThrow(() ->
                    new SynthesisException("the custom voice '" + item.voiceId() + "' was deleted", true));
        }
        if (!"ready".equals(voice.status())) {
            throw new SynthesisException("the custom voice '" + voice.id() + "' is " + voice.status(),
                    "failed".equals(voice.status()));
        }
        VoicePreset base = VoicePreset.byId(voice.basePreset()).orElse(VoicePreset.DEFAULT);
        CustomVoices.Embedding embedding = voices.forVoice(voice);
        ClonedVoice cloned = new ClonedVoice(embedding.modelVersion(), embedding.condLatent(), embedding.speakerEmbedding());
        String prepared = narrator.prepare(item.text(), item.language());
        String material = voice.id() + "\nbase=" + base.id() + "\nembedding=" + embedding.digest();
        return produce(item, cacheKey(prepared, material, item.language(), item.tenantId()), voice.id(),
                () -> narrator.narrate(prepared, cloned, base, item.language()));
    }

    private interface Narration {
        NarratedAudio run() throws SynthesisException;
    }

    /** Reuses the asset with this cache key, or narrates, uploads and records a new one. */
    private Result produce(ClaimedItem item, String cacheKey, String voiceId, Narration narration)
            throws SynthesisException, SQLException {
        Optional<Long> cached = reusableAsset(cacheKey);
        if (cached.isPresent()) {
            return new Result(cached.get(), true, 0);
        }
        long started = System.nanoTime();
        NarratedAudio audio = narration.run();
        long synthesisNanos = System.nanoTime() - started;
        if (Thread.currentThread().isInterrupted()) {
            throw new SynthesisException("interrupted: the lease was lost or the worker is stopping", false);
        }
        String key = AudioFileName.of(item.briefId(), item.briefItemId(), item.jobCreatedAt(), cacheKey);
        storage.put(key, audio.wav(), "audio/wav");
        return new Result(recordAsset(key, cacheKey, audio, voiceId), false, synthesisNanos);
    }

    /**
     * Equal prepared text, voice, language, engine, model version and narration settings (pauses, fades,
     * loudness) give equal audio; anything else that changes the bytes must be added here. The cache is kept per
     * tenant: a shared asset's name holds another tenant's brief id, and its URL would reveal that the text was
     * narrated before. Tenant 1 keeps the keys it had before tenants existed.
     */
    String cacheKey(String prepared, VoicePreset voice, String language, long tenantId) {
        return cacheKey(prepared, voice.id(), language, tenantId);
    }

    private String cacheKey(String prepared, String voiceMaterial, String language, long tenantId) {
        var engine = narrator.engine();
        String material = String.join("\n", engine.name(), engine.modelVersion(), narrator.settings().fingerprint(),
                voiceMaterial, language, prepared) + (tenantId == 1 ? "" : "\ntenant " + tenantId);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An asset that can be reused as it is, or empty; a row whose object vanished is dropped. */
    private Optional<Long> reusableAsset(String cacheKey) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<AssetRef> found = AudioAssets.findByCacheKey(c, cacheKey);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (storage.stat(found.get().storageKey()).isEmpty()) {
                AudioAssets.forget(c, found.get().id());
                return Optional.empty();
            }
            // touch fails when retention deleted the asset after we found it: synthesize instead
            return AudioAssets.touch(c, found.get().id()) ? Optional.of(found.get().id()) : Optional.empty();
        }
    }

    private long recordAsset(String key, String cacheKey, NarratedAudio audio, String voiceId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            AssetRef stored = AudioAssets.upsert(c, new NewAsset(key, cacheKey, "audio/wav", audio.wav().length,
                    (int) audio.durationMillis(), audio.sampleRate(), narrator.engine().name(), voiceId));
            if (!stored.storageKey().equals(key)) {
                storage.delete(key); // another replica stored the same content first; its object wins
            }
            return stored.id();
        }
    }
}
