package io.briefaudio.api.webhooks;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.briefaudio.api.events.JobEventStore;
import io.briefaudio.api.events.PgNotificationListener;
import io.briefaudio.api.events.PgNotificationListener.Notification;
import io.briefaudio.api.webhooks.DeliveryQueue.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends the webhook outbox. Runs in the api-service (see docs/api.md, "Webhooks"): it renders the same
 * job status JSON as the API, and any number of instances share the work through SKIP LOCKED claims.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final DeliveryQueue queue;
    private final JobEventStore events;
    private final WebhooksConfig config;
    private final WebhookSender sender;
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> daemon(r, "webhook-wakeup"));
    /** Records attempts off the Vert.x event loop, which answers arrive on and which must never block. */
    private final ExecutorService recorders = Executors.newFixedThreadPool(4, r -> daemon(r, "webhook-record"));

    private final MeterRegistry registry;

    public WebhookDispatcher(AgroalDataSource dataSource, JobEventStore events, WebhooksConfig config, Vertx vertx,
                             MeterRegistry registry) {
        this.registry = registry;
        for (DeliveryQueue.Outcome outcome : DeliveryQueue.Outcome.values()) {
            deliveries(outcome); // every outcome is exported from the start, at 0
        }
        this.queue = new DeliveryQueue(dataSource, config);
        this.events = events;
        this.config = config;
        this.sender = new WebhookSender(vertx, config.timeout(), config.batchSize());
    }

    /** A trigger queued messages: send them now rather than at the next poll. */
    void onNotification(@Observes Notification notification) {
        if (PgNotificationListener.WEBHOOK_DELIVERIES.equals(notification.channel())) {
            wakeups.execute(this::dispatchDue);
        }
    }

    @Scheduled(every = "${briefaudio.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        dispatchDue();
    }

    void stop(@Observes ShutdownEvent ignored) {
        wakeups.shutdownNow();
        recorders.shutdown();
        sender.close();
    }

    private void dispatchDue() {
        if (!config.enabled() || !dispatching.compareAndSet(false, true)) {
            return;
        }
        try {
            queue.reapExpired();
            List<Claimed> claimed;
            do {
                claimed = queue.claim(config.batchSize());
                CompletableFuture.allOf(claimed.stream().map(this::deliver).toArray(CompletableFuture[]::new)).join();
            } while (claimed.size() == config.batchSize());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Webhook dispatch round failed; the next round retries", e);
        } finally {
            dispatching.set(false);
        }
    }

    private CompletableFuture<Void> deliver(Claimed message) {
        long started = System.nanoTime();
        String body;
        try {
            body = message.payload() != null ? message.payload() : queue.fixPayload(message, render(message));
            if (body == null) {
                return CompletableFuture.completedFuture(null); // lease lost meanwhile
            }
        } catch (SQLException | RuntimeException e) {
            return record(message, null, "cannot build the message: " + e.getMessage(), started);
        }
        URI url = URI.create(message.url());
        InetAddress address;
        try {
            // Resolved once: the connection goes to this checked address, whatever DNS answers next.
            address = TargetGuard.resolve(url, config.allowPrivateTargets(), InetAddress::getAllByName);
        } catch (TargetGuard.Refused e) {
            return record(message, null, "target refused: " + e.getMessage(), started);
        }
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of(
                "Content-Type", "application/json",
                "User-Agent", "BriefAudio-Webhooks/1",
                "webhook-id", message.messageId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.sign(message.secret(), message.messageId(), timestamp, body));
        return sender.post(url, address, headers, body)
                .handleAsync((code, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        String why = cause instanceof TimeoutException ? "timed out after " + config.timeout()
                                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
                        return record(message, null, why, started);
                    }
                    if (code >= 200 && code < 300) {
                        return record(message, code, null, started);
                    }
                    return record(message, code, code >= 300 && code < 400
                            ? "redirect not followed (HTTP " + code + ")" : "HTTP " + code, started);
                }, recorders).thenCompose(f -> f);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private String render(Claimed message) {
        var status = events.status(message.jobId())
                .orElseThrow(() -> new IllegalStateException("job " + message.jobId() + " no longer exists"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", message.eventType());
        body.put("timestamp", message.createdAt().toString());
        body.put("data", events.data(status, message.briefItemId()));
        return events.json(body);
    }

    private CompletableFuture<Void> record(Claimed message, Integer code, String error, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        try {
            DeliveryQueue.Outcome outcome = error == null ? queue.succeed(message, code, millis)
                    : queue.fail(message, code, error, millis);
            deliveries(outcome).increment();
            if (outcome == DeliveryQueue.Outcome.FAILED) {
                LOG.warnf("Webhook message %s to %s failed for good after %d attempts: %s",
                        message.messageId(), message.url(), message.attempt(), error);
            }
        } catch (SQLException e) {
            // The lease runs out and the message is reaped and sent again: at least once.
            LOG.warnf(e, "Cannot record attempt of webhook message %s", message.messageId());
        }
        return CompletableFuture.completedFuture(null);
    }

    /** {@code briefaudio_webhook_deliveries_total{outcome}}: one per attempt, by what it led to. */
    private Counter deliveries(DeliveryQueue.Outcome outcome) {
        return Counter.builder("briefaudio.webhook.deliveries").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
}
