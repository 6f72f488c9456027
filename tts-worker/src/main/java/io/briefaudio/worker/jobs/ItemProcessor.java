package io.briefaudio.worker.jobs;

import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioAssets.AssetRef;
import io.briefaudio.shared.audio.AudioAssets.NewAsset;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.Delivery;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.WavDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Turns one claimed item into a stored audio asset: reuse the asset with the same content hash when
 * one exists ("cache audio files, don't regenerate"), otherwise narrate, encode, upload and record it.
 * Episode titles go through the same cache ({@link #narrateCached}).
 */
public class ItemProcessor {

    private final Narrator narrator;
    private final AudioStorage storage;
    private final DataSource dataSource;
    private final Delivery delivery;

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, FfmpegCodec codec) {
        this.narrator = narrator;
        this.storage = storage;
        this.dataSource = dataSource;
        this.delivery = narrator.delivery(codec);
    }

    /** The stored asset for the item and whether it came from the cache. */
    public record Result(long assetId, String storageKey, boolean cacheHit, long synthesisNanos) {
    }

    public Result process(ClaimedItem item) throws SynthesisException, SQLException {
        VoicePreset voice = VoicePreset.byId(item.voiceId()).orElseThrow(() ->
                new SynthesisException("unknown voice '" + item.voiceId() + "'", true));
        return narrateCached(item.text(), voice, item.language(), item.format(), cacheKey ->
                AudioFileName.of(item.briefId(), item.briefItemId(), item.jobCreatedAt(), cacheKey, item.format()));
    }

    /**
     * Text as stored audio in {@code format}, from the cache when the same prepared text, voice, language,
     * engine and format were narrated before; otherwise narrated and stored under {@code nameFor(cacheKey)}.
     */
    public Result narrateCached(String text, VoicePreset voice, String language, AudioFormat format,
                                UnaryOperator<String> nameFor) throws SynthesisException, SQLException {
        String prepared = narrator.prepare(text, language);
        String cacheKey = cacheKey(prepared, voice, language, format);
        Optional<AssetRef> cached = reusableAsset(cacheKey);
        if (cached.isPresent()) {
            return new Result(cached.get().id(), cached.get().storageKey(), true, 0);
        }
        long started = System.nanoTime();
        NarratedAudio audio = narrator.narrate(prepared, voice, language);
        byte[] encoded = delivery.encode(WavDecoder.decode(audio.wav()), format, null, List.of());
        long synthesisNanos = System.nanoTime() - started;
        if (Thread.currentThread().isInterrupted()) {
            throw new SynthesisException("interrupted: the lease was lost or the worker is stopping", false);
        }
        String key = nameFor.apply(cacheKey);
        storage.put(key, encoded, format.contentType());
        AssetRef stored = recordAsset(new NewAsset(key, cacheKey, format.contentType(), encoded.length,
                (int) audio.durationMillis(), audio.sampleRate(), narrator.engine().name(), voice.id()));
        return new Result(stored.id(), stored.storageKey(), false, synthesisNanos);
    }

    /** Equal prepared text, voice, language, engine, model version and format give equal audio. */
    String cacheKey(String prepared, VoicePreset voice, String language, AudioFormat format) {
        var engine = narrator.engine();
        String material = String.join("\n", engine.name(), engine.modelVersion(), voice.id(), language,
                format.id(), narrator.mastering(), prepared);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An asset that can be reused as it is, or empty; a row whose object vanished is dropped. */
    private Optional<AssetRef> reusableAsset(String cacheKey) throws SQLException {
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
            return AudioAssets.touch(c, found.get().id()) ? found : Optional.empty();
        }
    }

    private AssetRef recordAsset(NewAsset asset) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            AssetRef stored = AudioAssets.upsert(c, asset);
            if (!stored.storageKey().equals(asset.storageKey())) {
                storage.delete(asset.storageKey()); // another replica stored the same content first; its object wins
            }
            return stored;
        }
    }
}
