package io.briefaudio.worker.episodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeAssemblerTest {

    @Test
    void shouldOpenWithTheTitleAndTheDateInTheBriefsLanguage() {
        assertThat(EpisodeAssembler.opening(plan("Daily brief", "en"))).isEqualTo("Daily brief. Saturday, November 28, 2026.");
        assertThat(EpisodeAssembler.opening(plan("Le point du jour.", "fr"))).isEqualTo("Le point du jour. samedi 28 novembre 2026.");
    }

    @Test
    void shouldTitleAnUntitledItemsChapterWithTheStartOfItsText() {
        var untitled = new EpisodePlan.Part(1, 1, null,
                "Stocks rose on Tuesday as technology shares led a broad rally across the markets today", "k");
        var titled = new EpisodePlan.Part(2, 2, "  Weather ", "Rain later.", "k");

        assertThat(EpisodeAssembler.chapterTitle(untitled)).isEqualTo("Stocks rose on Tuesday as technology shares led a broad…");
        assertThat(EpisodeAssembler.chapterTitle(titled)).isEqualTo("Weather");
    }

    private static EpisodePlan plan(String title, String language) {
        return new EpisodePlan(1, 1, 1, title, Instant.parse("2026-11-28T07:00:00Z"), language, "warm",
                Instant.parse("2026-11-28T07:00:00Z"), List.of());
    }
}
