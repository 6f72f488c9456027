package io.briefaudio.worker.jobs;

import io.briefaudio.shared.audio.AudioFormat;
import java.time.Instant;
import java.util.UUID;

/** An item this replica holds a lease on, with everything needed to narrate it. */
public record ClaimedItem(
        long itemId,
        long jobId,
        long briefId,
        long tenantId,
        long briefItemId,
        int position,
        int attempt,
        int maxAttempts,
        UUID leaseToken,
        String voiceId,
        String language,
        String text,
        AudioFormat format,
        Instant jobCreatedAt,
        double pickupSeconds) {
}
