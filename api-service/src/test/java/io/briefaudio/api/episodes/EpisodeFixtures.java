package io.briefaudio.api.episodes;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFileName.Kind;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.Chapter;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.testing.Tones;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.SpeechTiming;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A finished job with a stored episode, its items' speech timings and its captions, written the way the worker
 * writes them.
 */
@Singleton
public class EpisodeFixtures {

    /** The texts of the two items, as the brief_item rows hold them. */
    public static final List<String> ITEM_TEXTS = List.of("Stocks rose.", "Rain later.");

    private final AudioStorage storage;
    private final AgroalDataSource dataSource;
    private final FfmpegCodec codec = new FfmpegCodec("ffmpeg", Duration.ofMinutes(1));

    EpisodeFixtures(AudioStorage storage, AgroalDataSource dataSource) {
        this.storage = storage;
        this.dataSource = dataSource;
    }

    public record Stored(long briefId, long jobId, String episodeKey, byte[] episode) {
    }

    /** A brief titled {@code title} with two items, its completed job in {@code format} and its episode. */
    public Stored completedJob(String title, AudioFormat format) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long briefId = one(c, "INSERT INTO brief (title) VALUES (?) RETURNING id", title);
            one(c, "INSERT INTO brief_item (brief_id, position, title, body) VALUES (?, 1, 'Markets', 'Stocks rose.') RETURNING id", briefId);
            one(c, "INSERT INTO brief_item (brief_id, position, title, body) VALUES (?, 2, 'Weather', 'Rain later.') RETURNING id", briefId);
            long jobId = one(c, "INSERT INTO audio_job (brief_id, voice_id, format, total_items, completed_items, progress, "
                    + "status, completed_at) VALUES (?, 'warm', '" + format.id() + "', 2, 2, 100, 'completed', now()) RETURNING id", briefId);
            Instant created = Instant.now();
            for (int position = 1; position <= 2; position++) {
                long itemId = one(c, "SELECT id FROM brief_item WHERE brief_id = ? AND position = " + position, briefId);
                String itemKey = AudioFileName.of(briefId, itemId, created, hash(), format);
                long assetId = asset(c, itemKey, codec.encode(Tones.wav(2_000), format), format);
                String text = ITEM_TEXTS.get(position - 1);
                storage.put(SpeechTiming.keyFor(itemKey), new SpeechTiming(SpeechTiming.VERSION, text, 2_000,
                        List.of(new SpeechTiming.Span(100, 1_900, 0, text.length())), List.of(), List.of()).toJson(),
                        SpeechTiming.CONTENT_TYPE);
                one(c, "INSERT INTO audio_job_item (job_id, brief_item_id, position, state, attempt, asset_id, finished_at) "
                        + "VALUES (?, " + itemId + ", " + position + ", 'completed', 1, " + assetId + ", now()) RETURNING id", jobId);
            }
            AudioFormat episodeFormat = format.episodeFormat();
            byte[] episode = codec.encode(Tones.wav(6_000), episodeFormat, title, List.of(new Chapter(title, 0, 1_000),
                    new Chapter("Markets", 1_000, 3_500), new Chapter("Weather", 3_500, 6_000)));
            String key = AudioFileName.of(Kind.EPISODE, briefId, jobId, created, hash(), episodeFormat);
            long assetId = asset(c, key, episode, episodeFormat);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO audio_episode (job_id, format, state, attempt, asset_id, duration_ms, chapters, transcript,
                                               finished_at)
                    VALUES (?, ?, 'completed', 1, ?, 6000, ?::jsonb, ?::jsonb, now())""")) {
                s.setLong(1, jobId);
                s.setString(2, episodeFormat.id());
                s.setLong(3, assetId);
                s.setString(4, "[{\"title\": \"" + title + "\", \"start_ms\": 0}, {\"title\": \"Markets\", \"start_ms\": 1000}, "
                        + "{\"title\": \"Weather\", \"start_ms\": 3500}]");
                s.setString(5, Cue.toJson(transcript(title)));
                s.executeUpdate();
            }
            return new Stored(briefId, jobId, key, episode);
        }
    }

    /** The episode's captions as the worker stores them: the opening, then each item's title and sentence. */
    public static List<Cue> transcript(String title) {
        return List.of(new Cue(0, 800, title + "."), new Cue(1_000, 1_600, "Markets"), new Cue(1_700, 2_900, ITEM_TEXTS.get(0)),
                new Cue(3_500, 4_000, "Weather"), new Cue(4_100, 5_200, ITEM_TEXTS.get(1)));
    }

    private long asset(Connection c, String key, byte[] content, AudioFormat format) throws Exception {
        storage.put(key, content, format.contentType());
        return AudioAssets.upsert(c, new AudioAssets.NewAsset(key, hash(), format.contentType(), content.length, 2_000,
                Tones.RATE, "tone", "warm")).id();
    }

    /** A random 64-character content hash, as an asset's cache key has. */
    public static String hash() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").getBytes()).substring(0, 64);
    }

    /** The first column of the single row {@code sql} returns with its one parameter. */
    public static long one(Connection c, String sql, Object parameter) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
