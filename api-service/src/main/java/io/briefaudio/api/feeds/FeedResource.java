package io.briefaudio.api.feeds;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /feeds/briefs.rss}: the briefs' episodes as a podcast. */
@Path(FeedResource.PATH)
public class FeedResource {

    static final String PATH = "/feeds/briefs.rss";
    static final String RSS = "application/rss+xml; charset=UTF-8";

    private final FeedService feeds;

    public FeedResource(FeedService feeds) {
        this.feeds = feeds;
    }

    @GET
    @Produces(RSS)
    @Operation(summary = "Podcast feed (RSS 2.0, iTunes and Podcasting 2.0) of the latest briefs' episodes")
    public String feed() {
        return feeds.publicFeed();
    }
}
