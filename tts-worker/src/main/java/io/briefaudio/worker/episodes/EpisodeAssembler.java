package io.briefaudio.worker.episodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioAssets.AssetRef;
import io.briefaudio.shared.audio.AudioAssets.NewAsset;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFileName.Kind;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.Chapter;
import io.briefaudio.shared.audio.codec.CodecException;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.briefaudio.worker.jobs.ItemProcessor;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.RawAudio;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds a job's episode, the whole brief as one file: a spoken opening (the brief's title and date in the
 * job's voice), then each completed item's spoken title and audio, with short pauses; a chapter at the opening
 * and at each item; levelled like every narration and encoded in the episode's format with its chapters.
 * Spoken titles go through the item cache, so a rebuilt episode only decodes, joins and encodes. All of it runs
 * from storage through files and FFmpeg: the episode is never in memory whole (a 145-minute episode once held a
 * worker at 6.9 GB).
 */
public class EpisodeAssembler {

    /** Pauses between the parts of an episode. */
    public record Pauses(Duration afterOpening, Duration afterTitle, Duration betweenItems) {
        public static final Pauses DEFAULTS = new Pauses(Duration.ofMillis(900), Duration.ofMillis(450),
                Duration.ofMillis(1200));
    }

    /**
     * The stored episode: its asset, length, chapters as JSON {@code [{"title", "start_ms"}]} and captions as JSON
     * {@code [{"start_ms", "end_ms", "text"}]}.
     */
    public record Result(long assetId, String storageKey, long durationMillis, String chaptersJson,
                         String transcriptJson) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHAPTER_TITLE_CHARS = 60;

    private final ItemProcessor items;
    private final Narrator narrator;
    private final AudioStorage storage;
    private final DataSource dataSource;
    private final FfmpegCodec codec;
    private final Pauses pauses;

    public EpisodeAssembler(ItemProcessor items, Narrator narrator, AudioStorage storage, DataSource dataSource,
                            FfmpegCodec codec, Pauses pauses) {
        this.items = items;
        this.narrator = narrator;
        this.storage = storage;
        this.dataSource = dataSource;
        this.codec = codec;
        this.pauses = pauses;
    }

    public Result assemble(ClaimedEpisode episode) throws SynthesisException, SQLException {
        EpisodePlan plan;
        try (Connection c = dataSource.getConnection()) {
            plan = EpisodePlan.load(c, episode.jobId()).orElseThrow(() ->
                    new SynthesisException("job " + episode.jobId() + " is gone", true));
        }
        if (plan.parts().isEmpty()) {
            throw new SynthesisException("job " + episode.jobId() + " has no completed items to join", true);
        }
        String voice = plan.voiceId();
        AudioFormat format = AudioFormat.byId(episode.format()).orElseThrow(() ->
                new SynthesisException("unknown episode format '" + episode.format() + "'", true));
        Path work = null;
        try {
            work = Files.createTempDirectory("episode-" + episode.jobId() + "-");
            return assemble(plan, voice, format, work);
        } catch (IOException e) {
            throw new SynthesisException("assembling the episode on disk failed: " + e, false, e);
        } finally {
            RawAudio.deleteQuietly(work);
        }
    }

    /**
     * Joins the parts into a raw file (items decoded by FFmpeg from storage, file to file), levels it and encodes
     * it a block at a time: memory stays a few megabytes whatever the episode's length (disk: about 4 bytes per
     * sample for each of up to three files, 2.3 GB for 145 minutes at 22.05 kHz).
     */
    private Result assemble(EpisodePlan plan, String voice, AudioFormat format, Path work)
            throws SynthesisException, SQLException, IOException {
        String openingText = opening(plan);
        Clip opening = spoken(openingText, plan, voice, plan.briefId());
        int sampleRate = opening.pcm().sampleRate();
        EpisodeCaptions captions = new EpisodeCaptions(storage);
        Path joined = work.resolve("joined.f32");
        Timeline timeline = new Timeline(joined, sampleRate);
        try (timeline) {
            timeline.chapter(plan.briefTitle());
            captions.add(opening.storageKey(), openingText, timeline.durationMillis());
            timeline.append(opening.pcm());
            timeline.silence(pauses.afterOpening());
            for (EpisodePlan.Part part : plan.parts()) {
                timeline.chapter(chapterTitle(part));
                if (part.title() != null && !part.title().isBlank()) {
                    Clip title = spoken(part.title(), plan, voice, part.briefItemId());
                    captions.add(title.storageKey(), part.title(), timeline.durationMillis());
                    timeline.append(title.pcm());
                    timeline.silence(pauses.afterTitle());
                }
                captions.add(part.storageKey(), part.text(), timeline.durationMillis());
                timeline.append(decoded(part.storageKey(), sampleRate, work));
                timeline.silence(pauses.betweenItems());
                interruptedCheck();
            }
        }
        long durationMillis = timeline.durationMillis();
        Duration timeout = codecTimeout(durationMillis);
        Path levelled = work.resolve("levelled.f32");
        narrator.master(joined, levelled, sampleRate);
        Files.delete(joined);
        interruptedCheck();
        List<Chapter> chapters = timeline.chapters(durationMillis);
        Path encoded = work.resolve("episode." + format.extension());
        narrator.delivery(codec).encodeFile(levelled, sampleRate, encoded, format, plan.briefTitle(), chapters, work,
                timeout);
        interruptedCheck();
        AssetRef stored = store(plan, format, encoded, durationMillis, sampleRate, voice);
        return new Result(stored.id(), stored.storageKey(), durationMillis, chaptersJson(chapters), captions.toJson());
    }

    /** FFmpeg's limit grows with the episode: encoding hours of audio takes minutes on a busy machine. */
    private Duration codecTimeout(long durationMillis) {
        return codec.timeout().plusMillis(durationMillis / 10);
    }

    /** "Daily brief. Saturday, 28 November 2026." in the brief's language. */
    static String opening(EpisodePlan plan) {
        Locale locale = Locale.forLanguageTag(plan.language());
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)
                .format(plan.briefCreatedAt().atZone(ZoneOffset.UTC));
        String title = plan.briefTitle().strip();
        return title + (title.endsWith(".") ? " " : ". ") + date + ".";
    }

    static String chapterTitle(EpisodePlan.Part part) {
        if (part.title() != null && !part.title().isBlank()) {
            return part.title().strip();
        }
        String text = part.text().strip().replaceAll("\\s+", " ");
        if (text.length() <= CHAPTER_TITLE_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', CHAPTER_TITLE_CHARS);
        return text.substring(0, cut > 20 ? cut : CHAPTER_TITLE_CHARS) + "…";
    }

    /** A spoken title or opening, and where it is stored (its speech timing is beside it). */
    private record Clip(Pcm pcm, String storageKey) {
    }

    private Clip spoken(String text, EpisodePlan plan, String voice, long id) throws SynthesisException, SQLException {
        ItemProcessor.Result clip = items.narrateCached(text, voice, plan.language(), plan.tenantId(), AudioFormat.WAV, cacheKey ->
                AudioFileName.of(Kind.TITLE, plan.briefId(), id, plan.jobCreatedAt(), cacheKey, AudioFormat.WAV));
        try (InputStream in = storage.open(clip.storageKey(), 0, Long.MAX_VALUE)) {
            return new Clip(WavDecoder.decode(in.readAllBytes()), clip.storageKey()); // a spoken title: seconds, not minutes
        } catch (IOException | RuntimeException e) {
            throw new SynthesisException("cannot read " + clip.storageKey() + " for the episode: " + e.getMessage(), false, e);
        }
    }

    /** An item's audio, copied from storage to a file and decoded by FFmpeg to raw samples in another. */
    private Path decoded(String key, int sampleRate, Path work) throws SynthesisException, IOException {
        Path stored = work.resolve("item.audio");
        try (InputStream in = storage.open(key, 0, Long.MAX_VALUE)) {
            Files.copy(in, stored, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw new SynthesisException("cannot read " + key + " for the episode: " + e.getMessage(), false, e);
        }
        Path raw = work.resolve("item.f32");
        try {
            codec.decodeToRawFile(stored, raw, sampleRate, codec.timeout());
        } catch (CodecException e) {
            throw new SynthesisException("decoding an item for the episode failed: " + e.getMessage(), false, e);
        } finally {
            Files.delete(stored);
        }
        return raw;
    }

    private AssetRef store(EpisodePlan plan, AudioFormat format, Path encoded, long durationMillis, int sampleRate,
                           String voice) throws SQLException, IOException {
        String hash = sha256(encoded);
        String key = AudioFileName.of(Kind.EPISODE, plan.briefId(), plan.jobId(), plan.jobCreatedAt(), hash, format);
        storage.put(key, encoded, format.contentType());
        try (Connection c = dataSource.getConnection()) {
            // Keyed by content (per tenant, like items): a byte-identical episode (same items, voice and format) is stored once.
            AssetRef stored = AudioAssets.upsert(c, new NewAsset(key, "episode:" + hash + (plan.tenantId() == 1 ? "" : ":tenant " + plan.tenantId()), format.contentType(),
                    Files.size(encoded), (int) durationMillis, sampleRate, narrator.engine().name(), voice));
            if (!stored.storageKey().equals(key)) {
                storage.delete(key);
            }
            return stored;
        }
    }

    private static String chaptersJson(List<Chapter> chapters) {
        List<Map<String, Object>> rows = new ArrayList<>();
        chapters.forEach(ch -> rows.add(Map.of("title", ch.title(), "start_ms", ch.startMillis())));
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void interruptedCheck() throws SynthesisException {
        if (Thread.currentThread().isInterrupted()) {
            throw new SynthesisException("interrupted: the lease was lost or the worker is stopping", false);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
