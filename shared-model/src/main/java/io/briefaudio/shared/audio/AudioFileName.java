package io.briefaudio.shared.audio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of stored audio objects: {@code brief_{brief_id}_{kind}_{id}_{timestamp}_{hash}.{ext}}, where the kind
 * is {@code item} (an item's audio, id of the brief item), {@code episode} (the whole brief, id of the job) or
 * {@code title} (a spoken title the episode is built from). The name is a storage key and part of the public
 * {@code /audio/} URL, so anything that does not match the pattern exactly is refused before storage is touched.
 */
public final class AudioFileName {

    public static final int MAX_LENGTH = 120;

    /** What a stored object holds. */
    public enum Kind { ITEM, EPISODE, TITLE }

    private static final Pattern PATTERN = Pattern.compile(
            "brief_([1-9][0-9]{0,18})_(item|episode|title)_([1-9][0-9]{0,18})_([0-9]{8})_[0-9]{6}_[0-9a-f]{8}\\.(wav|mp3|opus|m4a)");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private AudioFileName() {
    }

    /**
     * The deterministic name for one job item's audio: the same item of the same job always gets the
     * same name, so a retried upload overwrites rather than duplicates.
     *
     * @param jobCreatedAt the job's creation time (the timestamp part)
     * @param cacheKey     the content hash of the audio; its first eight hex digits are the hash part
     */
    public static String of(long briefId, long briefItemId, Instant jobCreatedAt, String cacheKey, AudioFormat format) {
        return of(Kind.ITEM, briefId, briefItemId, jobCreatedAt, cacheKey, format);
    }

    /** The name of any kind of object; {@code id} is the brief item's (item, title) or the job's (episode). */
    public static String of(Kind kind, long briefId, long id, Instant timestamp, String hash, AudioFormat format) {
        if (hash.length() < 8 || !HexFormat.isHexDigit(hash.charAt(0))) {
            throw new IllegalArgumentException("hash must be a hex digest: " + hash);
        }
        return "brief_%d_%s_%d_%s_%s.%s".formatted(briefId, kind.name().toLowerCase(), id,
                TIMESTAMP.format(timestamp), hash.substring(0, 8).toLowerCase(), format.extension());
    }

    /** The public URL path under which the api-service serves the object. */
    public static String urlPath(String name) {
        return "/audio/" + name;
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && PATTERN.matcher(name).matches();
    }

    /** The format a valid name's extension stands for. */
    public static AudioFormat format(String name) {
        return AudioFormat.byExtension(parse(name).group(5)).orElseThrow();
    }

    /**
     * A name a person can read when saving the file, e.g. {@code brief-12-item-34-2024-05-01.mp3}; it
     * holds only digits, letters and dashes, so it needs no quoting in {@code Content-Disposition}.
     */
    public static String downloadName(String name) {
        Matcher parts = parse(name);
        String day = parts.group(4);
        return "brief-%s-%s-%s-%s-%s-%s.%s".formatted(parts.group(1), parts.group(2), parts.group(3),
                day.substring(0, 4), day.substring(4, 6), day.substring(6, 8), parts.group(5));
    }

    private static Matcher parse(String name) {
        Matcher matcher = name == null || name.length() > MAX_LENGTH ? null : PATTERN.matcher(name);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not an audio file name: " + name);
        }
        return matcher;
    }
}
