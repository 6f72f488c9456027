package io.briefaudio.api.briefs;

import io.briefaudio.api.jobs.JobViews.EpisodeView;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the brief endpoints (snake_case on the wire). */
public final class BriefViews {

    private BriefViews() {
    }

    public record CreateBriefRequest(String title, String language, List<NewItem> items, GenerateAudio generateAudio) {
    }

    /** {@code text_format}: {@code text} (the default; HTML and Markdown are read as a listener would) or {@code ssml}. */
    public record NewItem(String title, String text, String textFormat) {
    }

    public record GenerateAudio(String voiceId, String format, String engine) {
    }

    public record BriefView(long id, String title, String language, Instant createdAt, List<ItemView> items,
                            JobRef latestJob, EpisodeView episode) {
    }

    public record ItemView(long id, int position, String title, String text, ItemAudio audio) {
    }

    /** The newest finished audio of an item, whichever voice made it, and its speech marks. */
    public record ItemAudio(String audioUrl, int durationMs, String voiceId, long jobId, String marksUrl) {
    }

    /** The brief's newest job, so a client (the web page) can resume watching it. */
    public record JobRef(long jobId, String voiceId, String status, String statusUrl, String engine) {
    }

    public record BriefSummary(long id, String title, String language, Instant createdAt, int itemCount) {
    }

    public record BriefPage(List<BriefSummary> briefs, int page, int size, long total) {
    }
}
