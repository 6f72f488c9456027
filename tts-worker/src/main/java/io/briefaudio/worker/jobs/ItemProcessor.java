package io.briefaudio.worker.jobs;

import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioAssets.AssetRef;
import io.briefaudio.shared.audio.AudioAssets.NewAsset;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.pronunciation.Lexicons;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.transcripts.SpeechTiming;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tracing.JobSpans;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.Delivery;
import io.briefaudio.worker.tts.NarratedFile;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.RawAudio;
import io.briefaudio.worker.tts.quality.OnFail;
import io.briefaudio.worker.tts.quality.QualityFailedException;
import io.briefaudio.worker.tts.quality.QualityReport;
import io.briefaudio.worker.tts.text.Lexicon;
import io.briefaudio.worker.voices.ClipReader;
import io.briefaudio.worker.voices.VoiceEmbeddings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Turns one claimed item into a stored audio asset: reuse the asset with the same content hash when
 * one exists ("cache audio files, don't regenerate"), otherwise narrate, encode, upload and record it.
 * Episode titles go through the same cache ({@link #narrateCached}).
 */
public class ItemProcessor {

    private static final Logger LOG = Logger.getLogger(ItemProcessor.class);

    private final Narrator narrator;
    private final AudioStorage storage;
    private final DataSource dataSource;
    private final VoiceEmbeddings voices;
    private final Delivery delivery;
    private final JobSpans spans;

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource) {
        this(narrator, storage, dataSource, defaultVoices(narrator, storage, dataSource), defaultCodec());
    }

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, FfmpegCodec codec) {
        this(narrator, storage, dataSource, defaultVoices(narrator, storage, dataSource), codec);
    }

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, VoiceEmbeddings voices) {
        this(narrator, storage, dataSource, voices, defaultCodec());
    }

    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, VoiceEmbeddings voices,
                         FfmpegCodec codec) {
        this(narrator, storage, dataSource, voices, codec, JobSpans.OFF);
    }

    /**
     * {@code spans}: each synthesis as a span under the current item's or episode's ({@code storage} wrapped by
     * {@link JobSpans#storage} adds the uploads).
     */
    public ItemProcessor(Narrator narrator, AudioStorage storage, DataSource dataSource, VoiceEmbeddings voices,
                         FfmpegCodec codec, JobSpans spans) {
        this.spans = spans;
        this.narrator = narrator;
        this.storage = storage;
        this.dataSource = dataSource;
        this.voices = voices;
        this.delivery = narrator.delivery(codec);
    }

    private static VoiceEmbeddings defaultVoices(Narrator narrator, AudioStorage storage, DataSource dataSource) {
        return new VoiceEmbeddings(narrator.engine(), storage, dataSource, new ClipReader("ffmpeg"));
    }

    private static FfmpegCodec defaultCodec() {
        return new FfmpegCodec("ffmpeg", Duration.ofMinutes(1));
    }

    /**
     * The stored asset for the item, whether it came from the cache, the length of the audio synthesized
     * ({@code audioMillis}, 0 for a cache hit), what the listener will not hear as written (a pronunciation this
     * engine could not speak) and what the quality gate found (null when it was off when the audio was made).
     */
    public record Result(long assetId, String storageKey, boolean cacheHit, long synthesisNanos, long audioMillis,
                         List<String> warnings, QualityReport quality) {

        Result withWarnings(List<String> more) {
            return new Result(assetId, storageKey, cacheHit, synthesisNanos, audioMillis, List.copyOf(more), quality);
        }
    }

    /** The routing key of the engine this processor narrates with ({@code espeak}, {@code xtts}, …): a metrics label. */
    public String engineName() {
        return narrator.engine().engine().id();
    }

    /**
     * The item's audio; its pronunciation warnings and quality report are recorded on it. Under
     * {@code briefaudio.quality.on-fail=fail} audio that fails a check is not stored: the item's report says why and
     * {@link QualityFailedException} fails the attempt.
     */
    public Result process(ClaimedItem item) throws SynthesisException, SQLException {
        Result result;
        try {
            result = narrateCached(item.text(), item.voiceId(), item.language(), item.tenantId(), item.format(),
                    Math.max(0, item.attempt() - 1), cacheKey -> AudioFileName.of(item.briefId(), item.briefItemId(),
                            item.jobCreatedAt(), cacheKey, item.format()));
        } catch (QualityFailedException e) {
            QualityRecords.onItem(dataSource, item, e.report());
            throw e;
        }
        for (String warning : result.warnings()) {
            LOG.warnf("Item %d of job %d: %s", item.itemId(), item.jobId(), warning);
        }
        if (result.quality() != null && result.quality().status() != QualityReport.Status.OK) {
            LOG.warnf("Item %d of job %d: quality %s: %s", item.itemId(), item.jobId(),
                    result.quality().status().wireName(), result.quality().summary());
        }
        recordWarnings(item, result.warnings());
        QualityRecords.onItem(dataSource, item, result.quality());
        return result;
    }

    /** The item's pronunciation warnings for its status, while this replica still holds the lease. */
    private void recordWarnings(ClaimedItem item, List<String> warnings) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE audio_job_item SET warnings = ? WHERE id = ? AND lease_token = ? AND warnings IS DISTINCT FROM ?")) {
            String text = warnings.isEmpty() ? null : String.join("\n", warnings);
            s.setString(1, text);
            s.setLong(2, item.itemId());
            s.setObject(3, item.leaseToken());
            s.setString(4, text);
            s.executeUpdate();
        }
    }

    /**
     * Text as stored audio in {@code format}, from the cache when the same prepared text, voice, language,
     * engine, narration settings and format were narrated before for this tenant; otherwise narrated and stored
     * under {@code nameFor(cacheKey)}. {@code voiceId} is a preset, a custom voice or a Kokoro voice ({@code kokoro:…}).
     */
    public Result narrateCached(String text, String voiceId, String language, long tenantId, AudioFormat format,
                                UnaryOperator<String> nameFor) throws SynthesisException, SQLException {
        return narrateCached(text, voiceId, language, tenantId, format, 0, nameFor);
    }

    /** As {@link #narrateCached(String, String, String, long, AudioFormat, UnaryOperator)} in attempt {@code round}. */
    private Result narrateCached(String text, String voiceId, String language, long tenantId, AudioFormat format,
                                 int round, UnaryOperator<String> nameFor) throws SynthesisException, SQLException {
        if (CustomVoices.isCustomId(voiceId)) {
            return processCustom(text, voiceId, language, tenantId, format, round, nameFor);
        }
        Optional<Engine> voiceEngine = Engine.ofVoiceId(voiceId);
        if (voiceEngine.isPresent()) {
            return processOwnVoice(text, voiceId, voiceEngine.get(), language, tenantId, format, round, nameFor);
        }
        VoicePreset voice = VoicePreset.byId(voiceId).orElseThrow(() ->
                new SynthesisException("unknown voice '" + voiceId + "'", true));
        Narrator.Prepared prepared = prepare(text, language, tenantId);
        return produce(cacheKey(prepared.text(), voice.id(), language, format, tenantId), voice.id(), format, nameFor,
                work -> narrator.narrate(work, prepared.text(), voice, language, round)).withWarnings(prepared.warnings());
    }

    /** A cloned voice: its embeddings for this model version (their digest in the cache key) and its base preset. */
    private Result processCustom(String text, String voiceId, String language, long tenantId, AudioFormat format,
                                 int round, UnaryOperator<String> nameFor) throws SynthesisException, SQLException {
        var engine = narrator.engine();
        if (!engine.canClone()) {
            throw new SynthesisException(engine.name() + " cannot speak the custom voice '" + voiceId
                    + "': cloned voices need an XTTS worker with the cloning graphs", true);
        }
        CustomVoices.Voice voice;
        try (Connection c = dataSource.getConnection()) {
            voice = CustomVoices.find(c, voiceId).orElseThrow(() ->
                    new SynthesisException("the custom voice '" + voiceId + "' was deleted", true));
        }
        if (!"ready".equals(voice.status())) {
            throw new SynthesisException("the custom voice '" + voice.id() + "' is " + voice.status(),
                    "failed".equals(voice.status()));
        }
        VoicePreset base = VoicePreset.byId(voice.basePreset()).orElse(VoicePreset.DEFAULT);
        CustomVoices.Embedding embedding = voices.forVoice(voice);
        ClonedVoice cloned = new ClonedVoice(embedding.modelVersion(), embedding.condLatent(), embedding.speakerEmbedding());
        Narrator.Prepared prepared = prepare(text, language, tenantId);
        String material = voice.id() + "\nbase=" + base.id() + "\nembedding=" + embedding.digest();
        return produce(cacheKey(prepared.text(), material, language, format, tenantId), voice.id(), format, nameFor,
                work -> narrator.narrate(work, prepared.text(), cloned, base, language, round)).withWarnings(prepared.warnings());
    }

    /**
     * The text as this engine will speak it, with the tenant's lexicon applied: since the lexicon's effect is in the
     * prepared text, and so in the cache key, an edited entry gives new audio and never the old.
     */
    private Narrator.Prepared prepare(String text, String language, long tenantId) throws SynthesisException, SQLException {
        Lexicon lexicon;
        try (Connection c = dataSource.getConnection()) {
            lexicon = new Lexicon(Lexicons.all(c, tenantId));
        }
        try {
            return narrator.prepare(text, language, lexicon);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
    }

    /**
     * One of the engine's own voices ({@code ENGINE:NAME}). The claim routes a job's items to workers of its engine,
     * and the API names the engine from the voice, so the two agree; a job written otherwise is refused for good.
     */
    private Result processOwnVoice(String text, String voiceId, Engine voiceEngine, String language, long tenantId,
                                   AudioFormat format, int round, UnaryOperator<String> nameFor)
            throws SynthesisException, SQLException {
        var engine = narrator.engine();
        if (engine.engine() != voiceEngine) {
            throw new SynthesisException("the voice '" + voiceId + "' belongs to " + voiceEngine.id() + ", but this job's "
                    + "items are spoken by " + engine.engine().id(), true);
        }
        String canonical = canonicalOwnVoice(voiceId, voiceEngine);
        String name = Engine.voiceName(canonical);
        Narrator.Prepared prepared = prepare(text, language, tenantId);
        return produce(cacheKey(prepared.text(), canonical, language, format, tenantId), voiceId, format, nameFor,
                work -> narrator.narrateOwnVoice(work, prepared.text(), name, language, round)).withWarnings(prepared.warnings());
    }

    /** A Kokoro mix written in another order or spacing is the same voice, so it shares the cache key. */
    private static String canonicalOwnVoice(String voiceId, Engine voiceEngine) throws SynthesisException {
        if (voiceEngine != Engine.KOKORO) {
            return voiceId;
        }
        try {
            return KokoroVoiceMix.parse(voiceId).id();
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
    }

    /** Narrates into a WAV file in the work directory {@code work}. */
    private interface Narration {
        NarratedFile run(Path work) throws SynthesisException;
    }

    /**
     * Reuses the asset with this cache key (and the quality report it was made with), or narrates, encodes, uploads
     * and records a new one; audio whose report fails is never stored. The audio goes from narration to upload
     * through files in a work directory of its own: 5,000 digits are half an hour of speech, and held in memory as
     * samples, WAV bytes and levelled copies they needed more than 2 GB of heap.
     */
    private Result produce(String cacheKey, String voiceId, AudioFormat format, UnaryOperator<String> nameFor,
                           Narration narration) throws SynthesisException, SQLException {
        Optional<AssetRef> cached = reusableAsset(cacheKey);
        if (cached.isPresent()) {
            return new Result(cached.get().id(), cached.get().storageKey(), true, 0, 0, List.of(),
                    QualityRecords.ofAsset(dataSource, cached.get().id()).orElse(null));
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("item-");
            return produce(cacheKey, voiceId, format, nameFor, narration, work);
        } catch (IOException e) {
            throw new SynthesisException("narrating through files in " + work + " failed: " + e, false, e);
        } finally {
            RawAudio.deleteQuietly(work);
        }
    }

    private Result produce(String cacheKey, String voiceId, AudioFormat format, UnaryOperator<String> nameFor,
                           Narration narration, Path work) throws SynthesisException, SQLException, IOException {
        long started = System.nanoTime();
        NarratedFile audio;
        Path encoded = work.resolve("encoded." + format.extension());
        try (JobSpans.Synthesis synthesis = spans.synthesis(voiceId, format)) {
            audio = narration.run(work);
            if (audio.quality() != null && audio.quality().status() == QualityReport.Status.FAIL) {
                throw new QualityFailedException(audio.quality());
            }
            delivery.encodeWav(audio.wav(), audio.sampleRate(), encoded, format, work);
            Files.delete(audio.wav());
            synthesis.done(audio.durationMillis());
        }
        long synthesisNanos = System.nanoTime() - started;
        if (Thread.currentThread().isInterrupted()) {
            throw new SynthesisException("interrupted: the lease was lost or the worker is stopping", false);
        }
        String key = nameFor.apply(cacheKey);
        long size = Files.size(encoded);
        storage.put(key, encoded, format.contentType());
        // Beside the audio, before the row: an asset the cache can hand out always has its timing.
        storage.put(SpeechTiming.keyFor(key), audio.timing().toJson(), SpeechTiming.CONTENT_TYPE);
        AssetRef stored = recordAsset(new NewAsset(key, cacheKey, format.contentType(), size,
                (int) audio.durationMillis(), audio.sampleRate(), narrator.engine().name(), voiceId), audio.quality());
        return new Result(stored.id(), stored.storageKey(), false, synthesisNanos, audio.durationMillis(), List.of(),
                audio.quality());
    }

    /**
     * Equal prepared text, voice, language, engine, model version, narration settings (pauses, fades,
     * loudness) and format give equal audio; anything else that changes the bytes must be added here. The cache
     * is kept per tenant: a shared asset's name holds another tenant's brief id, and its URL would reveal that the
     * text was narrated before. Tenant 1 keeps the keys it had before tenants existed. The speech-marks version
     * keeps audio made before timings were stored (which has none) out of the cache. Under
     * {@code briefaudio.quality.on-fail=fail} only passing audio is stored, so it has keys of its own: audio cached
     * under {@code warn}, which may fail a check, is never handed out there.
     */
    String cacheKey(String prepared, VoicePreset voice, String language, AudioFormat format, long tenantId) {
        return cacheKey(prepared, voice.id(), language, format, tenantId);
    }

    private String cacheKey(String prepared, String voiceMaterial, String language, AudioFormat format, long tenantId) {
        var engine = narrator.engine();
        var quality = narrator.quality().settings();
        String material = String.join("\n", engine.name(), engine.modelVersion(), narrator.settings().fingerprint(),
                voiceMaterial, language, format.id(), prepared, "speech-marks " + SpeechTiming.VERSION)
                + (tenantId == 1 ? "" : "\ntenant " + tenantId)
                + (quality.enabled() && quality.onFail() == OnFail.FAIL ? "\nquality on-fail=fail" : "");
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

    private AssetRef recordAsset(NewAsset asset, QualityReport quality) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            AssetRef stored = AudioAssets.upsert(c, asset);
            QualityRecords.onAsset(c, stored.id(), quality);
            if (!stored.storageKey().equals(asset.storageKey())) {
                // another replica stored the same content first; its objects win
                storage.delete(asset.storageKey());
                storage.delete(SpeechTiming.keyFor(asset.storageKey()));
            }
            return stored;
        }
    }
}
