package io.briefaudio.api.feeds;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.FeedTokens;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.transcripts.TranscriptLinks;
import java.net.URI;

/**
 * Links of a tenant's private feed {@code /feeds/{token}/briefs.rss}: enclosures are signed with the feed
 * lifetime ({@link AudioLinks#feedUrl}), chapters are read through the same token, since podcast apps send
 * no keys, and transcripts through signed links with the same lifetime.
 */
record TokenFeedLinks(PublicLinks base, String token, AudioLinks audioLinks, TranscriptLinks transcriptLinks)
        implements LinkBuilder {

    @Override
    public URI feed() {
        return URI.create(base.baseUrl() + FeedTokens.feedPath(token));
    }

    @Override
    public URI site() {
        return base.site();
    }

    @Override
    public URI audio(String storageKey, long jobId) {
        return URI.create(base.baseUrl() + audioLinks.feedUrl(storageKey, Attribution.feed(jobId)));
    }

    @Override
    public URI chapters(long jobId) {
        return URI.create(base.baseUrl() + FeedResource.tokenChaptersPath(token, jobId));
    }

    @Override
    public URI transcript(long jobId, String extension) {
        return URI.create(base.baseUrl() + transcriptLinks.feedTranscriptUrl(jobId, extension));
    }

    @Override
    public URI brief(long briefId) {
        return base.brief(briefId);
    }
}
