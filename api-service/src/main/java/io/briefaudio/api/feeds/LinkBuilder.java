package io.briefaudio.api.feeds;

import java.net.URI;

/**
 * The absolute links a feed holds. Kept apart from the feed's XML so that a caller can hand in other links
 * (per-tenant feed URLs, signed enclosure links) without touching how the feed is written.
 */
public interface LinkBuilder {

    /** The feed's own URL (atom:link rel="self"). */
    URI feed();

    /** The site the feed belongs to. */
    URI site();

    /** Where the audio object with this storage key is served, attributed to the job's feed downloads. */
    URI audio(String storageKey, long jobId);

    /** The Podcasting 2.0 chapters document of a job's episode. */
    URI chapters(long jobId);

    /** A job's episode transcript, {@code extension} {@code vtt} or {@code json} (Podcasting 2.0 transcripts). */
    URI transcript(long jobId, String extension);

    /** The web page of a brief. */
    URI brief(long briefId);
}
