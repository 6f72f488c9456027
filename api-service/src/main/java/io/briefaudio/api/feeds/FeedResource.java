package io.briefaudio.api.feeds;

import io.briefaudio.api.access.AuthConfig;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.access.PublicEndpoint;
import io.briefaudio.api.episodes.PodcastChapters;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The briefs' episodes as a podcast: {@code GET /feeds/briefs.rss} with auth off (everything is tenant 1's);
 * with auth on each tenant has its private {@code /feeds/{token}/briefs.rss} (tokens: {@code /api/feed-tokens}).
 */
@Path("/feeds")
public class FeedResource {

    static final String PATH = "/feeds/briefs.rss";
    static final String RSS = "application/rss+xml; charset=UTF-8";

    private final FeedService feeds;
    private final PodcastChapters chapters;
    private final Ownership ownership;
    private final AuthConfig auth;

    public FeedResource(FeedService feeds, PodcastChapters chapters, Ownership ownership, AuthConfig auth) {
        this.feeds = feeds;
        this.chapters = chapters;
        this.ownership = ownership;
        this.auth = auth;
    }

    static String tokenChaptersPath(String token, long jobId) {
        return "/feeds/" + token + "/jobs/" + jobId + "/chapters.json";
    }

    @GET
    @Path("/briefs.rss")
    @Produces(RSS)
    @PublicEndpoint
    @Operation(summary = "Podcast feed (RSS 2.0, iTunes and Podcasting 2.0) of the latest briefs' episodes; "
            + "only with auth off (with auth on, use a tenant's /feeds/{token}/briefs.rss)")
    public String feed() {
        if (auth.enabled()) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "With auth on, each tenant's feed is /feeds/{token}/briefs.rss;"
                    + " an admin key creates a token with POST /api/feed-tokens");
        }
        return feeds.publicFeed();
    }

    @GET
    @Path("/{token}/briefs.rss")
    @Produces(RSS)
    @PublicEndpoint(feedToken = true)
    @Operation(summary = "A tenant's private podcast feed; the feed token in the path stands in for a key")
    public String tenantFeed(@PathParam("token") String token) {
        return feeds.tokenFeed(token, ownership.tenantId());
    }

    @GET
    @Path("/{token}/jobs/{id: [0-9]{1,18}}/chapters.json")
    @Produces({PodcastChapters.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PublicEndpoint(feedToken = true)
    @Operation(summary = "The chapters of an episode of a private feed (Podcasting 2.0 JSON chapters)")
    public PodcastChapters.Document chapters(@PathParam("token") String token, @PathParam("id") long jobId) {
        return chapters.forJob(jobId);
    }
}
