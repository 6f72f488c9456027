package io.briefaudio.api.webhooks;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of {@code /api/webhooks} (snake_case on the wire). */
public final class WebhookViews {

    private WebhookViews() {
    }

    public record CreateWebhookRequest(String url, List<String> events) {
    }

    /** A webhook as listed; its secret is shown only once, in {@link CreatedWebhook}. */
    public record WebhookView(long id, String url, List<String> events, Instant createdAt) {
    }

    public record CreatedWebhook(long id, String url, List<String> events, String secret, Instant createdAt) {
    }

    /** One message to the webhook and its attempts, newest message first. */
    public record DeliveryView(long id, String messageId, String eventType, long jobId, String status, int attempts,
                               Integer responseCode, String lastError, Instant nextRetryAt, Instant createdAt,
                               Instant deliveredAt, List<AttemptView> attemptLog) {
    }

    public record AttemptView(int attempt, Integer responseCode, String error, int durationMs, Instant attemptedAt) {
    }

    public record DeliveryPage(List<DeliveryView> deliveries) {
    }
}
