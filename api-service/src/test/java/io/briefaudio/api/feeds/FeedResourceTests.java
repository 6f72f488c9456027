package io.briefaudio.api.feeds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.briefaudio.api.episodes.EpisodeFixtures;
import io.briefaudio.shared.audio.AudioFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@QuarkusTest
class FeedResourceTests {

    private static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static final String PODCAST = "https://podcastindex.org/namespace/1.0";

    @Inject
    EpisodeFixtures fixtures;

    @Test
    void shouldListTheNewestEpisodesAsAPodcastThatAFeedParserReads() throws Exception {
        String run = " " + UUID.randomUUID();
        var older = fixtures.completedJob("Monday brief" + run, AudioFormat.MP3);
        var newer = fixtures.completedJob("Tuesday brief" + run, AudioFormat.M4A);

        String xml = given().get("/feeds/briefs.rss").then().statusCode(200)
                .contentType("application/rss+xml").extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Brief Audio");
        assertThat(feed.getDescription()).isNotBlank();
        assertThat(feed.getLink()).isEqualTo("http://localhost:8080/");
        FeedInformation itunes = (FeedInformation) feed.getModule(ITUNES);
        assertThat(itunes.getAuthor()).isEqualTo("Brief Audio");
        assertThat(itunes.getCategories()).extracting(c -> c.getName()).contains("News");

        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertThat(titles.indexOf("Tuesday brief" + run)).isNotNegative().isLessThan(titles.indexOf("Monday brief" + run));
        SyndEntry entry = feed.getEntries().get(titles.indexOf("Tuesday brief" + run));
        assertThat(entry.getUri()).isEqualTo("briefaudio:" + newer.episodeKey());
        assertThat(entry.getPublishedDate()).isNotNull();
        SyndEnclosure enclosure = entry.getEnclosures().get(0);
        assertThat(enclosure.getUrl()).isEqualTo("http://localhost:8080/audio/" + newer.episodeKey() + "?job=" + newer.jobId() + "&via=feed");
        assertThat(enclosure.getType()).isEqualTo("audio/mp4");
        assertThat(enclosure.getLength()).isEqualTo(newer.episode().length);
        String served = given().head(URI.create(enclosure.getUrl()).getPath()).then().statusCode(200)
                .extract().header("Content-Length");
        assertThat(Long.parseLong(served)).isEqualTo(enclosure.getLength());
        EntryInformation entryItunes = (EntryInformation) entry.getModule(ITUNES);
        assertThat(entryItunes.getDuration().getMilliseconds()).isEqualTo(6_000);
        // ROME keeps the Podcasting 2.0 elements it has no module for as foreign markup, attributes as written.
        List<org.jdom2.Element> transcripts = entry.getForeignMarkup().stream()
                .filter(e -> e.getNamespaceURI().equals(PODCAST) && e.getName().equals("transcript")).toList();
        assertThat(transcripts).extracting(e -> e.getAttributeValue("type"), e -> e.getAttributeValue("rel"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text/vtt", "captions"),
                        org.assertj.core.groups.Tuple.tuple("application/json", null));
        assertThat(transcripts.get(0).getAttributeValue("url"))
                .isEqualTo("http://localhost:8080/api/brief/audio/job/" + newer.jobId() + "/transcript.vtt");
        assertThat(older.episodeKey()).endsWith(".mp3");
    }

    @Test
    void shouldCarryTheRequiredRssAndPodcastElements() throws Exception {
        String title = "Wednesday brief " + UUID.randomUUID();
        var stored = fixtures.completedJob(title, AudioFormat.OPUS);

        byte[] xml = given().get("/feeds/briefs.rss").then().statusCode(200).extract().asByteArray();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));

        Element rss = doc.getDocumentElement();
        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        for (String required : List.of("title", "link", "description", "language")) {
            assertThat(channel.getElementsByTagName(required).getLength()).as(required).isPositive();
        }
        assertThat(channel.getElementsByTagNameNS(ITUNES, "explicit").getLength()).isPositive();
        assertThat(channel.getElementsByTagNameNS(ITUNES, "category").getLength()).isPositive();
        Element item = null;
        for (int i = 0; i < channel.getElementsByTagName("item").getLength(); i++) {
            Element candidate = (Element) channel.getElementsByTagName("item").item(i);
            if (candidate.getElementsByTagName("title").item(0).getTextContent().equals(title)) {
                item = candidate;
            }
        }
        assertThat(item).isNotNull();
        Element enclosure = (Element) item.getElementsByTagName("enclosure").item(0);
        assertThat(enclosure.getAttribute("url")).startsWith("http://localhost:8080/audio/brief_");
        assertThat(enclosure.getAttribute("length")).isEqualTo(Integer.toString(stored.episode().length));
        assertThat(enclosure.getAttribute("type")).isEqualTo("audio/ogg");
        assertThat(item.getElementsByTagName("guid").item(0).getTextContent()).isNotBlank();
        assertThat(item.getElementsByTagName("pubDate").item(0).getTextContent()).matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} .*");
        assertThat(item.getElementsByTagNameNS(ITUNES, "duration").item(0).getTextContent()).isEqualTo("6");
        Element chapters = (Element) item.getElementsByTagNameNS(PODCAST, "chapters").item(0);
        assertThat(chapters.getAttribute("type")).isEqualTo("application/json+chapters");
        assertThat(chapters.getAttribute("url"))
                .isEqualTo("http://localhost:8080/api/brief/audio/job/" + stored.jobId() + "/chapters.json");
        given().get(URI.create(chapters.getAttribute("url")).getPath()).then().statusCode(200);
        var transcripts = item.getElementsByTagNameNS(PODCAST, "transcript");
        assertThat(transcripts.getLength()).isEqualTo(2);
        String base = "http://localhost:8080/api/brief/audio/job/" + stored.jobId() + "/transcript.";
        Element captions = (Element) transcripts.item(0);
        assertThat(captions.getAttribute("url")).isEqualTo(base + "vtt");
        assertThat(captions.getAttribute("type")).isEqualTo("text/vtt");
        assertThat(captions.getAttribute("rel")).isEqualTo("captions");
        assertThat(captions.getAttribute("language")).isEqualTo("en");
        Element json = (Element) transcripts.item(1);
        assertThat(json.getAttribute("url")).isEqualTo(base + "json");
        assertThat(json.getAttribute("type")).isEqualTo("application/json");
        assertThat(json.hasAttribute("rel")).isFalse();
        given().get(URI.create(captions.getAttribute("url")).getPath()).then().statusCode(200).contentType("text/vtt");
        given().get(URI.create(json.getAttribute("url")).getPath()).then().statusCode(200).contentType("application/json");
    }
}
