package io.briefaudio.api.feeds;

import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.transcripts.TranscriptLinks;
import io.briefaudio.shared.audio.AudioFileName;
import java.net.URI;

/** Links under the configured public base URL ({@code briefaudio.feed.public-base-url}). */
public record PublicLinks(String baseUrl) implements LinkBuilder {

    public PublicLinks {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI base = URI.create(baseUrl);
        if (!base.isAbsolute() || base.getHost() == null) {
            throw new IllegalArgumentException("briefaudio.feed.public-base-url must be an absolute http(s) URL: " + baseUrl);
        }
    }

    @Override
    public URI feed() {
        return URI.create(baseUrl + FeedResource.PATH);
    }

    @Override
    public URI site() {
        return URI.create(baseUrl + "/");
    }

    @Override
    public URI audio(String storageKey, long jobId) {
        return URI.create(baseUrl + AudioFileName.urlPath(storageKey) + "?" + Attribution.feed(jobId).query());
    }

    @Override
    public URI chapters(long jobId) {
        return URI.create(baseUrl + "/api/brief/audio/job/" + jobId + "/chapters.json");
    }

    @Override
    public URI transcript(long jobId, String extension) {
        return URI.create(baseUrl + TranscriptLinks.transcriptPath(jobId, extension));
    }

    @Override
    public URI brief(long briefId) {
        return URI.create(baseUrl + "/brief.html?id=" + briefId);
    }
}
