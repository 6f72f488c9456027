package io.briefaudio.api.feeds;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.episodes.EpisodeService;
import io.briefaudio.api.episodes.EpisodeService.Episode;
import io.briefaudio.api.episodes.PodcastChapters;
import io.briefaudio.api.transcripts.TranscriptLinks;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, one item per brief episode.
 * {@link #write} takes the episodes and a {@link LinkBuilder}, so who may see which briefs and how links are
 * made (signed, per tenant) stay the caller's business.
 */
@ApplicationScoped
public class FeedService {

    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final String ATOM = "http://www.w3.org/2005/Atom";

    private final EpisodeService episodes;
    private final FeedConfig config;
    private final AudioLinks audioLinks;
    private final TranscriptLinks transcriptLinks;

    public FeedService(EpisodeService episodes, FeedConfig config, AudioLinks audioLinks,
                       TranscriptLinks transcriptLinks) {
        this.transcriptLinks = transcriptLinks;
        this.episodes = episodes;
        this.config = config;
        this.audioLinks = audioLinks;
    }

    /**
     * The feed of auth-off deployments: the newest episode of each of the latest briefs (all tenant 1's), with
     * plain links under the public base URL.
     */
    public String publicFeed() {
        return write(episodes.latestPerBrief(Caller.DEFAULT_TENANT, config.size()), new PublicLinks(config.publicBaseUrl()));
    }

    /** A tenant's private feed behind a feed token: only its briefs, enclosures signed for podcast apps. */
    public String tokenFeed(String token, long tenantId) {
        return write(episodes.latestPerBrief(tenantId, config.size()),
                new TokenFeedLinks(new PublicLinks(config.publicBaseUrl()), token, audioLinks, transcriptLinks));
    }

    public String write(List<Episode> items, LinkBuilder links) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("itunes", ITUNES);
            xml.writeNamespace("podcast", PODCAST);
            xml.writeNamespace("atom", ATOM);
            xml.writeStartElement("channel");
            text(xml, "title", config.title());
            text(xml, "link", links.site().toString());
            text(xml, "description", config.description());
            text(xml, "language", items.isEmpty() ? "en" : items.get(0).language());
            text(xml, "generator", "Brief Audio");
            xml.writeEmptyElement("atom", "link", ATOM);
            xml.writeAttribute("href", links.feed().toString());
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            text(xml, ITUNES, "author", config.author());
            text(xml, ITUNES, "explicit", "false");
            text(xml, ITUNES, "type", "episodic");
            xml.writeEmptyElement("itunes", "category", ITUNES);
            xml.writeAttribute("text", config.category());
            if (config.imageUrl().isPresent()) {
                xml.writeEmptyElement("itunes", "image", ITUNES);
                xml.writeAttribute("href", config.imageUrl().get());
            }
            for (Episode episode : items) {
                item(xml, episode, links);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
        return out.toString();
    }

    private static void item(XMLStreamWriter xml, Episode episode, LinkBuilder links) throws XMLStreamException {
        xml.writeStartElement("item");
        text(xml, "title", episode.briefTitle());
        text(xml, "description", episode.chapters().stream().skip(1).map(c -> c.title())
                .collect(Collectors.joining(" · ", "", "")));
        text(xml, "link", links.brief(episode.briefId()).toString());
        // The stored object's name holds its content hash: a rebuilt episode is a new guid.
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters("briefaudio:" + episode.storageKey());
        xml.writeEndElement();
        text(xml, "pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(episode.finishedAt().atOffset(ZoneOffset.UTC)));
        xml.writeEmptyElement("enclosure");
        xml.writeAttribute("url", links.audio(episode.storageKey(), episode.jobId()).toString());
        xml.writeAttribute("length", Long.toString(episode.sizeBytes()));
        xml.writeAttribute("type", episode.contentType());
        text(xml, ITUNES, "duration", Long.toString(Math.round(episode.durationMs() / 1000.0)));
        text(xml, ITUNES, "episodeType", "full");
        text(xml, ITUNES, "explicit", "false");
        xml.writeEmptyElement("podcast", "chapters", PODCAST);
        xml.writeAttribute("url", links.chapters(episode.jobId()).toString());
        xml.writeAttribute("type", PodcastChapters.MEDIA_TYPE);
        if (episode.hasTranscript()) {
            transcript(xml, links.transcript(episode.jobId(), TranscriptLinks.VTT), "text/vtt", episode.language(), true);
            transcript(xml, links.transcript(episode.jobId(), TranscriptLinks.JSON), "application/json",
                    episode.language(), false);
        }
        xml.writeEndElement();
    }

    /** A Podcasting 2.0 transcript; the captions (WebVTT) say so with {@code rel="captions"}. */
    private static void transcript(XMLStreamWriter xml, java.net.URI url, String type, String language, boolean captions)
            throws XMLStreamException {
        xml.writeEmptyElement("podcast", "transcript", PODCAST);
        xml.writeAttribute("url", url.toString());
        xml.writeAttribute("type", type);
        xml.writeAttribute("language", language);
        if (captions) {
            xml.writeAttribute("rel", "captions");
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String namespace, String name, String value) throws XMLStreamException {
        xml.writeStartElement(namespace.equals(ITUNES) ? "itunes" : "podcast", name, namespace);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
