package io.briefaudio.api.jobs;

import java.time.Instant;
import java.util.List;

/** Response bodies of the job endpoints; field names follow the original design (snake_case on the wire). */
public final class JobViews {

    private JobViews() {
    }

    public record GenerateRequest(String voiceId, String format) {
    }

    public record GenerateResponse(boolean success, long jobId, String status, int totalItems) {
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
            String episodeStatus) {
    }

    /** The whole brief as one file with chapters; null until assembled. */
    public record EpisodeView(String url, String format, long durationMs, List<ChapterView> chapters) {
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
            List<String> warnings) {
    }
}
