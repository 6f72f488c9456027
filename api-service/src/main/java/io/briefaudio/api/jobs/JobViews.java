package io.briefaudio.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** Response bodies of the job endpoints; field names follow the original design (snake_case on the wire). */
public final class JobViews {

    private JobViews() {
    }

    public record GenerateRequest(String voiceId, String format, String engine) {
    }

    /** {@code warnings}: what may keep the job waiting (no live worker runs its engine); empty otherwise. */
    public record GenerateResponse(boolean success, long jobId, String status, int totalItems, String engine,
                                   List<String> warnings) {
    }

    /** A job as the status endpoint reports it: the original fields, then the additions. */
    public record JobStatusView(
            long id,
            long briefId,
            String voiceId,
            String status,
            int progress,
            int totalItems,
            int completedItems,
            String errorMessage,
            int failedItems,
            Instant createdAt,
            Instant startedAt,
            Instant completedAt,
            Instant updatedAt,
            List<ItemStatusView> items,
            String format,
            EpisodeView episode,
            String episodeStatus,
            String engine,
            String waitingForEngine,
            String eventsUrl) {
    }

    /**
     * The whole brief as one file with chapters; null until assembled. {@code plays}: downloads (docs/listening.md);
     * {@code quality}: the worst of its items' (null when none has a report). {@code transcriptUrl}: its captions as
     * WebVTT (null for episodes assembled before transcripts existed).
     */
    public record EpisodeView(String url, String format, long durationMs, List<ChapterView> chapters, long plays,
                              QualityView quality, String transcriptUrl) {
    }

    /**
     * What the worker's quality gate found in a narration (docs/quality.md): {@code status} ok, warn or fail, the
     * checks the kept audio fails, and how many sentence re-syntheses it took.
     */
    public record QualityView(String status, List<QualityCheck> checks, int resynthesized) {
    }

    /**
     * A failed check: the measured {@code value}, the {@code limit} it crossed, the {@code sentence} (1 is the item's
     * first) and, in an episode's report only, the {@code item}'s position.
     */
    public record QualityCheck(String name, double value, double limit, int sentence,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer item) {
    }

    public record ChapterView(String title, long startMs) {
    }

    public record ItemStatusView(
            long itemId,
            int position,
            String status,
            String audioUrl,
            Integer durationMs,
            String error,
            int attempt,
            List<AttemptError> errors,
            long plays,
            String engine,
            String spokenBy,
            List<String> warnings,
            QualityView quality,
            String marksUrl) {
    }
}
