package io.briefaudio.api.access;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.shared.audio.AudioFileName;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Audio URLs handed out in responses. Each names the job that serves it ({@link Attribution}: {@code job=ID}, and
 * {@code via=feed} in feeds), so downloads count for that job. With auth on they are signed links
 * {@code /audio/{file}?job=ID&exp={unix seconds}&sig={HMAC-SHA256(file "\n" exp "\njob=" ID ["\nvia=feed"]), base64url}}
 * that play without a key until they expire, and whose attribution cannot be changed; with auth off they are
 * {@code /audio/{file}?job=ID}. Links signed before attributions existed (file and exp only) still verify.
 * Expiry times are rounded up (to the hour, to the day for feeds) so a client sees the same URL across polls and
 * can cache by it.
 */
@ApplicationScoped
public class AudioLinks {

    private static final String HMAC = "HmacSHA256";

    private final AuthConfig config;
    private final byte[] secret;

    public AudioLinks(AuthConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.secret = config.linkSecret().map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> storedSecret(dataSource));
    }

    /** The URL a status, brief or episode response shows for a stored audio object served by a job. */
    public String url(String storageKey, Attribution attribution) {
        return config.enabled() ? signed(storageKey, config.linkTtl(), Duration.ofHours(1), attribution)
                : AudioFileName.urlPath(storageKey) + "?" + attribution.query();
    }

    /** An enclosure URL for a podcast feed: always signed (podcast apps send no headers), with the feed lifetime. */
    public String feedUrl(String storageKey, Attribution attribution) {
        return signed(storageKey, config.feedLinkTtl(), Duration.ofDays(1), attribution);
    }

    private String signed(String storageKey, Duration ttl, Duration rounding, Attribution attribution) {
        return signed(storageKey, Instant.ofEpochSecond(expiry(ttl, rounding)), attribution);
    }

    private static long expiry(Duration ttl, Duration rounding) {
        long step = rounding.toSeconds();
        return Math.floorDiv(Instant.now().plus(ttl).getEpochSecond() + step - 1, step) * step;
    }

    /**
     * The job's event stream URL for a status response. With auth on it is signed like an audio link (same key,
     * expiry rounded up to the hour, {@code briefaudio.auth.events-link-ttl}), because a browser's EventSource
     * cannot send a key; with auth off the plain path.
     */
    public String eventsUrl(long jobId) {
        String path = "/api/brief/audio/job/" + jobId + "/events";
        if (!config.enabled()) {
            return path;
        }
        return eventsUrl(jobId, Instant.ofEpochSecond(expiry(config.eventsLinkTtl(), Duration.ofHours(1))));
    }

    /** A signed events link valid until {@code expires} (to the second). */
    public String eventsUrl(long jobId, Instant expires) {
        long exp = expires.getEpochSecond();
        return "/api/brief/audio/job/" + jobId + "/events?exp=" + exp + "&sig=" + signature(eventsSubject(jobId), exp, Optional.empty());
    }

    /** Whether {@code exp} and {@code sig} are a valid, unexpired signature for the job's event stream. */
    public boolean verifyEvents(long jobId, String exp, String sig) {
        return verify(eventsSubject(jobId), exp, sig, Optional.empty());
    }

    /**
     * A URL for a job's resource that players and podcast apps fetch without a key (transcripts, speech marks): with
     * auth on, {@code path?exp=…&sig=…} signed over {@code subject} like an audio link (link-ttl, rounded up to the
     * hour); with auth off the plain path. {@code subject} names the resource and contains a colon, so that it can
     * equal no audio file name.
     */
    public String resourceUrl(String path, String subject) {
        if (!config.enabled()) {
            return path;
        }
        long exp = expiry(config.linkTtl(), Duration.ofHours(1));
        return path + "?exp=" + exp + "&sig=" + signature(subject, exp, Optional.empty());
    }

    /** As {@link #resourceUrl}, for a podcast feed: always signed, with the feed lifetime. */
    public String feedResourceUrl(String path, String subject) {
        long exp = expiry(config.feedLinkTtl(), Duration.ofDays(1));
        return path + "?exp=" + exp + "&sig=" + signature(subject, exp, Optional.empty());
    }

    /** Whether {@code exp} and {@code sig} are a valid, unexpired signature of a {@link #resourceUrl} subject. */
    public boolean verifyResource(String subject, String exp, String sig) {
        return verify(subject, exp, sig, Optional.empty());
    }

    /** Signed text that no audio file name can equal (those have no colon). */
    private static String eventsSubject(long jobId) {
        return "events:job:" + jobId;
    }

    /** A link valid until {@code expires} (to the second). */
    public String signed(String storageKey, Instant expires, Attribution attribution) {
        long exp = expires.getEpochSecond();
        return AudioFileName.urlPath(storageKey) + "?" + attribution.query() + "&exp=" + exp
                + "&sig=" + signature(storageKey, exp, Optional.of(attribution));
    }

    /**
     * Whether {@code exp} and {@code sig} are a valid, unexpired signature for this object and attribution (none:
     * a link from before attributions, which counts nothing).
     */
    public boolean verify(String storageKey, String exp, String sig, Optional<Attribution> attribution) {
        if (exp == null || sig == null || !exp.matches("[0-9]{1,12}")) {
            return false;
        }
        long expires = Long.parseLong(exp);
        byte[] expected = signature(storageKey, expires, attribution).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
        return genuine && Instant.now().getEpochSecond() < expires;
    }

    private String signature(String storageKey, long exp, Optional<Attribution> attribution) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            String signed = storageKey + "\n" + exp + attribution.map(Attribution::signedPart).orElse("");
            byte[] digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** The secret the migration generated, so every replica signs alike without configuration. */
    private static byte[] storedSecret(AgroalDataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT value FROM server_secret WHERE name = 'audio-links'");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("server_secret 'audio-links' is missing; was the V5 migration run?");
            }
            return rs.getBytes(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audio link secret", e);
        }
    }
}
