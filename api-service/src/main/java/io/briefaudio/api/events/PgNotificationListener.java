package io.briefaudio.api.events;

import io.briefaudio.shared.jobs.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API instance's one {@code LISTEN} connection: job events and webhook wake-ups arrive here and are
 * handed on as CDI events, so that a thousand SSE subscribers cost one connection and one thread.
 */
@ApplicationScoped
public class PgNotificationListener {

    /** Written by the V7 triggers: payload {@code jobId:seq}. */
    public static final String JOB_EVENTS = "audio_job_events";
    /** Written when webhook messages are queued: payload {@code jobId}. */
    public static final String WEBHOOK_DELIVERIES = "webhook_deliveries";

    /** One notification, or {@code connected} (payload null) after every (re)connect: catch up then. */
    public record Notification(String channel, String payload) {
        public static final String CONNECTED = "connected";
    }

    private final PgListener listener;

    public PgNotificationListener(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                                  Event<Notification> notifications) {
        this.listener = new PgListener(jdbcUrl, user.orElse(null), password.orElse(null), "brief-audio-api-listen",
                List.of(JOB_EVENTS, WEBHOOK_DELIVERIES), new PgListener.Handler() {
                    @Override
                    public void connected() {
                        notifications.fire(new Notification(Notification.CONNECTED, null));
                    }

                    @Override
                    public void notified(String channel, String payload) {
                        notifications.fire(new Notification(channel, payload));
                    }
                });
    }

    void start(@Observes StartupEvent ignored) {
        Thread thread = new Thread(listener, "pg-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        listener.stop();
    }
}
