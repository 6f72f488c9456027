package io.briefaudio.api.episodes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A job's episode chapters in the Podcasting 2.0 JSON chapters format (version 1.2.0). */
@ApplicationScoped
public class PodcastChapters {

    /** The media type the Podcasting 2.0 namespace gives JSON chapters. */
    public static final String MEDIA_TYPE = "application/json+chapters";

    /** The document; names are the format's own (camelCase), not the API's snake_case. */
    public record Document(@JsonProperty("version") String version, @JsonProperty("chapters") List<Entry> chapters) {
    }

    /** One chapter: where it starts, in seconds, and its title. */
    public record Entry(@JsonProperty("startTime") double startTime, @JsonProperty("title") String title) {
    }

    private final EpisodeService episodes;
    private final Ownership ownership;

    public PodcastChapters(EpisodeService episodes, Ownership ownership) {
        this.episodes = episodes;
        this.ownership = ownership;
    }

    /** The chapters of a job of the caller's tenant (another tenant's job is a 404). */
    public Document forJob(long jobId) {
        ownership.requireJob(jobId);
        var episode = episodes.forJob(jobId).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "Job " + jobId + " has no episode (yet): it is assembled when the job finishes with completed items"));
        return new Document("1.2.0", episode.chapters().stream()
                .map(ch -> new Entry(ch.startMs() / 1000.0, ch.title())).toList());
    }
}
