package io.briefaudio.api.jobs;

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
     * The whole brief as one file with chapters; null until assembled. {@code plays}: downloads (docs/listening.md).
     * {@code transcriptUrl}: its captions as WebVTT (null for episodes assembled before transcripts existed).
     */
    public record EpisodeView(String url, String format, long durationMs, List<ChapterView> chapters, long plays,
                              String transcriptUrl) {
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
            String marksUrl) {
    }
}
