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
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import java.io.IOException;
import java.io.InputStream;
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
 * Spoken titles go through the item cache, so a rebuilt episode only decodes, joins and encodes.
 */
public class EpisodeAssembler {

    /** Pauses between the parts of an episode. */
    public record Pauses(Duration afterOpening, Duration afterTitle, Duration betweenItems) {
        public static final Pauses DEFAULTS = new Pauses(Duration.ofMillis(900), Duration.ofMillis(450),
                Duration.ofMillis(1200));
    }

    /** The stored episode: its asset, length, and chapters as JSON {@code [{"title", "start_ms"}]}. */
    public record Result(long assetId, String storageKey, long durationMillis, String chaptersJson) {
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

        Pcm opening = spoken(opening(plan), plan, voice, plan.briefId());
        Timeline timeline = new Timeline(opening.sampleRate());
        timeline.chapter(plan.briefTitle());
        timeline.append(opening);
        timeline.silence(pauses.afterOpening());
        for (EpisodePlan.Part part : plan.parts()) {
            timeline.chapter(chapterTitle(part));
            if (part.title() != null && !part.title().isBlank()) {
                timeline.append(spoken(part.title(), plan, voice, part.briefItemId()));
                timeline.silence(pauses.afterTitle());
            }
            timeline.append(decode(read(part.storageKey()), opening.sampleRate()));
            timeline.silence(pauses.betweenItems());
        }
        interruptedCheck();
        Pcm mastered = narrator.master(timeline.pcm());
        List<Chapter> chapters = timeline.chapters(mastered.durationMillis());
        byte[] encoded = narrator.delivery(codec).encode(mastered, format, plan.briefTitle(), chapters);
        interruptedCheck();
        AssetRef stored = store(plan, format, encoded, mastered, voice);
        return new Result(stored.id(), stored.storageKey(), mastered.durationMillis(), chaptersJson(chapters));
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
        String text = part.textStart().strip().replaceAll("\\s+", " ");
        if (text.length() <= CHAPTER_TITLE_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', CHAPTER_TITLE_CHARS);
        return text.substring(0, cut > 20 ? cut : CHAPTER_TITLE_CHARS) + "…";
    }

    private Pcm spoken(String text, EpisodePlan plan, String voice, long id) throws SynthesisException, SQLException {
        ItemProcessor.Result clip = items.narrateCached(text, voice, plan.language(), plan.tenantId(), AudioFormat.WAV, cacheKey ->
                AudioFileName.of(Kind.TITLE, plan.briefId(), id, plan.jobCreatedAt(), cacheKey, AudioFormat.WAV));
        return WavDecoder.decode(read(clip.storageKey()));
    }

    private Pcm decode(byte[] audio, int sampleRate) throws SynthesisException {
        try {
            return WavDecoder.decode(codec.decodeToWav(audio, sampleRate));
        } catch (CodecException e) {
            throw new SynthesisException("decoding an item for the episode failed: " + e.getMessage(), false, e);
        }
    }

    private byte[] read(String key) throws SynthesisException {
        try (InputStream in = storage.open(key, 0, Long.MAX_VALUE)) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new SynthesisException("cannot read " + key + " for the episode: " + e.getMessage(), false, e);
        }
    }

    private AssetRef store(EpisodePlan plan, AudioFormat format, byte[] encoded, Pcm pcm, String voice)
            throws SQLException {
        String hash = sha256(encoded);
        String key = AudioFileName.of(Kind.EPISODE, plan.briefId(), plan.jobId(), plan.jobCreatedAt(), hash, format);
        storage.put(key, encoded, format.contentType());
        try (Connection c = dataSource.getConnection()) {
            // Keyed by content (per tenant, like items): a byte-identical episode (same items, voice and format) is stored once.
            AssetRef stored = AudioAssets.upsert(c, new NewAsset(key, "episode:" + hash + (plan.tenantId() == 1 ? "" : ":tenant " + plan.tenantId()), format.contentType(),
                    encoded.length, (int) pcm.durationMillis(), pcm.sampleRate(), narrator.engine().name(), voice));
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

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
