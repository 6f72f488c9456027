package io.briefaudio.api.listening;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Turns delivered bytes into downloads (IAB v2.1): per job, audio object (item position, 0 = episode), listener and
 * UTC day, a download counts once the union of the byte spans delivered reaches a minute of audio, or the whole
 * file when it is shorter. Range requests of one player (several at once) are serialised by an advisory lock per
 * key, so the union is computed over every span and the download inserted once.
 */
@ApplicationScoped
@Startup // its counters are exported from the start, at 0
public class DownloadCounter {

    private static final Logger LOG = Logger.getLogger(DownloadCounter.class);

    /** Bytes served by one response: {@code [firstByte, endByte)} of {@code storageKey}. */
    public record Delivery(Attribution attribution, String storageKey, long firstByte, long endByte,
                           String address, String userAgent, OptionalLong callerTenant) {
    }

    /** The audio object a job serves under a file name. */
    record Target(int position, long tenantId, long sizeBytes, int durationMs) {
    }

    private final AgroalDataSource dataSource;
    private final ListeningConfig config;
    private final BotAgents bots;
    private final Listeners listeners;
    private final Counter items;
    private final Counter episodes;

    public DownloadCounter(AgroalDataSource dataSource, ListeningConfig config, BotAgents bots, Listeners listeners,
                           MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.bots = bots;
        this.listeners = listeners;
        this.items = downloads(registry, "item");
        this.episodes = downloads(registry, "episode");
    }

    private static Counter downloads(MeterRegistry registry, String kind) {
        return Counter.builder("briefaudio.audio.downloads")
                .description("Audio downloads counted by the IAB v2.1 rules (docs/listening.md)")
                .tag("kind", kind).register(registry);
    }

    /**
     * Records a delivery; returns whether it completed a download. A counter is not worth failing playback for:
     * database trouble is only logged.
     */
    public boolean record(Delivery delivery) {
        if (!config.enabled() || delivery.endByte() <= delivery.firstByte() || bots.isBot(delivery.userAgent())) {
            return false;
        }
        try {
            boolean counted = QuarkusTransaction.requiringNew().call(() -> count(delivery));
            if (counted) {
                LOG.debugf("download of %s for job %d", delivery.storageKey(), delivery.attribution().jobId());
            }
            return counted;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not count a delivery of %s", delivery.storageKey());
            return false;
        }
    }

    private boolean count(Delivery delivery) throws SQLException {
        long jobId = delivery.attribution().jobId();
        try (Connection c = dataSource.getConnection()) {
            Optional<Target> found = target(c, jobId, delivery.storageKey());
            if (found.isEmpty() || (delivery.callerTenant().isPresent()
                    && delivery.callerTenant().getAsLong() != found.get().tenantId())) {
                return false; // not this job's audio (a stale or hand-made link), or another tenant's job
            }
            Target target = found.get();
            LocalDate day = today(c);
            String listener = listeners.listener(day, delivery.address(), delivery.userAgent());
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "audio-download:" + jobId + ":" + target.position() + ":" + day + ":" + listener);
                lock.execute();
            }
            if (counted(c, jobId, target.position(), day, listener)) {
                return false;
            }
            insertSpan(c, jobId, target.position(), day, listener, delivery);
            if (deliveredBytes(c, jobId, target.position(), day, listener) < threshold(target)) {
                return false;
            }
            insertDownload(c, jobId, target, day, listener, delivery.attribution().viaFeed());
            (target.position() == 0 ? episodes : items).increment();
            return true;
        }
    }

    /** Bytes that hold {@code minimum-audio} of this file, at most the whole file. */
    long threshold(Target target) {
        if (target.durationMs() <= 0) {
            return target.sizeBytes();
        }
        double perMs = (double) target.sizeBytes() / target.durationMs();
        return Math.min(target.sizeBytes(), (long) Math.ceil(perMs * config.minimumAudio().toMillis()));
    }

    static Optional<Target> target(Connection c, long jobId, String storageKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.position, b.tenant_id, a.size_bytes, a.duration_ms
                FROM (SELECT job_id, position, asset_id FROM audio_job_item WHERE job_id = ?
                      UNION ALL
                      SELECT job_id, 0, asset_id FROM audio_episode WHERE job_id = ?) t
                JOIN audio_asset a ON a.id = t.asset_id
                JOIN audio_job j ON j.id = t.job_id
                JOIN brief b ON b.id = j.brief_id
                WHERE a.storage_key = ?
                ORDER BY t.position LIMIT 1""")) {
            s.setLong(1, jobId);
            s.setLong(2, jobId);
            s.setString(3, storageKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Target(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)))
                        : Optional.empty();
            }
        }
    }

    /** The database's UTC day: one clock for every replica. */
    private static LocalDate today(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT (now() AT TIME ZONE 'UTC')::date");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        }
    }

    private static boolean counted(Connection c, long jobId, int position, LocalDate day, String listener) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM audio_download WHERE job_id = ? AND position = ? AND day = ? AND listener = ?")) {
            key(s, jobId, position, day, listener);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertSpan(Connection c, long jobId, int position, LocalDate day, String listener,
                                   Delivery delivery) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO audio_delivery (job_id, position, day, listener, first_byte, end_byte)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            key(s, jobId, position, day, listener);
            s.setLong(5, delivery.firstByte());
            s.setLong(6, delivery.endByte());
            s.executeUpdate();
        }
    }

    /** The union of the spans delivered so far: overlapping and repeated ranges count once. */
    private static long deliveredBytes(Connection c, long jobId, int position, LocalDate day, String listener)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT coalesce(sum(upper(r) - lower(r)), 0)
                FROM unnest((SELECT range_agg(int8range(first_byte, end_byte)) FROM audio_delivery
                             WHERE job_id = ? AND position = ? AND day = ? AND listener = ?)) r""")) {
            key(s, jobId, position, day, listener);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertDownload(Connection c, long jobId, Target target, LocalDate day, String listener,
                                       boolean viaFeed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH counted AS (
                    INSERT INTO audio_download (job_id, position, day, listener, tenant_id, via_feed)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (job_id, position, day, listener) DO NOTHING)
                DELETE FROM audio_delivery WHERE job_id = ? AND position = ? AND day = ? AND listener = ?""")) {
            key(s, jobId, target.position(), day, listener);
            s.setLong(5, target.tenantId());
            s.setBoolean(6, viaFeed);
            s.setLong(7, jobId);
            s.setInt(8, target.position());
            s.setObject(9, day);
            s.setString(10, listener);
            s.executeUpdate();
        }
    }

    private static void key(PreparedStatement s, long jobId, int position, LocalDate day, String listener)
            throws SQLException {
        s.setLong(1, jobId);
        s.setInt(2, position);
        s.setObject(3, day);
        s.setString(4, listener);
    }
}
