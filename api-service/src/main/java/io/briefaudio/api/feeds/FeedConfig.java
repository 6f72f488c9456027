package io.briefaudio.api.feeds;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The podcast feed at /feeds/briefs.rss. */
@ConfigMapping(prefix = "briefaudio.feed")
public interface FeedConfig {

    /** Absolute base URL the feed's links start with (podcast apps need absolute URLs), without a trailing slash. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** How many briefs (newest first) the feed lists. */
    @WithDefault("20")
    int size();

    /** The podcast's title. */
    @WithDefault("Brief Audio")
    String title();

    /** The podcast's description. */
    @WithDefault("Daily news briefs, narrated.")
    String description();

    /** The podcast's author and owner name (itunes:author). */
    @WithDefault("Brief Audio")
    String author();

    /** Cover art URL (itunes:image; Apple asks for a 1400–3000 px square). */
    Optional<String> imageUrl();

    /** Apple Podcasts category (itunes:category). */
    @WithDefault("News")
    String category();
}
