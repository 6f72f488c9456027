package io.briefaudio.api.events;

import io.briefaudio.api.events.JobEventStore.Recorded;
import io.briefaudio.api.events.PgNotificationListener.Notification;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Fans this instance's job events out to its subscribers. Notifications only say "job J has news"; the
 * events themselves are read from audio_job_event, once per job for all its subscribers, and each
 * subscriber gets those after its own cursor. So nothing is lost to a missed or coalesced notification,
 * a reconnect with {@code Last-Event-ID} resumes exactly, and no subscriber holds a thread.
 */
@ApplicationScoped
public class JobEventHub {

    private static final Logger LOG = Logger.getLogger(JobEventHub.class);
    /** Cursor of a subscriber that came without Last-Event-ID: it gets the current state first. */
    private static final long WANTS_SNAPSHOT = -1;

    private final JobEventStore store;
    private final EventsConfig config;
    private final Vertx vertx;
    private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Set<Long> refreshQueued = ConcurrentHashMap.newKeySet();
    /** One thread reads and fans out, so a subscriber's events are emitted in order without locks. */
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "job-events-fan-out");
        t.setDaemon(true);
        return t;
    });
    private long heartbeatTimer;

    public JobEventHub(JobEventStore store, EventsConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    private static final class Subscriber {
        final long jobId;
        final MultiEmitter<? super JobEvent> emitter;
        /** The last event id this subscriber has; only the fan-out thread changes it. */
        long cursor;

        Subscriber(long jobId, long cursor, MultiEmitter<? super JobEvent> emitter) {
            this.jobId = jobId;
            this.cursor = cursor;
            this.emitter = emitter;
        }
    }

    @PostConstruct
    void startHeartbeat() {
        heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> subscribers.values()
                .forEach(set -> set.forEach(s -> s.emitter.emit(JobEvent.heartbeat()))));
    }

    void stop(@Observes ShutdownEvent ignored) {
        vertx.cancelTimer(heartbeatTimer);
        subscribers.values().forEach(set -> set.forEach(s -> s.emitter.complete()));
        fanOut.shutdownNow();
    }

    /**
     * The job's events after {@code lastEventId}, or (without one) its current state first, then every
     * change until the final event, after which the stream completes.
     */
    public Multi<JobEvent> subscribe(long jobId, Long lastEventId) {
        return Multi.createFrom().<JobEvent>emitter(emitter -> {
            Subscriber s = new Subscriber(jobId, lastEventId == null ? WANTS_SNAPSHOT : lastEventId, emitter);
            subscribers.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(s);
            emitter.onTermination(() -> unsubscribe(s));
            refresh(jobId);
        }, BackPressureStrategy.BUFFER);
    }

    /** How many streams this instance serves now. */
    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    void onNotification(@Observes Notification notification) {
        if (Notification.CONNECTED.equals(notification.channel())) {
            subscribers.keySet().forEach(this::refresh);
        } else if (PgNotificationListener.JOB_EVENTS.equals(notification.channel())) {
            String payload = notification.payload();
            long jobId = Long.parseLong(payload.substring(0, payload.indexOf(':')));
            if (subscribers.containsKey(jobId)) {
                refresh(jobId);
            }
        }
    }

    private void unsubscribe(Subscriber s) {
        subscribers.computeIfPresent(s.jobId, (id, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** Queues one read for the job; notifications arriving before it runs are served by the same read. */
    private void refresh(long jobId) {
        if (refreshQueued.add(jobId)) {
            fanOut.execute(() -> {
                refreshQueued.remove(jobId);
                try {
                    deliver(jobId);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Cannot deliver events of job %d", jobId);
                }
            });
        }
    }

    /**
     * Finished, and its episode (if it has one) completed or failed too: nothing more will happen, the stream
     * closes. A finished job whose episode is being made keeps its stream open for the episode's event.
     */
    private static boolean settled(JobStatusView status) {
        return JobEvent.isFinal(status.status())
                && !("queued".equals(status.episodeStatus()) || "processing".equals(status.episodeStatus()));
    }

    private JobEvent snapshot(long latest, JobStatusView status, boolean settled) {
        String type;
        if (!JobEvent.isFinal(status.status())) {
            type = "progress";
        } else if (settled && !"cancelled".equals(status.status()) && status.episodeStatus() != null) {
            type = "episode." + status.episodeStatus();
        } else {
            type = status.status();
        }
        ObjectNode data = store.data(status, null);
        if (type.equals("completed") || type.equals("failed")) {
            data.put("episode_follows", !settled);
        }
        return new JobEvent(latest, type, store.json(data), settled);
    }

    private JobEvent event(Recorded r, JobStatusView status) {
        ObjectNode data = store.data(status, r.briefItemId());
        boolean jobEnd = r.type().equals("completed") || r.type().equals("failed");
        if (jobEnd) {
            data.put("episode_follows", r.episodeFollows());
        }
        boolean closes = r.type().equals("cancelled") || r.type().startsWith("episode.") || jobEnd && !r.episodeFollows();
        return new JobEvent(r.seq(), r.type(), store.json(data), closes);
    }

    private void deliver(long jobId) {
        Set<Subscriber> set = subscribers.get(jobId);
        if (set == null || set.isEmpty()) {
            return;
        }
        long from = set.stream().mapToLong(s -> s.cursor).filter(c -> c >= 0).min().orElse(Long.MAX_VALUE);
        List<Recorded> recorded = from == Long.MAX_VALUE ? List.of() : store.after(jobId, from);
        long latest = recorded.isEmpty() ? store.latestSeq(jobId) : recorded.get(recorded.size() - 1).seq();
        Optional<JobStatusView> status = store.status(jobId);
        if (status.isEmpty()) {
            set.forEach(s -> s.emitter.complete());
            return;
        }
        Map<Long, JobEvent> rendered = new HashMap<>();
        JobEvent snapshot = null;
        boolean settled = settled(status.get());
        for (Subscriber s : new ArrayList<>(set)) {
            List<JobEvent> out = new ArrayList<>();
            if (s.cursor == WANTS_SNAPSHOT || s.cursor >= latest && settled) {
                // The current state (or, for a settled job, its final event again) under the latest id.
                if (snapshot == null) {
                    snapshot = snapshot(latest, status.get(), settled);
                }
                out.add(snapshot);
            } else {
                for (Recorded r : recorded) {
                    if (r.seq() > s.cursor) {
                        out.add(rendered.computeIfAbsent(r.seq(), seq -> event(r, status.get())));
                    }
                }
            }
            for (JobEvent event : out) {
                s.emitter.emit(event);
                s.cursor = event.id();
                if (event.isFinal()) {
                    s.emitter.complete();
                    break;
                }
            }
        }
    }
}
