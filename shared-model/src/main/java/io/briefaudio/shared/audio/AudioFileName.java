package io.briefaudio.shared.audio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of stored audio objects: {@code brief_{brief_id}_item_{item_id}_{timestamp}_{hash}.wav}.
 * The name is a storage key and part of the public {@code /audio/} URL, so anything that does not
 * match the pattern exactly is refused before storage is touched.
 */
public final class AudioFileName {

    public static final int MAX_LENGTH = 120;

    private static final Pattern PATTERN =
            Pattern.compile("brief_[1-9][0-9]{0,18}_item_[1-9][0-9]{0,18}_[0-9]{8}_[0-9]{6}_[0-9a-f]{8}\\.wav");
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
    public static String of(long briefId, long briefItemId, Instant jobCreatedAt, String cacheKey) {
        if (cacheKey.length() < 8 || !HexFormat.isHexDigit(cacheKey.charAt(0))) {
            throw new IllegalArgumentException("cache key must be a hex digest: " + cacheKey);
        }
        return "brief_%d_item_%d_%s_%s.wav".formatted(
                briefId, briefItemId, TIMESTAMP.format(jobCreatedAt), cacheKey.substring(0, 8).toLowerCase());
    }

    /** The public URL path under which the api-service serves the object. */
    public static String urlPath(String name) {
        return "/audio/" + name;
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && PATTERN.matcher(name).matches();
    }

    /**
     * A name a person can read when saving the file, e.g. {@code brief-12-item-34-2024-05-01.wav}; it
     * holds only digits, letters and dashes, so it needs no quoting in {@code Content-Disposition}.
     */
    public static String downloadName(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not an audio file name: " + name);
        }
        String[] parts = name.split("_"); // brief, {brief}, item, {item}, yyyyMMdd, HHmmss, {hash}.wav
        String day = parts[4];
        return "brief-%s-item-%s-%s-%s-%s.wav".formatted(parts[1], parts[3],
                day.substring(0, 4), day.substring(4, 6), day.substring(6, 8));
    }
}
