package io.briefaudio.api.listening;

import static io.briefaudio.api.episodes.EpisodeFixtures.hash;
import static io.briefaudio.api.episodes.EpisodeFixtures.one;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.audio.AudioFileName.Kind;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.storage.AudioStorage;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Completed jobs whose items and episode hold stored audio of a chosen length, at 1,000 bytes per second of audio
 * (so a minute is 60,000 bytes), written the way the worker writes them.
 */
@Singleton
public class ListeningFixtures {

    public static final int BYTES_PER_SECOND = 1_000;

    private final AudioStorage storage;
    private final AgroalDataSource dataSource;

    ListeningFixtures(AudioStorage storage, AgroalDataSource dataSource) {
        this.storage = storage;
        this.dataSource = dataSource;
    }

    /** An audio object as the status shows it. */
    public record Audio(String key, long assetId, int seconds) {
        public String path() {
            return "/audio/" + key;
        }

        public int size() {
            return seconds * BYTES_PER_SECOND;
        }
    }

    public record Job(long tenantId, long briefId, long jobId, List<Long> itemIds, List<Audio> items, Audio episode) {
        /** The link the status hands out for item {@code position} (1-based), or the episode for 0. */
        public String link(int position) {
            return (position == 0 ? episode : items.get(position - 1)).path() + "?job=" + jobId;
        }
    }

    /** A brief of tenant 1 with items of these lengths (seconds) and an episode of {@code episodeSeconds}. */
    public Job completedJob(int episodeSeconds, int... itemSeconds) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long briefId = one(c, "INSERT INTO brief (title) VALUES (?) RETURNING id", "Listened brief");
            List<Audio> items = new ArrayList<>();
            for (int seconds : itemSeconds) {
                items.add(store(c, AudioFileName.of(briefId, items.size() + 1, Instant.now(), hash(), AudioFormat.WAV), seconds));
            }
            String episodeKey = AudioFileName.of(Kind.EPISODE, briefId, briefId, Instant.now(), hash(), AudioFormat.MP3);
            return job(c, 1, briefId, items, store(c, episodeKey, episodeSeconds));
        }
    }

    /** A brief of another tenant whose job reuses {@code other}'s cached files, as the worker's cache does. */
    public Job sharingFiles(String tenant, Job other) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long tenantId = one(c, """
                    INSERT INTO tenant (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name
                    RETURNING id""", tenant);
            long briefId = one(c, "INSERT INTO brief (title, tenant_id) VALUES (?, " + tenantId + ") RETURNING id",
                    "Same words, other tenant");
            return job(c, tenantId, briefId, other.items(), other.episode());
        }
    }

    private Job job(Connection c, long tenantId, long briefId, List<Audio> items, Audio episode) throws Exception {
        long jobId = one(c, "INSERT INTO audio_job (brief_id, voice_id, format, total_items, completed_items, progress, "
                + "status, completed_at) VALUES (?, 'warm', 'wav', " + items.size() + ", " + items.size()
                + ", 100, 'completed', now()) RETURNING id", briefId);
        List<Long> itemIds = new ArrayList<>();
        for (int position = 1; position <= items.size(); position++) {
            long itemId = one(c, "INSERT INTO brief_item (brief_id, position, body) VALUES (?, " + position
                    + ", 'Words.') RETURNING id", briefId);
            itemIds.add(itemId);
            one(c, "INSERT INTO audio_job_item (job_id, brief_item_id, position, state, attempt, asset_id, finished_at) "
                    + "VALUES (?, " + itemId + ", " + position + ", 'completed', 1, " + items.get(position - 1).assetId()
                    + ", now()) RETURNING id", jobId);
        }
        one(c, "INSERT INTO audio_episode (job_id, format, state, attempt, asset_id, duration_ms, chapters, finished_at) "
                + "VALUES (?, 'mp3', 'completed', 1, " + episode.assetId() + ", " + episode.seconds() * 1000
                + ", '[]'::jsonb, now()) RETURNING id", jobId);
        return new Job(tenantId, briefId, jobId, itemIds, items, episode);
    }

    private Audio store(Connection c, String key, int seconds) throws Exception {
        byte[] content = new byte[seconds * BYTES_PER_SECOND];
        new Random(seconds).nextBytes(content);
        AudioFormat format = AudioFileName.format(key);
        storage.put(key, content, format.contentType());
        long id = AudioAssets.upsert(c, new AudioAssets.NewAsset(key, hash(), format.contentType(), content.length,
                seconds * 1000, 24_000, "tone", "warm")).id();
        return new Audio(key, id, seconds);
    }

    /** Downloads counted for a job and position. */
    public long downloads(long jobId, int position) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audio_download WHERE job_id = ? AND position = ?")) {
            s.setLong(1, jobId);
            s.setInt(2, position);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long count(String sql, long jobId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return one(c, sql, jobId);
        }
    }

    public void execute(String sql, long jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            s.executeUpdate();
        }
    }
}
